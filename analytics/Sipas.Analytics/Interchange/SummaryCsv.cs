using System.Globalization;

namespace Sipas.Analytics.Interchange;

/// <summary>
/// Writers of the files written beside results (interchange.md, in the layouts of the examples'
/// expected-reliability.csv, expected-counts.csv and expected-verdicts.csv). LF line ends, UTF-8 without BOM; text
/// cells neutralised against formula injection (<see cref="SpreadsheetText"/>), numbers as they are.
/// </summary>
public static class SummaryCsv
{
    /// <summary>Header of the reliability file.</summary>
    public const string ReliabilityHeader = "group_type,group_code,section,n_complete,alpha";
    /// <summary>Header of the counts file.</summary>
    public const string CountsHeader = "wave,group_type,group_code,n_responses,n_valid_responses,n_invalid";
    /// <summary>Header of the verdicts file.</summary>
    public const string VerdictsHeader =
        "wave,indicator,year,group_type,group_code,comparator,threshold,estimate,ci_low,ci_high,verdict,qualifier,display";

    /// <summary>Writes reliability rows; an undefined alpha is empty.</summary>
    public static void WriteReliability(Stream stream, IEnumerable<ReliabilityRow> rows) => Write(stream,
        ReliabilityHeader, rows, (w, r) => CsvText.WriteRow(w, ResultText.Of(r.GroupType), CsvText.Text(r.GroupCode), CsvText.Text(r.Section),
            Int(r.NComplete), CsvText.Number(r.Alpha)));

    /// <summary>Writes count rows.</summary>
    public static void WriteCounts(Stream stream, IEnumerable<CountRow> rows) => Write(stream, CountsHeader, rows,
        (w, r) => CsvText.WriteRow(w, CsvText.Text(r.Wave), ResultText.Of(r.GroupType), CsvText.Text(r.GroupCode), Int(r.NResponses),
            Int(r.NValidResponses), Int(r.NInvalid)));

    /// <summary>Writes verdict rows; an undefined estimate leaves verdict, qualifier and display empty.</summary>
    public static void WriteVerdicts(Stream stream, IEnumerable<VerdictRow> rows) => Write(stream, VerdictsHeader,
        rows, (w, r) => CsvText.WriteRow(w, CsvText.Text(r.Wave), CsvText.Text(r.Target.Indicator), Int(r.Target.Year),
            ResultText.Of(r.GroupType), CsvText.Text(r.GroupCode), Targets.Symbol(r.Target.Comparator), CsvText.Number(r.Target.Threshold),
            CsvText.Number(r.Estimate), CsvText.Number(r.Ci.Lower), CsvText.Number(r.Ci.Upper),
            r.Verdict?.VerdictText ?? "", r.Verdict?.QualifierText ?? "", CsvText.Text(r.Display)));

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Write<T>(Stream stream, string header, IEnumerable<T> rows, Action<TextWriter, T> write)
    {
        using var writer = new StreamWriter(stream, CsvText.Utf8, 1 << 16, leaveOpen: true);
        writer.Write(header + "\n");
        foreach (var row in rows) write(writer, row);
    }
}
