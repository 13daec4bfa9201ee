using Sipas.Analytics;

namespace Sipas.Reports.Bench;

/// <summary>
/// Sector, health and education reports of the synthetic province (<see cref="SyntheticReport"/>): the indicator of the
/// area with its target and change, the elements and criteria with a previous-wave figure each, the weakest criteria, the
/// units (a sector's agencies, 60 facilities or 80 schools) and the communes (for a sector, each under the agency serving
/// it). The same arguments always give the same model.
/// </summary>
public static class SyntheticSectors
{
    /// <summary>The kinds the bench renders: the three SIPAS areas, then health and education.</summary>
    public static readonly (SectorKind Kind, string Area, string Indicator)[] All =
    [
        (SectorKind.Area, "land", "LAND"), (SectorKind.Area, "construction", "CONSTRUCTION"), (SectorKind.Area, "investment", "INVESTMENT"),
        (SectorKind.Health, "health", "HEALTH"), (SectorKind.Education, "education", "EDUCATION"),
    ];

    private static readonly Dictionary<string, LocalizedText> AreaNames = new()
    {
        ["land"] = new("Đất đai", "Land"), ["construction"] = new("Xây dựng", "Construction"), ["investment"] = new("Đầu tư", "Investment"),
        ["health"] = new("Y tế", "Health"), ["education"] = new("Giáo dục", "Education"),
    };

    public static SectorReportModel Build(SectorKind kind, string area, string indicatorCode, WaveReportModel report)
    {
        var random = new Random(area.Length * 7919 + (int)kind);
        var indicator = report.Indicators.Single(i => i.Code == indicatorCode);
        var n = indicator.Estimate.NValid;
        IndicatorChange Moved(ReportEstimate now, int size)
        {
            var previous = Math.Round(Math.Clamp(now.Estimate - 0.05 + 0.1 * random.NextDouble(), 0, 1), 4);
            var se = Math.Sqrt(previous * (1 - previous) / Math.Max(size, 1));
            return new IndicatorChange("2025-H2", previous, WaveChange.Compare(previous, se, now.Estimate, now.Se));
        }
        var elements = report.Sections.Select(s =>
        {
            var criteria = s.Criteria.Select(c => c with
            {
                Estimate = SyntheticReport.Estimate(Math.Clamp(indicator.Estimate.Estimate + 0.12 * (random.NextDouble() - 0.5), 0, 1), n),
                MeanScore = 3.2 + 1.6 * random.NextDouble(),
            }).ToList();
            var estimate = SyntheticReport.Estimate(criteria.Average(c => c.Estimate.Estimate), n);
            return new SectorElement(s with { Estimate = estimate, Criteria = criteria }, Moved(estimate, n));
        }).ToList();
        var weakest = elements.SelectMany(e => e.Section.Criteria).OrderBy(c => c.Estimate.Estimate)
            .ThenBy(c => c.Code, StringComparer.Ordinal).Take(5).ToList();

        SectorUnit Unit(string code, string name, string? within, int minN, int maxN)
        {
            var estimate = SyntheticReport.Estimate(0.72 + 0.27 * random.NextDouble(), random.Next(minN, maxN));
            return new SectorUnit(code, name, within, estimate, Moved(estimate, estimate.NValid));
        }
        var units = kind switch
        {
            SectorKind.Health => Enumerable.Range(0, 60).Select(i => Unit($"YT{i + 1:000}",
                i < 20 ? $"Bệnh viện đa khoa {SyntheticNames.Commune(i)}" : $"Trạm y tế {SyntheticNames.Commune(i)}", null, 8, 300)).ToList(),
            SectorKind.Education => Enumerable.Range(0, 80).Select(i => Unit($"GD{i + 1:000}",
                $"Trường {(i % 3 == 0 ? "Tiểu học" : i % 3 == 1 ? "THCS" : "THPT")} {SyntheticNames.Commune(i)}", null, 8, 260)).ToList(),
            _ => report.Agencies.Take(40).Select(a => Unit(a.Code, a.Name, null, 8, 300)).ToList(),
        };
        var communes = report.Communes.Select((c, i) => Unit(c.Code, c.Name,
            kind == SectorKind.Area ? report.Agencies[SyntheticNames.Departments.Length + i % 100].Name : null, 5, 120)).ToList();

        return new SectorReportModel(report.Province, report.Wave, report.Snapshot, kind, area, AreaNames[area], indicator.Code,
            indicator.Name, kind switch { SectorKind.Health => "y-te-ngoai-tru 2024.1", SectorKind.Education => "giao-duc-phu-huynh 2025.1", _ => "sipas-dvhcc 2026.1" },
            kind == SectorKind.Health ? Aggregation.Pooled : Aggregation.MeanOfItems, indicator.Estimate, indicator.Target,
            indicator.Verdict, indicator.Change, elements, weakest, units, communes, report.Language);
    }
}
