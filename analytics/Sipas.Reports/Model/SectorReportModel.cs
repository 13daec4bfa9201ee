using Sipas.Analytics;

namespace Sipas.Reports;

/// <summary>
/// What a sector report is about: a service area read from the SIPAS questionnaire (land, construction, investment:
/// method-notes.md §1), or the health or education questionnaire with its facilities or schools as units.
/// </summary>
public enum SectorKind { Area, Health, Education }

/// <summary>
/// One sector report of a snapshot: the indicator against its target with the change since the previous wave, the
/// elements and criteria, the weakest criteria, and the units (agencies, facilities or schools; communes). Filled
/// from stored rows (a snapshot query); <see cref="SectorReport"/> only lays it out. Proportions in [0, 1], NaN undefined.
/// </summary>
/// <param name="AreaCode">The service area (<c>land</c>, <c>health</c> …) the report is about.</param>
/// <param name="Questionnaire">The questionnaire read, "code version"; empty when the wave has none of the family.</param>
/// <param name="Index">The indicator's overall row; null when the snapshot has no valid response there (the report says so).</param>
/// <param name="Target">The indicator's target for the wave's year; null when none is set.</param>
/// <param name="Elements">Each element with its criteria and its change since the previous wave.</param>
/// <param name="Weakest">The weakest defined criteria, weakest first.</param>
/// <param name="Units">Agencies (sector), facilities (health) or schools (education), with their overall index.</param>
/// <param name="Communes">Communes with their overall index; for a sector, each commune under the agency serving it.</param>
public sealed record SectorReportModel(
    ReportProvince Province,
    ReportWave Wave,
    ReportSnapshot Snapshot,
    SectorKind Kind,
    string AreaCode,
    LocalizedText AreaName,
    string IndicatorCode,
    LocalizedText IndicatorName,
    string Questionnaire,
    Aggregation Aggregation,
    ReportEstimate? Index,
    Target? Target,
    Verdict? Verdict,
    IndicatorChange? Change,
    IReadOnlyList<SectorElement> Elements,
    IReadOnlyList<CriterionRow> Weakest,
    IReadOnlyList<SectorUnit> Units,
    IReadOnlyList<SectorUnit> Communes,
    ReportLanguage Language = ReportLanguage.Vi);

/// <summary>An element (section) with its criteria, and its change since the previous wave (null without a previous figure).</summary>
public sealed record SectorElement(SectionBreakdown Section, IndicatorChange? Change);

/// <summary>A unit's overall index and its change since the previous wave.</summary>
/// <param name="Within">For a sector's commune, the agency serving it there (communes are read per agency); else null.</param>
public sealed record SectorUnit(string Code, string Name, string? Within, ReportEstimate Estimate, IndicatorChange? Change);
