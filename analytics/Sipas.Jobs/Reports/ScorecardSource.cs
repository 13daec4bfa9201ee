using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;
using Sipas.Jobs.Exports;
using Sipas.Reports;

namespace Sipas.Jobs.Reports;

/// <summary>
/// Fills a <see cref="ScorecardSetModel"/> from a snapshot's stored rows: each agency's (or commune's) overall row
/// of the lead indicator, judged against the indicator's stored target; its rank among the others
/// (<see cref="Rankings.Table"/> over the stored rows); the change since the previous wave's snapshot the stored
/// change rows name; its element rows; its three weakest criterion rows. Nothing is recomputed but the rank and
/// the verdict, both from stored figures.
/// </summary>
public static class ScorecardSource
{
    public static async Task<ScorecardSetModel> BuildAsync(SipasDb db, SnapshotTables t, ScorecardKind kind, ReportLanguage language,
        CancellationToken ct = default)
    {
        var report = await WaveReportSource.BuildAsync(db, t, language, ct);
        var lead = WaveReportSource.LeadOf(t);
        var indicator = report.Indicators.FirstOrDefault(i => i.Code == lead);
        var type = kind == ScorecardKind.Agency ? "agency" : "unit";
        var names = await ReportNames.LoadAsync(db, language, ct);
        var unitNames = kind == ScorecardKind.Agency ? names.Agencies : names.Units;
        var questionnaire = t.Questionnaires.GetValueOrDefault(lead);
        var sections = questionnaire?.ScoredSections.ToDictionary(s => s.Code) ?? [];
        var items = questionnaire?.ScoredSections.SelectMany(s => s.ScoredItems).ToDictionary(i => i.Code) ?? [];

        var byUnit = t.Rows.Where(r => r.Indicator == lead && r.GroupType == type).GroupBy(r => r.GroupCode)
            .ToDictionary(g => g.Key, g => g.ToList());
        var overall = byUnit.Values.Select(rows => rows.First(r => r.Section == "")).ToList();
        var places = Rankings.Table(overall.Select(r => SnapshotTables.ToResultRow(t.Wave.Code, r)).ToList())
            .ToDictionary(r => r.GroupCode, r => r.Place);

        var change = await db.SnapshotChanges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.SnapshotId == t.Snapshot.Id && c.Channel == "" && c.Indicator == lead, ct);
        var previous = change is null ? [] : await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == change.PreviousSnapshotId && r.Channel == "" && r.Indicator == lead && r.GroupType == type
                        && r.Section == "" && r.Item == "")
            .ToDictionaryAsync(r => r.GroupCode, ct);

        var target = indicator?.Target;
        var cards = overall.Select(row =>
        {
            var estimate = Estimate(row);
            var rows = byUnit[row.GroupCode];
            var elements = rows.Where(r => r.Section != "" && r.Item == "" && sections.ContainsKey(r.Section))
                .Select(r => new SectionBreakdown(r.Section, sections[r.Section].Title, Estimate(r), [])).ToList();
            var weakest = rows.Where(r => r.Item != "" && r.Estimate is not null && items.ContainsKey(r.Item))
                .OrderBy(r => r.Estimate).ThenBy(r => r.Item, StringComparer.Ordinal).Take(3)
                .Select(r => new CriterionRow(r.Item, items[r.Item].Text, Estimate(r), r.MeanScore ?? double.NaN)).ToList();
            IndicatorChange? moved = change is not null && previous.TryGetValue(row.GroupCode, out var before)
                && before.Estimate is { } p && row.Estimate is { } now
                ? new IndicatorChange(change.PreviousWave, p, WaveChange.Compare(p, before.Se ?? double.NaN, now, row.Se ?? double.NaN))
                : null;
            var verdict = target is null ? null : Targets.Judge(estimate.Estimate, estimate.Ci, target.Comparator, target.Threshold);
            return new Scorecard(row.GroupCode, unitNames.GetValueOrDefault(row.GroupCode, row.GroupCode), estimate, verdict,
                places[row.GroupCode], moved, elements, weakest);
        }).ToList();

        return new ScorecardSetModel(report.Province, report.Wave, report.Snapshot, kind, lead,
            indicator?.Name ?? new LocalizedText(lead, lead), target, places.Count(p => p.Value is not null), cards, language);
    }

    private static ReportEstimate Estimate(SnapshotResult row) => ReportEstimate.From(SnapshotTables.ToResultRow("", row));
}
