using Sipas.Analytics;
using Sipas.Data;
using Sipas.Data.Seed;
using AnalyticsTarget = Sipas.Analytics.Target;

namespace Sipas.Jobs;

/// <summary>
/// Turns samples into snapshot rows with the pure engine, and nothing else: every figure comes from
/// <see cref="Estimator.Compute"/> and <see cref="Targets.Judge"/>.
/// </summary>
public static class SnapshotFigures
{
    /// <summary>The marginal groups of a snapshot, in the order of the results CSV: province, areas, agencies, communes.</summary>
    public static readonly AnalysisSpec Spec =
        new([GroupType.Province, GroupType.Area, GroupType.Agency, GroupType.Unit], ReferenceData.ProvinceCode);

    /// <summary>Group types of the drill-down crosses (area × agency, area × agency × commune).</summary>
    public const string AreaAgency = "area-agency", AreaAgencyUnit = "area-agency-unit";

    /// <summary>
    /// The official indicators (method.md §5) and where each is read: the province overall row of the
    /// questionnaire family, or for LAND, CONSTRUCTION and INVESTMENT the overall row of that service area in the
    /// SIPAS questionnaire (docs/method-notes.md).
    /// </summary>
    public static readonly IReadOnlyList<string> Indicators =
        ["TTHC", "SIPAS", "HEALTH", "EDUCATION", "LAND", "CONSTRUCTION", "INVESTMENT"];

    public static (string Family, string GroupType, string GroupCode) SourceOf(string indicator) => indicator switch
    {
        "LAND" => ("SIPAS", "area", "land"),
        "CONSTRUCTION" => ("SIPAS", "area", "construction"),
        "INVESTMENT" => ("SIPAS", "area", "investment"),
        _ => (indicator, "province", ReferenceData.ProvinceCode),
    };

    /// <summary>
    /// Every estimate of <paramref name="sample"/>: the marginal groups of <see cref="Spec"/>, then the crosses
    /// area × agency and area × agency × commune. The crosses are ordinary groups of the same design (same strata,
    /// same answers; only the group codes differ), so they are domain estimates exactly as method.md §3 defines.
    /// </summary>
    public static List<SnapshotResult> Estimate(int snapshotId, string channel, Sample sample)
    {
        var rows = new List<SnapshotResult>();
        var marginal = Estimator.Compute(sample, null, Spec);
        Append(rows, marginal, snapshotId, channel, ResultText.Of);
        var crossed = Estimator.Compute(Crossed(sample), null, new([GroupType.Agency, GroupType.Unit], Spec.ProvinceCode));
        Append(rows, crossed, snapshotId, channel, t => t == GroupType.Agency ? AreaAgency : AreaAgencyUnit);
        return rows;
    }

    /// <summary>The same sample with agency codes replaced by <c>area/agency</c> and units by <c>area/agency/unit</c>.</summary>
    public static Sample Crossed(Sample s)
    {
        var agencies = new CodeTable();
        var units = new CodeTable();
        var agency = new int[s.Count];
        var unit = new int[s.Count];
        var pairs = new int[s.Areas.Count * s.Agencies.Count];
        Array.Fill(pairs, -1);
        var triples = new Dictionary<long, int>();
        for (var k = 0; k < s.Count; k++)
        {
            var slot = s.Area[k] * s.Agencies.Count + s.Agency[k];
            if (pairs[slot] < 0) pairs[slot] = agencies.Add($"{s.Areas[s.Area[k]]}/{s.Agencies[s.Agency[k]]}");
            agency[k] = pairs[slot];
            if (s.Unit[k] < 0) { unit[k] = -1; continue; }
            var key = (long)pairs[slot] << 32 | (uint)s.Unit[k];
            if (!triples.TryGetValue(key, out var u))
                triples[key] = u = units.Add($"{agencies[pairs[slot]]}/{s.Units[s.Unit[k]]}");
            unit[k] = u;
        }
        return new Sample(s.Questionnaire, s.Wave, s.Answers, s.Stratum, agency, s.Area, unit, s.Channel, s.Strata,
            agencies, s.Areas, units, s.Channels);
    }

