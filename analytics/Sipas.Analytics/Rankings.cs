namespace Sipas.Analytics;

/// <summary>
/// A unit's place in a league table: its rank and the 95% interval of ranks it could hold given the
/// uncertainty of every estimate (method.md §9).
/// </summary>
/// <param name="Rank">1 + the number of units with a higher estimate (ties share the better rank).</param>
/// <param name="Low">1 + the number of units significantly better.</param>
/// <param name="High">The number of units ranked minus the number significantly worse.</param>
public readonly record struct RankPlace(int Rank, int Low, int High);

/// <summary>
/// One row of rankings.csv (interchange.md "Rankings"): an agency or a commune (<see cref="GroupType.Unit"/>) on
/// the overall index of its questionnaire's indicator. <see cref="Place"/> is null for a unit whose estimate is
/// undefined (listed apart, unranked); then <see cref="Estimate"/> and <see cref="Se"/> are NaN.
/// <see cref="Flags"/> are those of the results row (small samples are ranked and flagged).
/// </summary>
public sealed record RankingRow(string Wave, string Indicator, GroupType GroupType, string GroupCode, int NValid,
    double Estimate, double Se, RankPlace? Place, ResultFlags Flags);

/// <summary>
/// League tables of agencies and communes (method.md §9). Pure: the same results always give the same rows.
/// </summary>
/// <remarks>
/// The rank interval treats estimates as independent: exact for agencies, whose strata are disjoint, an
/// approximation for communes, which share strata (a commune's responses sit in agency × area strata).
/// R: rank &lt;- 1 + sapply(p, function(x) sum(p - x &gt; 1e-12));
/// z &lt;- outer(p, p, "-") / sqrt(outer(se^2, se^2, "+")) (z[v, u] = (p_v − p_u) / √(SE_u² + SE_v²)).
/// </remarks>
public static class Rankings
{
    /// <summary>Estimates closer than this are equal: they share a rank and neither is significantly better.</summary>
    public const double Tie = 1e-12;

    /// <summary>The group types ranked, in output order.</summary>
    public static IReadOnlyList<GroupType> Ranked { get; } = [GroupType.Agency, GroupType.Unit];

    /// <summary>
    /// The rankings of <paramref name="results"/>: for each wave, indicator and ranked group type present
    /// (agencies, then communes), the overall-index rows (empty section and item) ranked among themselves.
    /// Ranked rows come by rank, then by ordinal group code; units with an undefined estimate follow, unranked,
    /// by group code. Waves and indicators keep the order in which they first appear in the results.
    /// </summary>
    public static List<RankingRow> Of(IEnumerable<ResultRow> results)
    {
        var overall = results.Where(r => r.Section.Length == 0 && r.Item.Length == 0 && Ranked.Contains(r.GroupType))
            .ToList();
        var rows = new List<RankingRow>(overall.Count);
        foreach (var table in overall.GroupBy(r => (r.Wave, r.Indicator)))
        foreach (var type in Ranked)
            rows.AddRange(Table(table.Where(r => r.GroupType == type).ToList()));
        return rows;
    }

    /// <summary>One league table: <paramref name="units"/> are the overall rows of one wave, indicator and group type.</summary>
    public static List<RankingRow> Table(IReadOnlyList<ResultRow> units)
    {
        var defined = units.Where(IsDefined).ToList();
        var places = Places(defined.Select(r => r.Estimate).ToArray(), defined.Select(r => r.Se).ToArray());
        var ranked = defined.Select((r, i) => Row(r, places[i]))
            .OrderBy(r => r.Place!.Value.Rank).ThenBy(r => r.GroupCode, StringComparer.Ordinal);
        var apart = units.Where(r => !IsDefined(r)).Select(r => Row(r, null))
            .OrderBy(r => r.GroupCode, StringComparer.Ordinal);
        return ranked.Concat(apart).ToList();
    }

    /// <summary>
    /// Ranks and 95% rank intervals of units with estimates <paramref name="estimates"/> (all defined) and
    /// standard errors <paramref name="ses"/>, in input order.
    /// Rank = 1 + #{v : p_v − p_u &gt; 1e-12}. For u ≠ v, z = (p_v − p_u) / √(SE_u² + SE_v²); v is significantly
    /// better than u when z &gt; 1.959963984540054 and significantly worse when z &lt; −1.959963984540054; when both
    /// SEs are 0 any difference is significant. A difference within 1e-12 counts as none (the estimates are
    /// equal). Interval = [1 + #better, n − #worse]. Empty input gives an empty result; a single unit is [1, 1].
    /// </summary>
    /// <example>Estimates 0.95, 0.90, 0.90, 0.80 with SEs 0.01, 0.02, 0, 0.05 give ranks 1, 2, 2, 4 and intervals
    /// [1, 1], [2, 4], [2, 3], [3, 4] (method.md §9).</example>
    public static RankPlace[] Places(ReadOnlySpan<double> estimates, ReadOnlySpan<double> ses)
    {
        if (estimates.Length != ses.Length)
            throw new ArgumentException("One standard error per estimate", nameof(ses));
        var n = estimates.Length;
        var places = new RankPlace[n];
        for (var u = 0; u < n; u++)
        {
            int higher = 0, better = 0, worse = 0;
            for (var v = 0; v < n; v++)
            {
                if (v == u) continue;
                var d = estimates[v] - estimates[u];
                if (Math.Abs(d) <= Tie) continue;   // equal: neither higher nor significantly different
                if (d > 0) higher++;
                var se = Math.Sqrt(ses[u] * ses[u] + ses[v] * ses[v]);
                var z = se == 0 ? d * double.PositiveInfinity : d / se;   // both SEs 0: any difference counts
                if (z > Proportions.Z95) better++;
                else if (z < -Proportions.Z95) worse++;
            }
            places[u] = new RankPlace(1 + higher, 1 + better, n - worse);
        }
        return places;
    }

    private static bool IsDefined(ResultRow row) => !double.IsNaN(row.Estimate) && !row.Flags.HasFlag(ResultFlags.Undefined);

    private static RankingRow Row(ResultRow r, RankPlace? place) => place is null
        ? new RankingRow(r.Wave, r.Indicator, r.GroupType, r.GroupCode, r.NValid, double.NaN, double.NaN, null, r.Flags)
        : new RankingRow(r.Wave, r.Indicator, r.GroupType, r.GroupCode, r.NValid, r.Estimate, r.Se, place, r.Flags);
}
