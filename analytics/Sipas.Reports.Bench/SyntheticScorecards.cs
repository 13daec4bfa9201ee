using Sipas.Analytics;

namespace Sipas.Reports.Bench;

/// <summary>
/// Scorecards of the synthetic province (<see cref="SyntheticReport"/>): every agency or commune with its element
/// indices, its three weakest criteria, a previous-wave figure and its rank among the others (<see cref="Rankings"/>).
/// The same arguments always give the same model.
/// </summary>
public static class SyntheticScorecards
{
    public static ScorecardSetModel Build(ScorecardKind kind, WaveReportModel report)
    {
        var random = new Random(kind == ScorecardKind.Agency ? 1616 : 1717);
        var units = kind == ScorecardKind.Agency ? report.Agencies : report.Communes;
        var indicator = report.Indicators[0];
        var type = kind == ScorecardKind.Agency ? GroupType.Agency : GroupType.Unit;
        var rows = units.Select(u => new ResultRow(report.Wave.Code, indicator.Code, type, u.Code, "", "", u.Estimate.NValid, null,
            u.Estimate.Estimate, u.Estimate.Se, u.Estimate.Ci, u.Estimate.NValid, u.Estimate.Flags)).ToList();
        var places = Rankings.Table(rows).ToDictionary(r => r.GroupCode, r => r.Place);
        var cards = units.Select(u =>
        {
            var n = u.Estimate.NValid;
            var elements = report.Sections.Select(s => s with
            {
                Estimate = SyntheticReport.Estimate(Math.Clamp(u.Estimate.Estimate + 0.08 * (random.NextDouble() - 0.5), 0, 1), n),
                Criteria = [],
            }).ToList();
            var criteria = report.Sections.SelectMany(s => s.Criteria).Select(c => c with
            {
                Estimate = SyntheticReport.Estimate(Math.Clamp(u.Estimate.Estimate + 0.12 * (random.NextDouble() - 0.5), 0, 1), n),
                MeanScore = 3.2 + 1.6 * random.NextDouble(),
            }).OrderBy(c => c.Estimate.Estimate).ThenBy(c => c.Code, StringComparer.Ordinal).Take(3).ToList();
            var previous = Math.Round(Math.Clamp(u.Estimate.Estimate - 0.05 + 0.1 * random.NextDouble(), 0, 1), 4);
            var previousSe = Math.Sqrt(previous * (1 - previous) / n);
            var change = new IndicatorChange("2025-H2", previous, WaveChange.Compare(previous, previousSe, u.Estimate.Estimate, u.Estimate.Se));
            var verdict = indicator.Target is { } t ? Targets.Judge(u.Estimate.Estimate, u.Estimate.Ci, t.Comparator, t.Threshold) : null;
            return new Scorecard(u.Code, u.Name, u.Estimate, verdict, places[u.Code], change, elements, criteria);
        }).ToList();
        return new ScorecardSetModel(report.Province, report.Wave, report.Snapshot, kind, indicator.Code, indicator.Name,
            indicator.Target, places.Count(p => p.Value is not null), cards, report.Language);
    }
}
