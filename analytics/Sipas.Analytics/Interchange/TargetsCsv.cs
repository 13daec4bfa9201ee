using System.Globalization;
using System.Text;

namespace Sipas.Analytics.Interchange;

/// <summary>Reads targets <c>indicator,year,comparator,threshold</c> (threshold a proportion, comparator &gt; or ≥).</summary>
public static class TargetsCsv
{
    /// <summary>Reads targets; every malformed row is a fault with its line, and the list is then null.</summary>
    public static (IReadOnlyList<Target>? Targets, IReadOnlyList<InputFault> Faults) Read(Stream stream)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, true, 1 << 16, leaveOpen: true);
        using var reader = CsvText.Reader(text);
        var header = CsvText.Header(reader);
        var faults = new List<InputFault>();
        var targets = new List<Target>();
        if (string.Join(',', header) != "indicator,year,comparator,threshold")
            return (null, [new InputFault(CsvText.Line(1), "Tiêu đề phải là indicator,year,comparator,threshold",
                "Header must be indicator,year,comparator,threshold")]);
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount != 4 || row[0].Span.IsEmpty ||
                !int.TryParse(row[1].Span, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
                !Targets.TryParseComparator(row[2].ToString(), out var comparator) ||
                !CsvText.TryNumber(row[3].Span, out var threshold) || !(threshold is >= 0 and <= 1))
            {
                faults.Add(new InputFault(CsvText.Line(line),
                    "Chỉ tiêu không hợp lệ (indicator, năm, > hoặc ≥, ngưỡng là tỷ lệ trong [0, 1])",
                    "Malformed target (indicator, year, > or ≥, threshold as a proportion in [0, 1])"));
                continue;
            }
            targets.Add(new Target(row[0].ToString(), year, comparator, threshold));
        }
        return faults.Count > 0 ? (null, faults) : (targets, faults);
    }
}
