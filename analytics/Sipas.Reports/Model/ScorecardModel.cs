using Sipas.Analytics;

namespace Sipas.Reports;

public enum ScorecardKind { Agency, Commune }

/// <summary>
/// The scorecards of one snapshot: every agency, or every commune, on the overall index of the snapshot's lead
/// indicator (<paramref name="IndicatorCode"/>), judged against that indicator's target. Filled from stored rows
/// (a snapshot query); <see cref="ScorecardReport"/> only lays it out.
/// </summary>
/// <param name="Target">The indicator's target for the wave's year; null when none is set (no verdicts then).</param>
/// <param name="Ranked">How many units have a rank (a defined estimate): the "of N" of every rank.</param>
public sealed record ScorecardSetModel(
    ReportProvince Province,
    ReportWave Wave,
    ReportSnapshot Snapshot,
    ScorecardKind Kind,
    string IndicatorCode,
    LocalizedText IndicatorName,
    Target? Target,
    int Ranked,
    IReadOnlyList<Scorecard> Cards,
    ReportLanguage Language = ReportLanguage.Vi);

/// <summary>
/// One agency's or commune's scorecard: its index against the target with the verdict, its rank with the 95% rank
/// interval (method.md §9), the change since the previous wave, its elements and its three weakest criteria.
/// </summary>
/// <param name="Rank">Null when the index is undefined (the unit is not ranked).</param>
/// <param name="Change">Null when the previous wave has no figure for the unit.</param>
/// <param name="Elements">The unit's element (section) indices; their <c>Criteria</c> are not used.</param>
/// <param name="Weakest">Its weakest defined criteria, weakest first (at most three).</param>
public sealed record Scorecard(string Code, string Name, ReportEstimate Index, Verdict? Verdict, RankPlace? Rank,
    IndicatorChange? Change, IReadOnlyList<SectionBreakdown> Elements, IReadOnlyList<CriterionRow> Weakest);