    private static void Append(List<SnapshotResult> rows, Estimation estimation, int snapshotId, string channel,
        Func<GroupType, string> typeName)
    {
        if (!estimation.Ok)
            throw new InvalidDataException(string.Join("; ", estimation.Faults.Select(f => f.ToString())));
        var counts = estimation.Counts.ToDictionary(c => (c.GroupType, c.GroupCode));
        var alphas = estimation.Reliability.ToDictionary(r => (r.GroupType, r.GroupCode, r.Section));
        foreach (var r in estimation.Results)
        {
            var overall = r.Section.Length == 0;
            var count = overall ? counts[(r.GroupType, r.GroupCode)] : null;
            var alpha = !overall && r.Item.Length == 0 ? alphas[(r.GroupType, r.GroupCode, r.Section)] : null;
            rows.Add(new SnapshotResult
            {
                SnapshotId = snapshotId, Channel = channel, Indicator = r.Indicator, GroupType = typeName(r.GroupType),
                GroupCode = r.GroupCode, Section = r.Section, Item = r.Item, NValid = r.NValid, NPositive = r.NPositive,
                Estimate = Number(r.Estimate), Se = Number(r.Se), CiLow = Number(r.Ci.Lower), CiHigh = Number(r.Ci.Upper),
                NEff = Number(r.NEff), Flags = (short)r.Flags,
                NResponses = count?.NResponses, NValidResponses = count?.NValidResponses,
                Alpha = alpha is null ? null : Number(alpha.Alpha), NComplete = alpha?.NComplete,
            });
        }
    }

    /// <summary>
    /// Verdicts of <paramref name="targets"/> (current rows of the wave's year) on the official rows
    /// (<paramref name="rows"/> of channel ""), read where <see cref="SourceOf"/> says. A target without an
    /// estimate is kept with no verdict, so the dashboard can say so.
    /// </summary>
    public static List<SnapshotVerdict> Verdicts(int snapshotId, IReadOnlyList<SnapshotResult> rows, IEnumerable<Data.Target> targets)
    {
        var verdicts = new List<SnapshotVerdict>();
        foreach (var target in targets)
        {
            var (family, groupType, groupCode) = SourceOf(target.Indicator);
            var row = rows.FirstOrDefault(r => r.Channel.Length == 0 && r.Indicator == family && r.GroupType == groupType
                && r.GroupCode == groupCode && r.Section.Length == 0);
            Targets.TryParseComparator(target.Comparator, out var comparator);
            var threshold = (double)(target.ThresholdPercent / 100m);
            var estimate = row?.Estimate ?? double.NaN;
            var ci = new Interval(row?.CiLow ?? double.NaN, row?.CiHigh ?? double.NaN);
            var verdict = Targets.Judge(estimate, ci, comparator, threshold);
            verdicts.Add(new SnapshotVerdict
            {
                SnapshotId = snapshotId, Indicator = target.Indicator, Year = target.Year, TargetId = target.Id,
                GroupType = groupType, GroupCode = groupCode, Source = family, Comparator = Targets.Symbol(comparator),
                Threshold = threshold, Estimate = row?.Estimate, CiLow = row?.CiLow, CiHigh = row?.CiHigh,
                Met = verdict?.Met, Certain = verdict?.Certain, Display = Targets.Display(estimate),
            });
        }
        return verdicts;
    }

    /// <summary>The engine's targets type for a stored target (used by tests that compare with the CLI path).</summary>
    public static AnalyticsTarget ToAnalytics(Data.Target t)
    {
        Targets.TryParseComparator(t.Comparator, out var comparator);
        return new AnalyticsTarget(t.Indicator, t.Year, comparator, (double)(t.ThresholdPercent / 100m), t.LegalBasis);
    }

    private static double? Number(double value) => double.IsNaN(value) ? null : value;
}
