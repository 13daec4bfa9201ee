using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Surveyors;
using Sipas.Data;

namespace Sipas.Api.Plans;

public record MyAssignment(string Wave, string Stratum, string? Unit, DateTimeOffset AssignedAt, StratumProgress Progress);

public static class ListMyAssignments
{
    /// <summary>The signed-in surveyor's current assignments, each with its stratum's progress; nobody else's.</summary>
    public static async Task<List<MyAssignment>> Handle(ClaimsPrincipal user, SipasDb db, CancellationToken ct)
    {
        var me = Audit.UserId(user);
        var mine = await db.Assignments.AsNoTracking().Where(a => a.UserId == me && a.EndedAt == null)
            .Join(db.Waves, a => a.WaveId, w => w.Id, (a, w) => new { a, w.Code })
            .OrderBy(x => x.Code).ThenBy(x => x.a.Stratum).ToListAsync(ct);
        var result = new List<MyAssignment>();
        foreach (var wave in mine.GroupBy(x => x.a.WaveId))
        {
            var progress = (await GetProgress.For(db, wave.Key, wave.Select(x => x.a.Stratum).Distinct().ToArray(), ct)).ToDictionary(p => p.Stratum);
            result.AddRange(wave.Select(x => new MyAssignment(x.Code, x.a.Stratum, x.a.UnitCode, x.a.AssignedAt, progress[x.a.Stratum])));
        }
        return result;
    }
}
