using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Plans;

/// <summary>Whether a surveyor's current assignments cover a stratum (and commune) of a wave.</summary>
public static class AssignmentScope
{
    /// <summary>True when the wave has current assignments at all (then keying is limited to them).</summary>
    public static Task<bool> WaveHasAssignmentsAsync(SipasDb db, int waveId, CancellationToken ct) =>
        db.Assignments.AnyAsync(a => a.WaveId == waveId && a.EndedAt == null, ct);

    /// <summary>
    /// A current assignment of <paramref name="userId"/> to <paramref name="stratum"/> covers the place: one without a
    /// commune covers the whole stratum, one with a commune only that commune.
    /// </summary>
    public static Task<bool> CoversAsync(SipasDb db, int waveId, Guid userId, string stratum, string? unitCode, CancellationToken ct) =>
        db.Assignments.AnyAsync(a => a.WaveId == waveId && a.UserId == userId && a.EndedAt == null && a.Stratum == stratum
            && (a.UnitCode == null || a.UnitCode == unitCode), ct);

    public static string Refusal(string stratum, string? unitCode) => unitCode is null
        ? $"Ông/Bà không được phân công tầng {stratum} trong đợt này / You are not assigned to stratum {stratum} in this wave"
        : $"Ông/Bà không được phân công tầng {stratum}, xã/phường {unitCode} trong đợt này / You are not assigned to stratum {stratum}, commune {unitCode} in this wave";
}
