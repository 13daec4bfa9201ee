using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
    /// Each indicator against the previous wave, as stored with the snapshot when it was computed
    /// (<see cref="SnapshotChange"/>: method.md §4's z-test, done by the job). Nothing is computed here.
    /// </summary>
    public static async Task<Results<Ok<ChangeSincePreviousWave>, NotFound>> Handle(int id, SipasDb db, CancellationToken ct,
        string channel = "")
    {
        var snapshot = await db.Snapshots.AsNoTracking().Include(s => s.Wave).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (snapshot is null) return TypedResults.NotFound();
        var stored = await db.SnapshotChanges.AsNoTracking().Where(c => c.SnapshotId == id && c.Channel == channel).ToListAsync(ct);
        if (stored.Count == 0)
        {
            var previousWave = await db.Waves.AsNoTracking().Where(w => w.StartsOn < snapshot.Wave!.StartsOn)
                .OrderByDescending(w => w.StartsOn).Select(w => w.Code).FirstOrDefaultAsync(ct);
            return TypedResults.Ok(new ChangeSincePreviousWave(previousWave, null, false, []));
        }
        var changes = SnapshotFigures.Indicators.Select(i => stored.FirstOrDefault(c => c.Indicator == i)).OfType<SnapshotChange>()
            .Select(c => new IndicatorChange(c.Indicator, c.Before, c.After, ResultRowView.Percent(c.Before),
                ResultRowView.Percent(c.After), c.Difference, Points(c.Difference), c.PValue, c.Significant))
            .ToList();
        var first = stored[0];
        return TypedResults.Ok(new ChangeSincePreviousWave(first.PreviousWave, first.PreviousSnapshotId, first.PreviousPublished, changes));
    }

    /// <summary>A difference in percentage points, signed, Vietnamese decimals: <c>+2,35</c>, <c>-1,10</c>.</summary>
    private static string Points(double? difference)
    {
        if (difference is not { } d) return "";
        var points = Math.Round((decimal)d * 100m, 2, MidpointRounding.AwayFromZero);
        return (points > 0 ? "+" : "") + points.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',');
    }
}
