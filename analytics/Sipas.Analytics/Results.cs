using Sipas.Analytics.Interchange;

namespace Sipas.Analytics;

/// <summary>The kinds of group an estimate is made for (method.md §3, interchange.md "Results").</summary>
public enum GroupType
{
    /// <summary>The whole province; its code is the province's statistics code (<c>40</c> for Nghệ An).</summary>
    Province,
    /// <summary>An agency (sở, UBND xã…).</summary>
    Agency,
    /// <summary>A service area (land, construction, …).</summary>
    Area,
    /// <summary>A commune (unit NSO code); responses with an empty unit belong to none.</summary>
    Unit,
    /// <summary>A sampling stratum.</summary>
    Stratum,
    /// <summary>A collection channel (web, paper, interview, import).</summary>
    Channel,
}

/// <summary>Flags of a result row, written in this order (method.md §7).</summary>
[Flags]
public enum ResultFlags
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>Valid count below 30 ("mẫu nhỏ").</summary>
    SmallSample = 1,
    /// <summary>The estimate is undefined (no valid answer behind it).</summary>
    Undefined = 2,
    /// <summary>A response of a stratum with n_h = 1 contributes to the estimate.</summary>
    LonelyStratum = 4,
}

/// <summary>Text forms of <see cref="GroupType"/> and <see cref="ResultFlags"/> as the CSV files write them.</summary>
public static class ResultText
{
    /// <summary>Lower-case name of a group type (<c>province</c>, <c>agency</c>, …).</summary>
    public static string Of(GroupType type) => type switch
    {
        GroupType.Province => "province", GroupType.Agency => "agency", GroupType.Area => "area",
        GroupType.Unit => "unit", GroupType.Stratum => "stratum", _ => "channel",
    };

    /// <summary>Flags joined by <c>|</c> in the order small-sample, undefined, lonely-stratum; empty for none.</summary>
    public static string Of(ResultFlags flags)
    {
        if (flags == ResultFlags.None) return "";
        var words = new List<string>(3);
        if (flags.HasFlag(ResultFlags.SmallSample)) words.Add("small-sample");
        if (flags.HasFlag(ResultFlags.Undefined)) words.Add("undefined");
        if (flags.HasFlag(ResultFlags.LonelyStratum)) words.Add("lonely-stratum");
        return string.Join('|', words);
    }

    /// <summary>Parses <c>|</c>-joined flag words; false on an unknown word.</summary>
    public static bool TryParseFlags(string text, out ResultFlags flags)
    {
        flags = ResultFlags.None;
        if (text.Length == 0) return true;
        foreach (var word in text.Split('|'))
        {
            switch (word)
            {
                case "small-sample": flags |= ResultFlags.SmallSample; break;
                case "undefined": flags |= ResultFlags.Undefined; break;
                case "lonely-stratum": flags |= ResultFlags.LonelyStratum; break;
                default: return false;
            }
        }
        return true;
    }
}

/// <summary>
/// One estimate (a row of the results CSV). <see cref="Section"/> and <see cref="Item"/> are empty for an
/// overall index, <see cref="Item"/> empty for a section index. Undefined estimates carry NaN in
/// <see cref="Estimate"/>, <see cref="Se"/>, <see cref="Ci"/> and <see cref="NEff"/>.
/// <see cref="NPositive"/> is Σ w·y on item rows (0 when undefined) and null on section and overall rows.
/// </summary>
public sealed record ResultRow(string Wave, string Indicator, GroupType GroupType, string GroupCode,
    string Section, string Item, int NValid, double? NPositive, double Estimate, double Se, Interval Ci,
    double NEff, ResultFlags Flags);

/// <summary>
/// The mean score of a scored item in a group (method.md §3.5: Σ w a / Σ w v over valid answers 1..5, reported
/// beside the rate) with its linearised standard error; NaN when no valid answer.
/// </summary>
public sealed record MeanScoreRow(GroupType GroupType, string GroupCode, string Section, string Item, int NValid,
    double Estimate, double Se);

/// <summary>Cronbach's alpha of a section in a group; <see cref="Alpha"/> is NaN when undefined.</summary>
public sealed record ReliabilityRow(GroupType GroupType, string GroupCode, string Section, int NComplete, double Alpha);

/// <summary>Responses of a group: all, valid, invalid (method.md §1).</summary>
public sealed record CountRow(string Wave, GroupType GroupType, string GroupCode, int NResponses, int NValidResponses)
{
    /// <summary>Invalid responses: kept, counted, never estimated.</summary>
    public int NInvalid => NResponses - NValidResponses;
}

/// <summary>Which groups to estimate, and the province's code.</summary>
/// <param name="Groups">Group types in output order; the examples use province, agency, area.</param>
/// <param name="ProvinceCode">The province's statistics code, the group code of the province row.</param>
public sealed record AnalysisSpec(IReadOnlyList<GroupType> Groups, string ProvinceCode = "40")
{
    /// <summary>Province, agencies and areas, province code 40: the layout of the spec's examples.</summary>
    public static AnalysisSpec Default { get; } = new([GroupType.Province, GroupType.Agency, GroupType.Area]);
}

/// <summary>
/// Everything estimated for one wave: result rows, reliability and counts in output order, or the faults that
/// prevented estimation (then every list but <see cref="Faults"/> is empty). <see cref="MeanScores"/> has a row
/// per item row of <see cref="Results"/>, in the same order.
/// </summary>
public sealed record Estimation(IReadOnlyList<ResultRow> Results, IReadOnlyList<ReliabilityRow> Reliability,
    IReadOnlyList<CountRow> Counts, IReadOnlyList<MeanScoreRow> MeanScores, IReadOnlyList<InputFault> Faults)
{
    /// <summary>True when the estimation ran.</summary>
    public bool Ok => Faults.Count == 0;
}
