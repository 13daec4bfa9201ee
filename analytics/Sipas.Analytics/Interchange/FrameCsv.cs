using System.Globalization;
using System.Text;

namespace Sipas.Analytics.Interchange;

/// <summary>Reads the population frame CSV <c>wave,stratum,population</c> (interchange.md).</summary>
public static class FrameCsv
{
    /// <summary>
    /// Reads a frame. Faults (each with its line): missing header columns, wrong column count, empty wave or
    /// stratum, a population that is not a whole number 0 or more, a (wave, stratum) given twice. The frame is
    /// null when any fault was found. N = 0 is accepted (nobody served in the stratum, method.md §2); it is a fault
    /// of the frame only when the stratum has valid responses, which estimation reports with the row's line.
    /// </summary>
    public static (PopulationFrame? Frame, IReadOnlyList<InputFault> Faults) Read(Stream stream)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, true, 1 << 16, leaveOpen: true);
        using var reader = CsvText.Reader(text);
        var header = CsvText.Header(reader);
        var faults = new List<InputFault>();
        IReadOnlyList<string> names = header;
        int wave = Index(names, "wave"), stratum = Index(names, "stratum"), population = Index(names, "population");
        foreach (var (name, at) in new[] { ("wave", wave), ("stratum", stratum), ("population", population) })
            if (at < 0) faults.Add(new InputFault(CsvText.Line(1), $"Thiếu cột {name}", $"Missing column {name}"));
        if (faults.Count > 0) return (null, faults);

        var frame = new PopulationFrame();
        var seen = new Dictionary<(string, string), int>();
        foreach (var row in reader)
        {
            var line = row.LineNumberFrom;
            if (row.ColCount != names.Count || CsvText.HasUnbalancedQuotes(row))
            {
                faults.Add(new InputFault(CsvText.Line(line), $"Dòng có {row.ColCount} cột, cần {names.Count}",
                    $"Row has {row.ColCount} columns, expected {names.Count}"));
                continue;
            }
            var w = row[wave].ToString().Normalize(NormalizationForm.FormC);
            var s = row[stratum].ToString().Normalize(NormalizationForm.FormC);
            var n = row[population].Span;
            if (w.Length == 0 || s.Length == 0)
                faults.Add(new InputFault(CsvText.Line(line), "Thiếu mã đợt hoặc mã tầng", "Missing wave or stratum"));
            else if (!long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                faults.Add(new InputFault(CsvText.Line(line), $"Quy mô tổng thể '{n}' không phải số nguyên không âm (0, 1, 2…)",
                    $"Population '{n}' is not a whole number of 0 or more"));
            else if (!seen.TryAdd((w, s), line))
                faults.Add(new InputFault(CsvText.Line(line), $"Tầng {s} của đợt {w} đã có ở dòng {seen[(w, s)]}",
                    $"Stratum {s} of wave {w} already given on line {seen[(w, s)]}"));
            else
                frame.Set(w, s, size, line);
        }
        return faults.Count > 0 ? (null, faults) : (frame, faults);
    }

    private static int Index(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        return -1;
    }
}
