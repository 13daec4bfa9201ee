using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Plans;

/// <summary>Interview attempts by disposition; <c>ResponseRate</c> is AAPOR RR1 (see <see cref="Analytics.ResponseRate.Rr1"/>), null without eligible attempts.</summary>
public record DispositionCounts(int Completed, int Refused, int NonContact, int Ineligible)
{
    public int Attempts => Completed + Refused + NonContact + Ineligible;
    public double? ResponseRate => Analytics.ResponseRate.Rr1(Completed, Refused, NonContact);

    public static DispositionCounts Of(IEnumerable<string> dispositions)
    {
        int c = 0, r = 0, n = 0, i = 0;
        foreach (var d in dispositions)
            switch (d)
            {
                case Dispositions.Completed: c++; break;
                case Dispositions.Refused: r++; break;
                case Dispositions.NonContact: n++; break;
                default: i++; break;
            }
        return new DispositionCounts(c, r, n, i);
    }
}

/// <param name="Responses">Current responses of every channel in the stratum (the quota counts them all).</param>
public record StratumFieldwork(string Stratum, long? Population, int? Quota, int Responses, double? Share, DispositionCounts Interviews);

/// <param name="Unit">Commune code; null for responses and attempts without a commune.</param>
/// <param name="Quota">The sum of the quotas of the wave's current assignments to this commune; null when none sets one.</param>
public record CommuneFieldwork(string? Unit, string? Name, int? Quota, int Responses, DispositionCounts Interviews);

public record SurveyorFieldwork(string UserName, string DisplayName, IReadOnlyList<string> Assignments, int Keyings, DispositionCounts Interviews);

public record FieldworkProgress(string Wave, int? Quota, int Responses, DispositionCounts Interviews,
    IReadOnlyList<StratumFieldwork> Strata, IReadOnlyList<CommuneFieldwork> Communes, IReadOnlyList<SurveyorFieldwork> Surveyors);

public static class GetFieldworkProgress
{
    /// <summary>
    /// A wave's fieldwork: per stratum (responses against the quota), per commune and per surveyor, each with its
    /// interview attempts by disposition and the response rate. Counts only; nothing is estimated.
    /// </summary>
    public static async Task<Results<Ok<FieldworkProgress>, NotFound>> Handle(string wave, SipasDb db, CancellationToken ct)
    {
        var waveId = await db.Waves.Where(w => w.Code == wave).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
        if (waveId is null) return TypedResults.NotFound();
        var strata = await GetProgress.For(db, waveId.Value, null, ct);
        var attempts = await db.ContactAttempts.AsNoTracking().Where(a => a.WaveId == waveId)
            .Select(a => new { a.Stratum, a.UnitCode, a.SurveyorId, a.Disposition }).ToListAsync(ct);
        var responsesByUnit = await db.Responses.Where(r => r.WaveId == waveId && r.SupersededBy == null)
            .GroupBy(r => r.UnitCode).Select(g => new { Unit = g.Key, Count = g.Count() }).ToListAsync(ct);
        var units = responsesByUnit.Select(r => r.Unit).Concat(attempts.Select(a => a.UnitCode)).Distinct().ToList();
        var unitCodes = units.OfType<string>().ToArray();
        var names = await db.AdministrativeUnits.AsNoTracking().Where(u => unitCodes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.FullName, ct);
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.WaveId == waveId && a.EndedAt == null)
            .Select(a => new { a.UserId, a.Stratum, a.UnitCode, a.Quota }).ToListAsync(ct);
        var keyings = await db.PaperKeyings.Where(k => k.WaveId == waveId && k.SupersededBy == null)
            .GroupBy(k => k.KeyedBy).Select(g => new { User = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.User, g => g.Count, ct);
        var userIds = assignments.Select(a => a.UserId).Concat(attempts.Select(a => a.SurveyorId)).Concat(keyings.Keys).Distinct().ToArray();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);

        DispositionCounts Count(Func<string, string?, Guid, bool> where) =>
            DispositionCounts.Of(attempts.Where(a => where(a.Stratum, a.UnitCode, a.SurveyorId)).Select(a => a.Disposition));

        var byStratum = strata.Select(s => s.Stratum).Union(attempts.Select(a => a.Stratum)).Distinct()
            .OrderBy(s => s, StringComparer.Ordinal).Select(s =>
            {
                var p = strata.SingleOrDefault(x => x.Stratum == s);
                return new StratumFieldwork(s, p?.Population, p?.Quota, p?.Responses ?? 0, p?.Share, Count((stratum, _, _) => stratum == s));
            }).ToList();
        var communeQuotas = assignments.Where(a => a.UnitCode is not null && a.Quota is not null)
            .GroupBy(a => a.UnitCode!).ToDictionary(g => g.Key, g => g.Sum(a => a.Quota!.Value));
        foreach (var unit in communeQuotas.Keys.Where(u => !units.Contains(u))) units.Add(unit);
        foreach (var (code, name) in await db.AdministrativeUnits.AsNoTracking().Where(u => communeQuotas.Keys.Contains(u.Code))
                     .Select(u => new { u.Code, u.FullName }).ToDictionaryAsync(u => u.Code, u => u.FullName, ct))
            names[code] = name;
        var byCommune = units.OrderBy(u => u is null).ThenBy(u => u, StringComparer.Ordinal).Select(u => new CommuneFieldwork(u,
            u is null ? null : names.GetValueOrDefault(u), u is null ? null : communeQuotas.GetValueOrDefault(u) is var q && q > 0 ? q : null,
            responsesByUnit.SingleOrDefault(r => r.Unit == u)?.Count ?? 0,
            Count((_, unit, _) => unit == u))).ToList();
        var bySurveyor = userIds.Select(id => new SurveyorFieldwork(users[id].UserName!, users[id].DisplayName,
                assignments.Where(a => a.UserId == id).Select(a => a.UnitCode is null ? a.Stratum : $"{a.Stratum} · {a.UnitCode}").Order(StringComparer.Ordinal).ToList(),
                keyings.GetValueOrDefault(id), Count((_, _, surveyor) => surveyor == id)))
            .OrderBy(s => s.UserName, StringComparer.Ordinal).ToList();
        var quotas = strata.Where(s => s.Quota is not null).ToList();
        return TypedResults.Ok(new FieldworkProgress(wave, quotas.Count == 0 ? null : quotas.Sum(s => s.Quota!.Value), strata.Sum(s => s.Responses),
            DispositionCounts.Of(attempts.Select(a => a.Disposition)), byStratum, byCommune, bySurveyor));
    }
}
