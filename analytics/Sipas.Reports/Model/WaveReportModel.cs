using Sipas.Analytics;

namespace Sipas.Reports;

public enum ReportLanguage { Vi, En }

/// <summary>
/// Everything the wave report shows, already computed (a snapshot query fills it; <see cref="WaveReport"/> only lays
/// it out). Proportions are in [0, 1]; NaN means undefined.
/// </summary>
public sealed record WaveReportModel(
    ReportProvince Province,
    ReportWave Wave,
    ReportSnapshot Snapshot,
    IReadOnlyList<IndicatorSummary> Indicators,
    IReadOnlyList<GroupRow> Areas,
    IReadOnlyList<GroupRow> Agencies,
    IReadOnlyList<GroupRow> Communes,
    IReadOnlyList<SectionBreakdown> Sections,
    IReadOnlyList<ReliabilityRow> Reliability,
    MethodologyAnnex Methodology,
    ReportLanguage Language = ReportLanguage.Vi);

/// <param name="Name">e.g. "Nghệ An".</param>
/// <param name="Code">Statistics code, "40" for Nghệ An.</param>
public sealed record ReportProvince(string Name, string Code);

/// <param name="LookBackStart">First day of the period whose services the respondents rated.</param>
public sealed record ReportWave(string Code, LocalizedText Name, DateOnly Start, DateOnly End,
    DateOnly LookBackStart, DateOnly LookBackEnd);

/// <summary>Where the figures come from. <see cref="ComputedAt"/> also dates the PDF, so the bytes never depend on the clock.</summary>
/// <param name="ComputedAt">Printed in Vietnam time with the zone named, whatever offset it carries.</param>
/// <param name="ComputedBy">The name of the person who asked for the run; null for a run the schedule started.</param>
public sealed record ReportSnapshot(string MethodVersion, string DataHash, DateTimeOffset ComputedAt, string? ComputedBy);
