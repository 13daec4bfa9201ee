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
    /// <summary>
    /// Rows of one group type in a snapshot (channel "" = the official figures). Without <paramref name="groupCode"/>:
    /// each group's overall row, optionally only the groups under <paramref name="parent"/> (a cross such as
    /// <c>area-agency</c> under <c>land</c>). With it: the group's overall row and its section rows, or with
    /// <paramref name="section"/> that section's row and its items.
    /// </summary>
    public static async Task<Results<Ok<List<ResultRowView>>, NotFound, ValidationProblem>> Handle(int id, SipasDb db,
        string groupType, CancellationToken ct, string channel = "", string? indicator = null, string? groupCode = null,
        string? parent = null, string? section = null)
    {
        if (!await db.Snapshots.AnyAsync(s => s.Id == id, ct)) return TypedResults.NotFound();
        if (!GroupTypes.Contains(groupType))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["groupType"] = [$"Một trong / one of: {string.Join(", ", GroupTypes)}"],
            });
        var rows = db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == id && r.Channel == channel && r.GroupType == groupType);
        if (indicator is not null) rows = rows.Where(r => r.Indicator == indicator);
        if (groupCode is null)
        {
            rows = rows.Where(r => r.Section == "");
            if (parent is not null) rows = rows.Where(r => r.GroupCode.StartsWith(parent + "/"));
        }
        else
        {
            rows = rows.Where(r => r.GroupCode == groupCode);
            rows = section is null ? rows.Where(r => r.Item == "") : rows.Where(r => r.Section == section);
        }
        var list = await rows.ToListAsync(ct);
        // Groups in code order; the client puts sections and items in the order of the questionnaire definition.
        return TypedResults.Ok(list.OrderBy(r => r.Indicator, StringComparer.Ordinal)
            .ThenBy(r => r.GroupCode, StringComparer.Ordinal).Select(ResultRowView.From).ToList());
    }

    public static readonly string[] GroupTypes = ["province", "area", "agency", "unit", "area-agency", "area-agency-unit"];
}
