using System.Globalization;
using System.Text;

namespace Sipas.Analytics.Interchange;

/// <summary>
/// Writes and reads the results CSV of interchange.md:
/// <c>wave,indicator,group_type,group_code,section,item,n_valid,n_positive,estimate,se,ci_low,ci_high,n_eff,flags</c>.
/// Numbers are invariant culture, round-trip precision; undefined values are empty; text cells are neutralised
/// against formula injection (<see cref="SpreadsheetText"/>).
/// </summary>
public static class ResultsCsv
{
    /// <summary>The header row.</summary>
    public const string Header =
        "wave,indicator,group_type,group_code,section,item,n_valid,n_positive,estimate,se,ci_low,ci_high,n_eff,flags";

    /// <summary>Writes <paramref name="rows"/> with a header, LF line ends, UTF-8 without BOM.</summary>
    public static void Write(Stream stream, IEnumerable<ResultRow> rows)
    {
        using var writer = new StreamWriter(stream, CsvText.Utf8, 1 << 16, leaveOpen: true);
        writer.Write(Header + "\n");
        foreach (var r in rows)
            CsvText.WriteRow(writer, CsvText.Text(r.Wave), CsvText.Text(r.Indicator), ResultText.Of(r.GroupType),
                CsvText.Text(r.GroupCode), CsvText.Text(r.Section), CsvText.Text(r.Item),
                r.NValid.ToString(CultureInfo.InvariantCulture), CsvText.Number(r.NPositive), CsvText.Number(r.Estimate),
                CsvText.Number(r.Se), CsvText.Number(r.Ci.Lower), CsvText.Number(r.Ci.Upper), CsvText.Number(r.NEff),
                CsvText.Text(ResultText.Of(r.Flags)));
    }

    /// <summary>
    /// Reads a results CSV (the expected-results.csv files of the spec, or a file this class wrote). Faults name
    /// the line; rows with faults are left out.
    /// </summary>
    public static (IReadOnlyList<ResultRow> Rows, IReadOnlyList<InputFault> Faults) Read(Stream stream)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, true, 1 << 16, leaveOpen: true);
        using var reader = CsvText.Reader(text);
        var header = CsvText.Header(reader);
        var faults = new List<InputFault>();
        var rows = new List<ResultRow>();
        if (string.Join(',', header) != Header)
            return (rows, [new InputFault(CsvText.Line(1), "Tiêu đề không đúng", $"Header must be {Header}")]);
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            var f = row.ColCount == 14 ? row[..].ToStringsArray() : null;
            if (f is null || !TryGroupType(f[2], out var type) || !int.TryParse(f[6], CultureInfo.InvariantCulture, out var nValid) ||
                !CsvText.TryNumber(f[7], out var nPositive) || !CsvText.TryNumber(f[8], out var estimate) ||
                !CsvText.TryNumber(f[9], out var se) || !CsvText.TryNumber(f[10], out var low) ||
                !CsvText.TryNumber(f[11], out var high) || !CsvText.TryNumber(f[12], out var nEff) ||
                !ResultText.TryParseFlags(f[13], out var flags))
            {
                faults.Add(new InputFault(CsvText.Line(line), "Dòng kết quả không hợp lệ", "Malformed results row"));
                continue;
            }
            rows.Add(new ResultRow(f[0], f[1], type, f[3], f[4], f[5], nValid,
                f[7].Length == 0 ? null : nPositive, estimate, se, new Interval(low, high), nEff, flags));
        }
        return (rows, faults);
    }

    /// <summary>Parses a group type word (<c>province</c>, <c>agency</c>, …).</summary>
    public static bool TryGroupType(string text, out GroupType type)
    {
        foreach (var t in Enum.GetValues<GroupType>())
            if (ResultText.Of(t) == text) { type = t; return true; }
        type = default;
        return false;
    }
}
