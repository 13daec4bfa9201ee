using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;
using Sipas.Jobs;

namespace Sipas.Api.Results;

public record IndicatorChange(string Indicator, double? Before, double? After, string BeforeDisplay, string AfterDisplay,
    double? Difference, string DifferenceDisplay, double? PValue, bool Significant);

public record ChangeSincePreviousWave(string? PreviousWave, int? PreviousSnapshotId, bool PreviousPublished,
    IReadOnlyList<IndicatorChange> Indicators);

public static class GetChange
{
    /// <summary>
    /// Each indicator against the previous wave (the latest wave that started before this one), read from that
    /// wave's latest published snapshot, else its latest completed one. The z-test is method.md §4's, done by the
    /// pure <see cref="WaveChange.Compare"/> on the two stored estimates and standard errors.
    /// </summary>
    public static async Task<Results<Ok<ChangeSincePreviousWave>, NotFound>> Handle(int id, SipasDb db, CancellationToken ct,
        string channel = "")
    {
        var snapshot = await db.Snapshots.AsNoTracking().Include(s => s.Wave).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (snapshot is null) return TypedResults.NotFound();
        var previousWave = await db.Waves.AsNoTracking().Where(w => w.StartsOn < snapshot.Wave!.StartsOn)
            .OrderByDescending(w => w.StartsOn).FirstOrDefaultAsync(ct);
        var previous = previousWave is null ? null : await db.Snapshots.AsNoTracking()
            .Where(s => s.WaveId == previousWave.Id && s.Status == SnapshotStatus.Completed)
            .OrderByDescending(s => s.PublishedAt != null).ThenByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (previous is null) return TypedResults.Ok(new ChangeSincePreviousWave(previousWave?.Code, null, false, []));

        var ids = new[] { id, previous.Id };
        var rows = await db.SnapshotResults.AsNoTracking()
            .Where(r => ids.Contains(r.SnapshotId) && r.Channel == channel && r.Section == ""
                        && (r.GroupType == "province" || (r.GroupType == "area" && r.Indicator == "SIPAS")))
            .ToListAsync(ct);
        var changes = new List<IndicatorChange>();
        foreach (var indicator in SnapshotFigures.Indicators)
        {
            var (family, type, code) = SnapshotFigures.SourceOf(indicator);
            SnapshotResult? Find(int snapshotId) => rows.FirstOrDefault(r => r.SnapshotId == snapshotId && r.Indicator == family
                && r.GroupType == type && r.GroupCode == code);
            var (before, after) = (Find(previous.Id), Find(id));
            if (before?.Estimate is not { } p1 || after?.Estimate is not { } p2)
            {
                changes.Add(new IndicatorChange(indicator, before?.Estimate, after?.Estimate, ResultRowView.Percent(before?.Estimate),
                    ResultRowView.Percent(after?.Estimate), null, "", null, false));
                continue;
            }
            var change = WaveChange.Compare(p1, before.Se ?? 0, p2, after.Se ?? 0);
            var points = Math.Round((decimal)change.Difference * 100m, 2, MidpointRounding.AwayFromZero);
            changes.Add(new IndicatorChange(indicator, p1, p2, Targets.Display(p1), Targets.Display(p2), change.Difference,
                (points > 0 ? "+" : "") + points.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ','),
                double.IsNaN(change.PValue) ? null : change.PValue, change.Significant));
        }
        return TypedResults.Ok(new ChangeSincePreviousWave(previousWave!.Code, previous.Id, previous.IsPublished, changes));
    }
}
