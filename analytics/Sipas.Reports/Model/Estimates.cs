using Sipas.Analytics;

namespace Sipas.Reports;

/// <summary>An estimate as the report shows it: valid count, proportion, SE, 95% interval and flags.</summary>
public sealed record ReportEstimate(int NValid, double Estimate, double Se, Interval Ci, ResultFlags Flags)
{
    public static ReportEstimate From(ResultRow row) => new(row.NValid, row.Estimate, row.Se, row.Ci, row.Flags);

    public static ReportEstimate Undefined(int nValid) =>
        new(nValid, double.NaN, double.NaN, Interval.Undefined, ResultFlags.SmallSample | ResultFlags.Undefined);
}

/// <summary>One row of the area, agency or commune tables (the group's overall index).</summary>
public sealed record GroupRow(string Code, string Name, ReportEstimate Estimate);

/// <summary>An indicator against its target, with the verdict (method.md §5) and the change since the previous wave.</summary>
/// <param name="Target">Null when no target is set for the wave's year; then <paramref name="Verdict"/> is null too.</param>
/// <param name="Verdict">Null when there is no target or the estimate is undefined.</param>
public sealed record IndicatorSummary(string Code, LocalizedText Name, ReportEstimate Estimate, Target? Target,
    Verdict? Verdict, IndicatorChange? Change);

/// <summary>The change d = p₂ − p₁ since <paramref name="PreviousWave"/> (method.md §4).</summary>
public sealed record IndicatorChange(string PreviousWave, double PreviousEstimate, WaveChangeResult Result);

/// <summary>An element (yếu tố, section) of the questionnaire with its index and its criteria.</summary>
public sealed record SectionBreakdown(string Code, LocalizedText Title, ReportEstimate Estimate,
    IReadOnlyList<CriterionRow> Criteria);

/// <summary>A criterion (tiêu chí, scored item): its rate and mean score (1..5, NaN when undefined).</summary>
public sealed record CriterionRow(string Code, LocalizedText Text, ReportEstimate Estimate, double MeanScore);
