using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Jobs.Exports;

/// <summary>
/// A snapshot's stored official figures (channel "") as they leave the platform: the rows of the results CSV in
/// interchange.md's stable order, and the names and questionnaire texts the summary workbook and the report print.
/// Everything is read from stored rows; nothing is recomputed.
/// </summary>
public sealed class SnapshotTables
{
    /// <summary>The group types of the results CSV, in its order (province, agencies, areas, communes).</summary>
    private static readonly string[] CsvGroupTypes = ["province", "agency", "area", "unit"];

    public required Snapshot Snapshot { get; init; }
    public required Wave Wave { get; init; }
    /// <summary>Official rows of the marginal groups, in results-CSV order.</summary>
    public required IReadOnlyList<SnapshotResult> Rows { get; init; }
    public required IReadOnlyList<SnapshotVerdict> Verdicts { get; init; }
    /// <summary>The wave's questionnaires by family (the <c>indicator</c> of a result row).</summary>
    public required IReadOnlyDictionary<string, Questionnaire> Questionnaires { get; init; }
    public required IReadOnlyDictionary<string, string> AgencyNames { get; init; }
    public required IReadOnlyDictionary<string, string> AreaNames { get; init; }
    public required IReadOnlyDictionary<string, string> UnitNames { get; init; }

    /// <summary>Loads snapshot <paramref name="snapshotId"/>; null when it does not exist.</summary>
    public static async Task<SnapshotTables?> LoadAsync(SipasDb db, int snapshotId, CancellationToken ct = default)
    {
        var snapshot = await db.Snapshots.AsNoTracking().Include(s => s.Wave).ThenInclude(w => w!.Questionnaires)
            .SingleOrDefaultAsync(s => s.Id == snapshotId, ct);
        if (snapshot is null) return null;
        var stored = await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == snapshotId && r.Channel == "" && CsvGroupTypes.Contains(r.GroupType))
            .ToListAsync(ct);
        var verdicts = await db.SnapshotVerdicts.AsNoTracking().Where(v => v.SnapshotId == snapshotId).ToListAsync(ct);
        var questionnaires = new Dictionary<string, Questionnaire>(StringComparer.Ordinal);
        foreach (var version in snapshot.Wave!.Questionnaires.OrderBy(q => q.Id)) questionnaires.TryAdd(version.Family, version.Read());

        var order = new Dictionary<(string Family, string Section, string Item), int>();
        foreach (var (family, q) in questionnaires)
        {
            var k = 0;
            order[(family, "", "")] = k++;
            foreach (var section in q.ScoredSections)
            {
                order[(family, section.Code, "")] = k++;
                foreach (var item in section.ScoredItems) order[(family, section.Code, item.Code)] = k++;
            }
        }
        int Place(SnapshotResult r) => order.GetValueOrDefault((r.Indicator, r.Section, r.Item), int.MaxValue);
        var rows = stored.OrderBy(r => r.Indicator, StringComparer.Ordinal)
            .ThenBy(r => Array.IndexOf(CsvGroupTypes, r.GroupType)).ThenBy(r => r.GroupCode, StringComparer.Ordinal)
            .ThenBy(Place).ThenBy(r => r.Section, StringComparer.Ordinal).ThenBy(r => r.Item, StringComparer.Ordinal)
            .ToList();

        return new SnapshotTables
        {
            Snapshot = snapshot, Wave = snapshot.Wave, Rows = rows, Verdicts = verdicts, Questionnaires = questionnaires,
            AgencyNames = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.NameVi, ct),
            AreaNames = await db.ServiceAreas.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.NameVi, ct),
            UnitNames = await db.AdministrativeUnits.AsNoTracking().ToDictionaryAsync(u => u.Code, u => u.FullName, ct),
        };
    }

    /// <summary>The rows as the results CSV's <see cref="ResultRow"/>s (undefined values NaN).</summary>
    public IEnumerable<ResultRow> ResultRows() => Rows.Select(r => ToResultRow(Wave.Code, r));

    public static ResultRow ToResultRow(string wave, SnapshotResult r) => new(wave, r.Indicator, GroupTypeOf(r.GroupType),
        r.GroupCode, r.Section, r.Item, r.NValid, r.NPositive, r.Estimate ?? double.NaN, r.Se ?? double.NaN,
        new Interval(r.CiLow ?? double.NaN, r.CiHigh ?? double.NaN), r.NEff ?? double.NaN, (ResultFlags)r.Flags);

    private static GroupType GroupTypeOf(string text) => text switch
    {
        "province" => GroupType.Province, "agency" => GroupType.Agency, "area" => GroupType.Area, "unit" => GroupType.Unit,
        _ => throw new InvalidDataException($"Group type {text} has no place in the results CSV."),
    };

    /// <summary>The overall row of a group of <paramref name="family"/>, or null.</summary>
    public SnapshotResult? Overall(string family, string groupType, string groupCode) => Rows.FirstOrDefault(r =>
        r.Indicator == family && r.GroupType == groupType && r.GroupCode == groupCode && r.Section == "");
}
