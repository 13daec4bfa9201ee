using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Reports;

namespace Sipas.Jobs.Reports;

/// <summary>
/// The names a report prints, in its language: service areas, agencies and communes from the reference data
/// (<c>name_vi</c>/<c>full_name</c> in Vietnamese, <c>name_en</c> in English), and who asked for a snapshot.
/// </summary>
public sealed record ReportNames(
    IReadOnlyDictionary<string, string> Areas,
    IReadOnlyDictionary<string, string> Agencies,
    IReadOnlyDictionary<string, string> Units)
{
    public static async Task<ReportNames> LoadAsync(SipasDb db, ReportLanguage language, CancellationToken ct = default)
    {
        var english = language == ReportLanguage.En;
        return new ReportNames(
            await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => english ? a.NameEn : a.NameVi, ct),
            await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => english ? a.NameEn : a.NameVi, ct),
            await db.AdministrativeUnits.AsNoTracking().ToDictionaryAsync(u => u.Code, u => english ? u.NameEn : u.FullName, ct));
    }

    /// <summary>
    /// The display name of the person who asked for <paramref name="snapshot"/> (their user name when the account is
    /// gone), or null when the schedule started it (the report then prints "lịch tự động" / "scheduled").
    /// </summary>
    public static async Task<string?> RequesterAsync(SipasDb db, Snapshot snapshot, CancellationToken ct = default)
    {
        if (snapshot.RequestedBy == Snapshot.Scheduler) return null;
        var name = snapshot.RequestedById is { } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync(ct)
            : await db.Users.AsNoTracking().Where(u => u.UserName == snapshot.RequestedBy).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(name) ? snapshot.RequestedBy : name;
    }
}
