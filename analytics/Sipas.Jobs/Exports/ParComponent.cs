using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Jobs.Exports;

/// <summary>One agency's or commune's survey component of the PAR scoring for one indicator.</summary>
/// <param name="Estimate">The overall index of the indicator's questionnaire (NaN when undefined), with its interval.</param>
/// <param name="Place">Its place in the league table of its kind (method.md §9), null when the estimate is undefined.</param>
/// <param name="Rule">The year's rule for the indicator, null when an admin has set none (then no points).</param>
/// <param name="Points">The points, unrounded; null without a rule or with an undefined estimate.</param>
public sealed record ParRow(string Indicator, string UnitType, string Code, string NameVi, string NameEn, int NValid,
    double Estimate, double CiLow, double CiHigh, ResultFlags Flags, RankPlace? Place, ParScoringRule? Rule, double? Points);

/// <summary>
/// The survey component the province's PAR scoring software takes (phần mềm chấm điểm CCHC): for every agency and
/// commune of a snapshot, each indicator's estimate with its interval, n, flags, rank with its interval, and the
/// points of the rule an admin set for the year (docs/formats.md, "PAR scoring input"). Read from the snapshot's stored
/// official rows; nothing is recomputed.
/// </summary>
public sealed class ParComponent
{
    /// <summary>The indicators a PAR rule can be set on: the questionnaire families, each scored on its own overall index.</summary>
    public static readonly IReadOnlyList<string> Indicators = ["TTHC", "SIPAS", "HEALTH", "EDUCATION"];

    public required int Year { get; init; }
    public required string Wave { get; init; }
    public required int SnapshotId { get; init; }
    public required bool Published { get; init; }
    public required IReadOnlyList<ParRow> Rows { get; init; }

    /// <summary>The component of snapshot <paramref name="snapshotId"/>; null when there is no such snapshot or it is not finished.</summary>
    public static async Task<ParComponent?> LoadAsync(SipasDb db, int snapshotId, CancellationToken ct = default)
    {
        var tables = await SnapshotTables.LoadAsync(db, snapshotId, ct);
        if (tables is null || tables.Snapshot.Status != SnapshotStatus.Completed) return null;
        var year = Targets.YearOf(tables.Wave.Code, tables.Wave.StartsOn)!.Value;
        var rules = await db.ParScoringRules.AsNoTracking().Where(r => r.Year == year && r.SupersededAt == null)
            .ToDictionaryAsync(r => r.Indicator, ct);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => (a.NameVi, a.NameEn), ct);
        var units = await db.AdministrativeUnits.AsNoTracking().ToDictionaryAsync(u => u.Code, u => (u.FullName, u.NameEn), ct);

        var rows = new List<ParRow>();
        var results = tables.ResultRows().ToList();
        foreach (var indicator in Indicators)
        foreach (var type in Rankings.Ranked)
        {
            var overall = results.Where(r => r.Indicator == indicator && r.GroupType == type && r.Section == "" && r.Item == "").ToList();
            var rule = rules.GetValueOrDefault(indicator);
            var names = type == GroupType.Agency ? agencies : units;
            foreach (var ranked in Rankings.Table(overall))
            {
                var source = overall.First(r => r.GroupCode == ranked.GroupCode);
                var (vi, en) = names.GetValueOrDefault(ranked.GroupCode, (ranked.GroupCode, ranked.GroupCode));
                rows.Add(new ParRow(indicator, type == GroupType.Agency ? "agency" : "unit", ranked.GroupCode, vi, en, ranked.NValid,
                    source.Estimate, source.Ci.Lower, source.Ci.Upper, source.Flags, ranked.Place, rule,
                    rule is null ? null : RuleOf(rule).Points(source.Estimate)));
            }
        }
        return new ParComponent
        {
            Year = year, Wave = tables.Wave.Code, SnapshotId = snapshotId, Published = tables.Snapshot.PublishedAt is not null, Rows = rows,
        };
    }

    /// <summary>The analytics' rule of a stored row.</summary>
    public static ParRule RuleOf(ParScoringRule r) => new(r.Kind == "bands" ? ParRuleKind.Bands : ParRuleKind.Linear, (double)r.MaxPoints,
        (double)(r.FromPercent ?? 0), (double)(r.ToPercent ?? 100),
        r.BandMinPercent.Zip(r.BandPoints, (min, points) => new ParBand((double)min, (double)points)).ToList());
}
