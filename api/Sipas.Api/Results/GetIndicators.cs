using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Jobs;

namespace Sipas.Api.Results;

public record TargetView(int Year, string Comparator, double Threshold, string Display, string LegalBasis);

/// <summary>A tile: the indicator's estimate, interval and n; against the year's target with the stored verdict.</summary>
public record IndicatorTile(string Indicator, string Family, string GroupType, string GroupCode, double? Estimate,
    double? Se, double? CiLow, double? CiHigh, int? NValid, IReadOnlyList<string> Flags, string Display, string CiDisplay,
    TargetView? Target, string? Verdict, string? Qualifier, double? UnflaggedEstimate = null, string UnflaggedDisplay = "",
    int? UnflaggedNValid = null);

public static class GetIndicators
{
    /// <summary>
    /// The seven official indicators. On the official figures (channel "") each carries the year's target and the
    /// verdict stored with the snapshot; a single channel's figures are shown without verdicts (targets are judged
    /// on official figures only). Official tiles also carry the same estimate without the flagged-but-kept responses
    /// (scope <c>unflagged</c>), so the reader sees whether the flags matter.
    /// </summary>
    /// <remarks>
    /// Stored rows and verdicts only, and each verdict's target row, which is never edited (a change of target adds a
    /// row and supersedes the old one, ManageTargets): kept in <see cref="ResultsCache"/>. A target set after the
    /// snapshot shows in the next snapshot's verdicts, not in this one's.
    /// </remarks>
    public static async Task<Results<JsonAnswer<List<IndicatorTile>>, NotFound>> Handle(int id, ResultsCache cache,
        HttpContext http, CancellationToken ct, string channel = "")
    {
        if (await cache.StampAsync(id, ct) is not { } stamp) return TypedResults.NotFound();
        return await cache.GetAsync(stamp, new Query(channel),
            async () => (await Read(http.RequestServices.GetRequiredService<SipasDb>(), id, channel, ct), true));
    }

    private sealed record Query(string Channel);

    /// <summary>The tiles of snapshot <paramref name="id"/> (which exists), in <see cref="SnapshotFigures.Indicators"/> order.</summary>
    public static async Task<List<IndicatorTile>> Read(SipasDb db, int id, string channel, CancellationToken ct)
    {
        var rows = await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == id && (r.Channel == channel || (channel == "" && r.Channel == WaveReader.Unflagged)) && r.Section == ""
                        && (r.GroupType == "province" || (r.GroupType == "area" && r.Indicator == "SIPAS")))
            .ToListAsync(ct);
        var verdicts = channel.Length > 0 ? [] : await db.SnapshotVerdicts.AsNoTracking().Where(v => v.SnapshotId == id)
            .Join(db.Targets, v => v.TargetId, t => t.Id, (v, t) => new { v, t.LegalBasis }).ToListAsync(ct);

        var tiles = new List<IndicatorTile>();
        foreach (var indicator in SnapshotFigures.Indicators)
        {
            var (family, type, code) = SnapshotFigures.SourceOf(indicator);
            var row = rows.FirstOrDefault(r => r.Channel == channel && r.Indicator == family && r.GroupType == type && r.GroupCode == code);
            var unflagged = channel.Length > 0 ? null : rows.FirstOrDefault(r => r.Channel == WaveReader.Unflagged
                && r.Indicator == family && r.GroupType == type && r.GroupCode == code);
            var verdict = verdicts.FirstOrDefault(v => v.v.Indicator == indicator);
            var target = verdict is null ? null : new TargetView(verdict.v.Year, verdict.v.Comparator, verdict.v.Threshold,
                $"{verdict.v.Comparator} {ResultRowView.Percent(verdict.v.Threshold)}", verdict.LegalBasis);
            tiles.Add(new IndicatorTile(indicator, family, type, code, row?.Estimate, row?.Se, row?.CiLow, row?.CiHigh,
                row?.NValid, row is null ? [] : ResultRowView.FlagWords(row.Flags), ResultRowView.Percent(row?.Estimate),
                ResultRowView.Interval(row?.CiLow, row?.CiHigh), target,
                verdict?.v.Met is { } met ? (met ? "met" : "not met") : null,
                verdict?.v.Certain is { } certain ? (certain ? "certain" : "within margin") : null,
                unflagged?.Estimate, ResultRowView.Percent(unflagged?.Estimate), unflagged?.NValid));
        }
        return tiles;
    }
}
