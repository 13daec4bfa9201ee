using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Plans;

/// <param name="Share">Responses / Quota; null without a quota.</param>
public record StratumProgress(string Stratum, long? Population, int? Quota, int Responses, double? Share);

public static class GetProgress
{
    /// <summary>Responses per stratum (current ones, every channel) against the stratum's quota, frame strata first.</summary>
    public static async Task<Results<Ok<List<StratumProgress>>, NotFound>> Handle(string wave, SipasDb db, CancellationToken ct)
    {
        var waveId = await db.Waves.Where(w => w.Code == wave).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
        if (waveId is null) return TypedResults.NotFound();
        return TypedResults.Ok(await For(db, waveId.Value, null, ct));
    }

    /// <summary>Progress of <paramref name="strata"/> (every stratum when null) in one wave.</summary>
    public static async Task<List<StratumProgress>> For(SipasDb db, int waveId, string[]? strata, CancellationToken ct)
    {
        var plan = await db.FieldworkStrata.AsNoTracking().Where(f => f.WaveId == waveId && (strata == null || strata.Contains(f.Stratum)))
            .ToDictionaryAsync(f => f.Stratum, ct);
        var counts = await db.Responses.Where(r => r.WaveId == waveId && r.SupersededBy == null && (strata == null || strata.Contains(r.Stratum)))
            .GroupBy(r => r.Stratum).Select(g => new { Stratum = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Stratum, g => g.Count, ct);
        return plan.Keys.Union(counts.Keys).Union(strata ?? []).Distinct().OrderBy(s => s, StringComparer.Ordinal).Select(s =>
        {
            var p = plan.GetValueOrDefault(s);
            var n = counts.GetValueOrDefault(s);
            return new StratumProgress(s, p?.Population, p?.Quota, n, p?.Quota is > 0 and var q ? (double)n / q : null);
        }).ToList();
    }
}
