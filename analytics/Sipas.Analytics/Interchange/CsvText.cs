using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Sipas.Analytics.Interchange;

/// <summary>Small helpers shared by the CSV writers: RFC 4180 quoting and invariant number formatting.</summary>
public static class CsvText
{
    /// <summary>UTF-8 without BOM: what every writer emits (interchange.md: "a BOM is … never written").</summary>
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// A number in invariant culture with round-trip precision ("R": at least the 15–17 significant digits that
    /// identify the double), or empty for NaN and null.
    /// </summary>
    public static string Number(double? value) =>
        value is { } v && !double.IsNaN(v) ? v.ToString("R", CultureInfo.InvariantCulture) : "";

    /// <summary>A field quoted when it holds a comma, a quote or a line break (quotes doubled).</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";

    /// <summary>
    /// A text cell (a comment, a name, a code): neutralised against formula injection
    /// (<see cref="SpreadsheetText.Neutralise"/>), then quoted as needed. Numbers go through <see cref="Number"/>.
    /// </summary>
    public static string Text(string value) => SpreadsheetText.Neutralise(value);

    /// <summary>Writes one row: fields quoted as needed, joined by commas, ended by LF. Pass text cells through
    /// <see cref="Text"/> and numbers through <see cref="Number"/>.</summary>
    public static void WriteRow(TextWriter writer, params ReadOnlySpan<string> fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0) writer.Write(',');
            writer.Write(Field(fields[i]));
        }
        writer.Write('\n');
    }

    /// <summary>Parses an invariant-culture number; empty text is NaN; false when malformed.</summary>
    public static bool TryNumber(ReadOnlySpan<char> text, out double value)
    {
        if (text.IsEmpty) { value = double.NaN; return true; }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
               double.IsFinite(value);
    }

    /// <summary>
    /// An RFC 4180 reader over <paramref name="text"/> that returns the header as its first row (Sep's own
    /// header handling throws on a repeated column name, which must be a reported fault instead), unescapes
    /// quoted fields and leaves column counts for the caller to check.
    /// </summary>
    internal static SepReader Reader(TextReader text) => Sep.New(',').Reader(o => o with
    {
        HasHeader = false, Unescape = true, DisableColCountCheck = true, DisableFastFloat = true,
    }).From(text);

    /// <summary>Reads the header row of <paramref name="reader"/>; empty for an empty file.</summary>
    internal static string[] Header(SepReader reader) => reader.MoveNext() ? reader.Current[..].ToStringsArray() : [];

    /// <summary>
    /// True when the raw text of <paramref name="row"/> holds an odd number of quotes: a quoted field that is
    /// never closed (which would swallow every later line into one field) or a stray quote. Call before any
    /// column is read: unescaping rewrites the row's text in place.
    /// </summary>
    internal static bool HasUnbalancedQuotes(SepReader.Row row) => (row.Span.Count('"') & 1) == 1;

    /// <summary>Where a CSV fault is: <c>line N</c>, N the physical line on which the row starts.</summary>
    internal static string Line(int line) => $"line {line}";
}
