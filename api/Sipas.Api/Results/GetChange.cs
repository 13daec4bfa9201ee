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
    /// <remarks>
    /// The stored change is kept in <see cref="ResultsCache"/>; the answer without one names the previous wave, which
    /// a wave created later can change, so it is read each time.
    /// </remarks>
    public static async Task<Results<JsonAnswer<ChangeSincePreviousWave>, NotFound>> Handle(int id, ResultsCache cache,
        HttpContext http, CancellationToken ct, string channel = "")
    {
        if (await cache.StampAsync(id, ct) is not { } stamp) return TypedResults.NotFound();
        return await cache.GetAsync(stamp, new Query(channel), () => Read(http.RequestServices.GetRequiredService<SipasDb>(), id, channel, ct));
    }

    private sealed record Query(string Channel);

    /// <summary>The change of snapshot <paramref name="id"/> (which exists), and whether it came from the stored rows alone.</summary>
    public static async Task<(ChangeSincePreviousWave Change, bool Stored)> Read(SipasDb db, int id, string channel, CancellationToken ct)
    {
        var stored = await db.SnapshotChanges.AsNoTracking().Where(c => c.SnapshotId == id && c.Channel == channel).ToListAsync(ct);
        if (stored.Count == 0)
        {
            var previousWave = await db.Snapshots.Where(s => s.Id == id)
                .Select(s => db.Waves.Where(w => w.StartsOn < s.Wave!.StartsOn).OrderByDescending(w => w.StartsOn)
                    .Select(w => w.Code).FirstOrDefault())
                .SingleAsync(ct);
            return (new ChangeSincePreviousWave(previousWave, null, false, []), false);
        }
        var changes = SnapshotFigures.Indicators.Select(i => stored.FirstOrDefault(c => c.Indicator == i)).OfType<SnapshotChange>()
            .Select(c => new IndicatorChange(c.Indicator, c.Before, c.After, ResultRowView.Percent(c.Before),
                ResultRowView.Percent(c.After), c.Difference, Points(c.Difference), c.PValue, c.Significant))
            .ToList();
        var first = stored[0];
        return (new ChangeSincePreviousWave(first.PreviousWave, first.PreviousSnapshotId, first.PreviousPublished, changes), true);
    }

    /// <summary>A difference in percentage points, signed, Vietnamese decimals: <c>+2,35</c>, <c>-1,10</c>.</summary>
    private static string Points(double? difference)
    {
        if (difference is not { } d) return "";
        var points = Math.Round((decimal)d * 100m, 2, MidpointRounding.AwayFromZero);
        return (points > 0 ? "+" : "") + points.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',');
    }
}
