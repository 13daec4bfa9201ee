using System.Globalization;

namespace Sipas.Analytics;

/// <summary>How an estimate is compared with a target's threshold.</summary>
public enum Comparator
{
    /// <summary><c>&gt;</c>: strictly above.</summary>
    GreaterThan,
    /// <summary><c>≥</c>: at or above.</summary>
    AtLeast,
}

/// <summary>A target: (indicator, year, comparator, threshold as a proportion), with its legal basis.</summary>
public sealed record Target(string Indicator, int Year, Comparator Comparator, double Threshold, string Basis = "");

/// <summary>The verdict on an estimate against a target (method.md §5).</summary>
/// <param name="Met">The estimate satisfies the comparator.</param>
/// <param name="Certain">The whole interval lies on the same side of the threshold.</param>
public readonly record struct Verdict(bool Met, bool Certain)
{
    /// <summary><c>met</c> or <c>not met</c>.</summary>
    public string VerdictText => Met ? "met" : "not met";
    /// <summary><c>certain</c> or <c>within margin</c>.</summary>
    public string QualifierText => Certain ? "certain" : "within margin";
}

/// <summary>A row of the verdicts file: the target, the estimate it was judged on, and the verdict.</summary>
public sealed record VerdictRow(string Wave, Target Target, GroupType GroupType, string GroupCode, double Estimate,
    Interval Ci, Verdict? Verdict, string Display);

/// <summary>Targets and verdicts (method.md §5).</summary>
public static class Targets
{
    /// <summary>
    /// The seeded targets: 2025 (QĐ 3667/QĐ-UBND) TTHC &gt; 95%, SIPAS &gt; 90%, HEALTH &gt; 85%, EDUCATION &gt; 85%;
    /// 2026 (QĐ 4820/QĐ-UBND) overall satisfaction (SIPAS and TTHC) ≥ 95%, LAND, INVESTMENT, CONSTRUCTION &gt; 85%.
    /// </summary>
    public static IReadOnlyList<Target> Seeded { get; } =
    [
        new("TTHC", 2025, Comparator.GreaterThan, 0.95, "QĐ 3667/QĐ-UBND"),
        new("SIPAS", 2025, Comparator.GreaterThan, 0.90, "QĐ 3667/QĐ-UBND"),
        new("HEALTH", 2025, Comparator.GreaterThan, 0.85, "QĐ 3667/QĐ-UBND"),
        new("EDUCATION", 2025, Comparator.GreaterThan, 0.85, "QĐ 3667/QĐ-UBND"),
        new("SIPAS", 2026, Comparator.AtLeast, 0.95, "QĐ 4820/QĐ-UBND"),
        new("TTHC", 2026, Comparator.AtLeast, 0.95, "QĐ 4820/QĐ-UBND"),
        new("LAND", 2026, Comparator.GreaterThan, 0.85, "QĐ 4820/QĐ-UBND"),
        new("INVESTMENT", 2026, Comparator.GreaterThan, 0.85, "QĐ 4820/QĐ-UBND"),
        new("CONSTRUCTION", 2026, Comparator.GreaterThan, 0.85, "QĐ 4820/QĐ-UBND"),
    ];

    /// <summary>
    /// Verdict on estimate <paramref name="estimate"/> with interval <paramref name="ci"/> against
    /// <paramref name="threshold"/>: met when the estimate satisfies the comparator; certain when the whole
    /// interval is on the same side (met: L &gt; t, or L ≥ t with ≥; not met: U &lt; t with ≥, or U ≤ t with &gt;).
    /// Unrounded values are compared. Null when the estimate is undefined (NaN).
    /// </summary>
    /// <remarks>method.md §5.</remarks>
    public static Verdict? Judge(double estimate, Interval ci, Comparator comparator, double threshold)
    {
        if (double.IsNaN(estimate)) return null;
        var strict = comparator == Comparator.GreaterThan;
        var met = strict ? estimate > threshold : estimate >= threshold;
        var certain = met
            ? (strict ? ci.Lower > threshold : ci.Lower >= threshold)
            : (strict ? ci.Upper <= threshold : ci.Upper < threshold);
        return new Verdict(met, certain);
    }

    /// <summary>
    /// A proportion for display: 100·p rounded half away from zero to two decimals, Vietnamese format with a
    /// decimal comma ("95,12%"). The double is first taken to its 15-significant-digit decimal value, so a
    /// stored 0.95125 rounds to 95,13%. Empty for NaN.
    /// </summary>
    public static string Display(double proportion)
    {
        if (double.IsNaN(proportion)) return "";
        var percent = Math.Round((decimal)proportion * 100m, 2, MidpointRounding.AwayFromZero);
        return percent.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',') + "%";
    }

    /// <summary>
    /// The year whose targets a wave is judged against (docs/method-notes.md, point 11): the year its code begins with
    /// (four digits, then the end or a non-digit: <c>2025-H2</c> → 2025), since the code names the period the wave
    /// measures and travels with every export, so <c>./sipas analyze</c> on an export judges as the snapshot did; else
    /// the calendar year of <paramref name="startsOn"/> (a date of Vietnam's calendar, as entered) when known; else null
    /// (no verdict).
    /// </summary>
    public static int? YearOf(string waveCode, DateOnly? startsOn = null)
    {
        var named = waveCode.Length >= 4 && waveCode.AsSpan(0, 4).IndexOfAnyExceptInRange('0', '9') < 0
            && (waveCode.Length == 4 || !char.IsAsciiDigit(waveCode[4]));
        return named ? int.Parse(waveCode.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture) : startsOn?.Year;
    }

    /// <summary><c>&gt;</c> or <c>≥</c>.</summary>
    public static string Symbol(Comparator comparator) => comparator == Comparator.GreaterThan ? ">" : "≥";

    /// <summary>Parses <c>&gt;</c>, <c>≥</c> or <c>&gt;=</c>.</summary>
    public static bool TryParseComparator(string text, out Comparator comparator)
    {
        comparator = text == ">" ? Comparator.GreaterThan : Comparator.AtLeast;
        return text is ">" or "≥" or ">=";
    }

    /// <summary>
    /// Verdicts for the targets of <paramref name="year"/> whose indicator is the indicator of the results
    /// (the questionnaire family), judged on the province's overall row, in target order.
    /// </summary>
    public static IReadOnlyList<VerdictRow> Verdicts(IEnumerable<ResultRow> results, IEnumerable<Target> targets, int year)
    {
        var overall = results.Where(r => r.GroupType == GroupType.Province && r.Section.Length == 0).ToArray();
        var rows = new List<VerdictRow>();
        foreach (var target in targets.Where(t => t.Year == year))
        foreach (var row in overall.Where(r => r.Indicator == target.Indicator))
            rows.Add(new VerdictRow(row.Wave, target, row.GroupType, row.GroupCode, row.Estimate, row.Ci,
                Judge(row.Estimate, row.Ci, target.Comparator, target.Threshold), Display(row.Estimate)));
        return rows;
    }
}
