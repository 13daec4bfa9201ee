using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.Results;

/// <summary>
/// A place in a league table (method.md §9): the rank and its 95% rank interval, shown together as
/// <see cref="RankDisplay"/> ("3 (1–7)"); null rank for a unit whose estimate is undefined (listed apart).
/// </summary>
public record RankView(int? Rank, int? RankLow, int? RankHigh, string RankDisplay, string GroupCode, string NameVi,
    string NameEn, double? Estimate, double? Se, double? CiLow, double? CiHigh, int NValid, IReadOnlyList<string> Flags,
    string Display, string CiDisplay);

/// <summary>
/// Agencies or communes ranked on one indicator of a snapshot: the ranked units by rank, then those apart.
/// <see cref="Approximate"/> is true for communes, whose rank intervals treat estimates sharing strata as independent.
/// </summary>
public record LeagueTable(int SnapshotId, string Indicator, string GroupType, string Channel, bool Approximate,
    IReadOnlyList<RankView> Ranked, IReadOnlyList<RankView> Apart);

public static class GetRankings
{
    /// <summary>The group types ranked (method.md §9): agencies among agencies, communes among communes.</summary>
    public static readonly string[] GroupTypes = ["agency", "unit"];

    /// <summary>
    /// The league table of one indicator and group type of a snapshot (channel "" = the official figures), computed
    /// at read time by <see cref="Rankings.Table"/> from the stored overall rows: nothing but the ranks is computed.
    /// </summary>
    public static async Task<Results<Ok<LeagueTable>, NotFound, ValidationProblem>> Handle(int id, SipasDb db,
        CancellationToken ct, string indicator = "SIPAS", string groupType = "agency", string channel = "")
    {
        if (!await db.Snapshots.AnyAsync(s => s.Id == id, ct)) return TypedResults.NotFound();
        if (Invalid(groupType) is { } problem) return problem;
        return TypedResults.Ok(await Read(db, id, indicator, groupType, channel, ct));
    }

    public static ValidationProblem? Invalid(string groupType) => GroupTypes.Contains(groupType) ? null
        : TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["groupType"] = [$"Một trong / one of: {string.Join(", ", GroupTypes)}"],
        });

    /// <summary>Reads the stored overall rows and ranks them; names from the reference tables (the code when unknown).</summary>
    public static async Task<LeagueTable> Read(SipasDb db, int id, string indicator, string groupType, string channel,
        CancellationToken ct)
    {
        var stored = await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == id && r.Channel == channel && r.Indicator == indicator && r.GroupType == groupType
                        && r.Section == "" && r.Item == "")
            .ToListAsync(ct);
        var byCode = stored.ToDictionary(r => r.GroupCode, StringComparer.Ordinal);
        var codes = byCode.Keys.ToList();
        var names = groupType == "agency"
            ? await db.Agencies.AsNoTracking().Where(a => codes.Contains(a.Code))
                .Select(a => new { a.Code, Vi = a.NameVi, En = a.NameEn }).ToListAsync(ct)
            : await db.AdministrativeUnits.AsNoTracking().Where(u => codes.Contains(u.Code))
                .Select(u => new { u.Code, Vi = u.FullName, En = u.NameEn }).ToListAsync(ct);
        var name = names.GroupBy(n => n.Code).ToDictionary(g => g.Key, g => (g.First().Vi, g.First().En));

        var table = Rankings.Table([.. stored.Select(r => SnapshotTables.ToResultRow("", r))]);
        var views = table.Select(t =>
        {
            var row = byCode[t.GroupCode];
            var (vi, en) = name.GetValueOrDefault(t.GroupCode, (t.GroupCode, t.GroupCode));
            var place = t.Place;
            return new RankView(place?.Rank, place?.Low, place?.High, RankDisplay(place), t.GroupCode, vi,
                string.IsNullOrEmpty(en) ? vi : en, row.Estimate, row.Se, row.CiLow, row.CiHigh, row.NValid,
                ResultRowView.FlagWords(row.Flags), ResultRowView.Percent(row.Estimate),
                ResultRowView.Interval(row.CiLow, row.CiHigh));
        }).ToList();
        return new LeagueTable(id, indicator, groupType, channel, groupType == "unit",
            [.. views.Where(v => v.Rank is not null)], [.. views.Where(v => v.Rank is null)]);
    }

    /// <summary>A rank never shown without its interval: <c>3 (1–7)</c>; empty when unranked.</summary>
    public static string RankDisplay(RankPlace? place) => place is { } p ? $"{p.Rank} ({p.Low}–{p.High})" : "";
}
