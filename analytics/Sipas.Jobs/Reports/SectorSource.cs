using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;
using Sipas.Jobs.Exports;
using Sipas.Reports;

namespace Sipas.Jobs.Reports;

/// <summary>
/// Fills a <see cref="SectorReportModel"/> from a snapshot's stored rows. A sector (land, construction, investment) is
/// read where its indicator is (<see cref="SnapshotFigures.SourceOf"/>: the SIPAS rows of that service area), its agencies
/// and communes from the stored area × agency and area × agency × commune rows (method-notes.md §8); health and education
/// from their questionnaires' province rows, their agencies (facilities, schools) and communes. The indicator's target,
/// verdict and change are the stored ones; each element's and unit's change is <see cref="WaveChange.Compare"/> of its
/// stored estimate and SE against the same row of the previous wave's snapshot the stored change names. Nothing else is
/// computed.
/// </summary>
public static class SectorSource
{
    /// <summary>How many of the weakest criteria a report lists.</summary>
    public const int Weakest = 5;

    /// <summary>Each kind's report: what it is, its service area and its indicator.</summary>
    public static readonly IReadOnlyDictionary<string, (SectorKind Kind, string Area, string Indicator)> Kinds =
        new Dictionary<string, (SectorKind, string, string)>
        {
            [SnapshotReport.SectorLand] = (SectorKind.Area, "land", "LAND"),
            [SnapshotReport.SectorConstruction] = (SectorKind.Area, "construction", "CONSTRUCTION"),
            [SnapshotReport.SectorInvestment] = (SectorKind.Area, "investment", "INVESTMENT"),
            [SnapshotReport.Health] = (SectorKind.Health, "health", "HEALTH"),
            [SnapshotReport.Education] = (SectorKind.Education, "education", "EDUCATION"),
        };

    public static async Task<SectorReportModel> BuildAsync(SipasDb db, SnapshotTables t, string kind, ReportLanguage language,
        CancellationToken ct = default)
    {
        var (sectorKind, area, indicatorCode) = Kinds.TryGetValue(kind, out var what)
            ? what : throw new ArgumentException($"Not a sector report kind: {kind}", nameof(kind));
        var (family, groupType, groupCode) = SnapshotFigures.SourceOf(indicatorCode);
        var report = await WaveReportSource.BuildAsync(db, t, language, ct);
        var indicator = report.Indicators.Single(i => i.Code == indicatorCode);
        var names = await ReportNames.LoadAsync(db, language, ct);
        var areaRow = await db.ServiceAreas.AsNoTracking().SingleOrDefaultAsync(a => a.Code == area, ct);
        var questionnaire = t.Questionnaires.GetValueOrDefault(family);
        var (unitType, communeType) = sectorKind == SectorKind.Area
            ? (SnapshotFigures.AreaAgency, SnapshotFigures.AreaAgencyUnit) : ("agency", "unit");
        var prefix = sectorKind == SectorKind.Area ? area + "/" : "";

        var rows = t.Rows.Where(r => r.Indicator == family && r.GroupType == groupType && r.GroupCode == groupCode).ToList();
        var overall = rows.FirstOrDefault(r => r.Section == "");
        var units = await UnitRowsAsync(db, t.Snapshot.Id, family, unitType, communeType, prefix, ct);

        var change = await db.SnapshotChanges.AsNoTracking()
            .FirstOrDefaultAsync(c => c.SnapshotId == t.Snapshot.Id && c.Channel == "" && c.Indicator == indicatorCode, ct);
        var previous = change is null ? [] : await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == change.PreviousSnapshotId && r.Channel == "" && r.Indicator == family && r.Item == ""
                        && ((r.GroupType == groupType && r.GroupCode == groupCode)
                            || (r.Section == "" && (r.GroupType == unitType || r.GroupType == communeType) && r.GroupCode.StartsWith(prefix))))
            .ToDictionaryAsync(r => (r.GroupType, r.GroupCode, r.Section), ct);
        IndicatorChange? Moved(SnapshotResult now) =>
            change is not null && previous.TryGetValue((now.GroupType, now.GroupCode, now.Section), out var before)
            && before.Estimate is { } p && now.Estimate is { } q
                ? new IndicatorChange(change.PreviousWave, p, WaveChange.Compare(p, before.Se ?? double.NaN, q, now.Se ?? double.NaN))
                : null;

