namespace Sipas.Analytics.Interchange;

/// <summary>
/// The one guard against formula injection (CSV injection) in every CSV and XLSX file Sipas writes for people:
/// a text cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return would be taken
/// for a formula by a spreadsheet (<c>=HYPERLINK(…)</c> in a citizen's comment), so it gets a leading single quote,
/// as OWASP advises. Apply it to text cells only (comments, names, codes), never to numbers: <c>-0.5</c> written
/// as a number stays a number, and the figures of the interchange files keep their values.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>The prefix that makes a spreadsheet read the cell as text.</summary>
    public const char Quote = '\'';

    /// <summary>True when <paramref name="text"/> would start a formula in a spreadsheet.</summary>
    public static bool LooksLikeFormula(ReadOnlySpan<char> text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary><paramref name="text"/> with a leading <c>'</c> when it would start a formula; otherwise as is.</summary>
    public static string Neutralise(string text) => LooksLikeFormula(text) ? Quote + text : text;
}
