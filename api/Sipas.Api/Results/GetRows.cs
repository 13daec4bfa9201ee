using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Results;

/// <summary>One stored estimate, with its display forms ("95,12%", "[94,10%; 96,02%]") and flags as words.</summary>
public record ResultRowView(string Indicator, string GroupType, string GroupCode, string Section, string Item, int NValid,
    double? NPositive, double? Estimate, double? Se, double? CiLow, double? CiHigh, double? NEff,
    IReadOnlyList<string> Flags, int? NResponses, int? NValidResponses, double? Alpha, double? MeanScore, double? MeanScoreSe,
    string Display, string CiDisplay)
{
    public static ResultRowView From(SnapshotResult r) => new(r.Indicator, r.GroupType, r.GroupCode, r.Section, r.Item,
        r.NValid, r.NPositive, r.Estimate, r.Se, r.CiLow, r.CiHigh, r.NEff, FlagWords(r.Flags), r.NResponses,
        r.NValidResponses, r.Alpha, r.MeanScore, r.MeanScoreSe, Percent(r.Estimate), Interval(r.CiLow, r.CiHigh));

    public static IReadOnlyList<string> FlagWords(short flags) =>
        flags == 0 ? [] : ResultText.Of((ResultFlags)flags).Split('|');

    public static string Percent(double? p) => p is { } v ? Targets.Display(v) : "";

    public static string Interval(double? low, double? high) =>
        low is { } l && high is { } h ? $"[{Targets.Display(l)}; {Targets.Display(h)}]" : "";
}

public static class GetRows
{
    /// <summary>A drill-down query, as the cache's key (with the snapshot's stamp).</summary>
    public sealed record Query(string Channel, string GroupType, string? Indicator, string? GroupCode, string? Parent, string? Section);

    /// <summary>
    /// Rows of one group type in a snapshot (channel "" = the official figures). Without <paramref name="groupCode"/>:
    /// each group's overall row, optionally only the groups under <paramref name="parent"/> (a cross such as
    /// <c>area-agency</c> under <c>land</c>). With it: the group's overall row and its section rows, or with
    /// <paramref name="section"/> that section's row and its items. Stored rows only: kept in <see cref="ResultsCache"/>.
    /// </summary>
    public static async Task<Results<JsonAnswer<List<ResultRowView>>, NotFound, ValidationProblem>> Handle(int id,
        string groupType, ResultsCache cache, HttpContext http, CancellationToken ct, string channel = "", string? indicator = null,
        string? groupCode = null, string? parent = null, string? section = null)
    {
        if (await cache.StampAsync(id, ct) is not { } stamp) return TypedResults.NotFound();
        if (!GroupTypes.Contains(groupType))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["groupType"] = [$"Một trong / one of: {string.Join(", ", GroupTypes)}"],
            });
        var query = new Query(channel, groupType, indicator, groupCode, parent, section);
        return await cache.GetAsync(stamp, query,
            async () => (await Read(http.RequestServices.GetRequiredService<SipasDb>(), id, query, ct), true));
    }

    /// <summary>The rows of <paramref name="q"/> read from PostgreSQL, in the order the endpoint answers them.</summary>
    public static async Task<List<ResultRowView>> Read(SipasDb db, int id, Query q, CancellationToken ct)
    {
        var rows = db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == id && r.Channel == q.Channel && r.GroupType == q.GroupType);
        if (q.Indicator is not null) rows = rows.Where(r => r.Indicator == q.Indicator);
        if (q.GroupCode is null)
        {
            rows = rows.Where(r => r.Section == "");
            if (q.Parent is not null) rows = rows.Where(r => r.GroupCode.StartsWith(q.Parent + "/"));
        }
        else
        {
            rows = rows.Where(r => r.GroupCode == q.GroupCode);
            rows = q.Section is null ? rows.Where(r => r.Item == "") : rows.Where(r => r.Section == q.Section);
        }
        var list = await rows.ToListAsync(ct);
        // Groups in code order; the client puts sections and items in the order of the questionnaire definition.
        return [.. list.OrderBy(r => r.Indicator, StringComparer.Ordinal)
            .ThenBy(r => r.GroupCode, StringComparer.Ordinal).Select(ResultRowView.From)];
    }

    public static readonly string[] GroupTypes = ["province", "area", "agency", "unit", "area-agency", "area-agency-unit"];
}