        var sections = questionnaire?.ScoredSections ?? [];
        var elements = sections.Select(s => (section: s, row: rows.FirstOrDefault(r => r.Section == s.Code && r.Item == "")))
            .Where(e => e.row is not null)
            .Select(e => new SectorElement(new SectionBreakdown(e.section.Code, e.section.Title, Estimate(e.row!),
                e.section.ScoredItems.Select(item => (item, row: rows.FirstOrDefault(r => r.Section == e.section.Code && r.Item == item.Code)))
                    .Where(c => c.row is not null)
                    .Select(c => new CriterionRow(c.item.Code, c.item.Text, Estimate(c.row!), c.row!.MeanScore ?? double.NaN)).ToList()),
                Moved(e.row!)))
            .ToList();
        var weakest = elements.SelectMany(e => e.Section.Criteria).Where(c => !double.IsNaN(c.Estimate.Estimate))
            .OrderBy(c => c.Estimate.Estimate).ThenBy(c => c.Code, StringComparer.Ordinal).Take(Weakest).ToList();

        string Agency(string code) => names.Agencies.GetValueOrDefault(code, code);
        var unitRows = units.Where(r => r.GroupType == unitType)
            .Select(r => (row: r, code: r.GroupCode[prefix.Length..]))
            .OrderBy(u => u.code, StringComparer.Ordinal)
            .Select(u => new SectorUnit(u.code, Agency(u.code), null, Estimate(u.row), Moved(u.row))).ToList();
        var communes = units.Where(r => r.GroupType == communeType)
            .Select(r =>
            {
                var parts = r.GroupCode[prefix.Length..].Split('/');
                var (agency, unit) = parts.Length == 2 ? (parts[0], parts[1]) : ((string?)null, parts[0]);
                return (row: r, agency, unit);
            })
            .OrderBy(c => c.unit, StringComparer.Ordinal).ThenBy(c => c.agency, StringComparer.Ordinal)
            .Select(c => new SectorUnit(c.unit, names.Units.GetValueOrDefault(c.unit, c.unit), c.agency is null ? null : Agency(c.agency),
                Estimate(c.row), Moved(c.row))).ToList();

        return new SectorReportModel(report.Province, report.Wave, report.Snapshot, sectorKind, area,
            areaRow is null ? new LocalizedText(area, area) : new LocalizedText(areaRow.NameVi, areaRow.NameEn),
            indicatorCode, indicator.Name, questionnaire is null ? "" : $"{questionnaire.Code} {questionnaire.Version}",
            questionnaire?.Aggregation ?? Aggregation.MeanOfItems, overall is null ? null : Estimate(overall), indicator.Target,
            overall is null ? null : indicator.Verdict, overall is null ? null : indicator.Change, elements, weakest, unitRows, communes,
            language);
    }

    /// <summary>The overall rows of the units and communes of the report (a sector's are the crosses starting with its area).</summary>
    private static Task<List<SnapshotResult>> UnitRowsAsync(SipasDb db, int snapshotId, string family, string unitType,
        string communeType, string prefix, CancellationToken ct) =>
        db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == snapshotId && r.Channel == "" && r.Indicator == family && r.Section == ""
                        && (r.GroupType == unitType || r.GroupType == communeType) && r.GroupCode.StartsWith(prefix))
            .ToListAsync(ct);

    /// <summary>A stored row as printed (any group type: the crosses have no place in <see cref="SnapshotTables.ToResultRow"/>).</summary>
    private static ReportEstimate Estimate(SnapshotResult r) => new(r.NValid, r.Estimate ?? double.NaN, r.Se ?? double.NaN,
        new Interval(r.CiLow ?? double.NaN, r.CiHigh ?? double.NaN), (ResultFlags)r.Flags);
}
