using System.Runtime.CompilerServices;
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
    public static List<SnapshotResult> Estimate(int snapshotId, string channel, Sample sample, PopulationFrame? frame = null)
    {
        var rows = new List<SnapshotResult>();
        var marginal = Estimator.Compute(sample, frame, Spec);
        Append(rows, marginal, snapshotId, channel, ResultText.Of);
        var crossed = Estimator.Compute(Crossed(sample), frame, new([GroupType.Agency, GroupType.Unit], Spec.ProvinceCode));
        Append(rows, crossed, snapshotId, channel, t => t == GroupType.Agency ? AreaAgency : AreaAgencyUnit);
        return rows;
    }

    /// <summary>The same sample with agency codes replaced by <c>area/agency</c> and units by <c>area/agency/unit</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // a loop over every row: skip tier-0 and on-stack replacement
    private static void Append(List<SnapshotResult> rows, Estimation estimation, int snapshotId, string channel,
        Func<GroupType, string> typeName)
    {
        if (!estimation.Ok)
            throw new InvalidDataException(string.Join("; ", estimation.Faults.Select(f => f.ToString())));
        var counts = estimation.Counts.ToDictionary(c => (c.GroupType, c.GroupCode));
        var alphas = estimation.Reliability.ToDictionary(r => (r.GroupType, r.GroupCode, r.Section));
        var means = estimation.MeanScores.GetEnumerator();   // one per item row, in the same order
        foreach (var r in estimation.Results)
        {
            var overall = r.Section.Length == 0;
            var count = overall ? counts[(r.GroupType, r.GroupCode)] : null;
            var alpha = !overall && r.Item.Length == 0 ? alphas[(r.GroupType, r.GroupCode, r.Section)] : null;
            MeanScoreRow? mean = null;
            if (r.Item.Length > 0)
            {
                if (!means.MoveNext() || means.Current.Item != r.Item || means.Current.GroupCode != r.GroupCode)
                    throw new InvalidOperationException($"Mean scores out of step with the item rows at {r.GroupCode} {r.Item}.");
                mean = means.Current;
            }
            rows.Add(new SnapshotResult
            {
                SnapshotId = snapshotId, Channel = channel, Indicator = r.Indicator, GroupType = typeName(r.GroupType),
                GroupCode = r.GroupCode, Section = r.Section, Item = r.Item, NValid = r.NValid, NPositive = r.NPositive,
                Estimate = Number(r.Estimate), Se = Number(r.Se), CiLow = Number(r.Ci.Lower), CiHigh = Number(r.Ci.Upper),
                NEff = Number(r.NEff), Flags = (short)r.Flags,
                NResponses = count?.NResponses, NValidResponses = count?.NValidResponses,
                Alpha = alpha is null ? null : Number(alpha.Alpha), NComplete = alpha?.NComplete,
                MeanScore = mean is null ? null : Number(mean.Estimate), MeanScoreSe = mean is null ? null : Number(mean.Se),
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

    /// <summary>
    /// The frame a questionnaire's samples are estimated with: the wave's stored population frame (fieldwork plan)
    /// when it holds a stratum with valid responses in the counted channels (<paramref name="counted"/>), else none
    /// (simple random sample). Exactly those strata are checked (method.md §2): strata with only invalid responses, or
    /// only responses of channels not counted, need no row, and their rows (N = 0 included) are ignored. A frame that
    /// holds some of the counted valid strata but not all is a fault of the frame: estimation reports it and the run
    /// fails with the missing strata named, leaving the previous snapshot in place.
    /// </summary>
    public static PopulationFrame? FrameFor(Sample? counted, PopulationFrame? frame, string wave)
    {
        if (counted is null || frame is null) return null;
        var valid = Estimator.Validity(counted);
        var covered = new bool[counted.Strata.Count];
        for (var s = 0; s < covered.Length; s++) covered[s] = !double.IsNaN(frame.Of(wave, counted.Strata[s]));
        for (var k = 0; k < counted.Count; k++)
            if (valid[k] && covered[counted.Stratum[k]]) return frame;
        return null;
    }

    /// <summary>The previous wave's snapshot a comparison is made with.</summary>
    public sealed record PreviousSnapshot(int Id, string WaveCode, bool Published, IReadOnlyList<SnapshotResult> Rows);

    /// <summary>
    /// Each official indicator against <paramref name="previous"/> (method.md §4 via <see cref="WaveChange.Compare"/>),
    /// for the official figures (channel "") and for every channel of <paramref name="rows"/>, read where
    /// <see cref="SourceOf"/> says in both snapshots. An indicator undefined in either wave keeps its estimates and no
    /// test; one absent from both is left out.
    /// </summary>
    public static List<SnapshotChange> Changes(int snapshotId, IReadOnlyList<SnapshotResult> rows, PreviousSnapshot previous)
    {
        SnapshotResult? Find(IReadOnlyList<SnapshotResult> source, string channel, string family, string type, string code) =>
            source.FirstOrDefault(r => r.Channel == channel && r.Indicator == family && r.GroupType == type
                                       && r.GroupCode == code && r.Section.Length == 0);
        var changes = new List<SnapshotChange>();
        foreach (var channel in rows.Select(r => r.Channel).Distinct().Order(StringComparer.Ordinal))
            foreach (var indicator in Indicators)
            {
                var (family, type, code) = SourceOf(indicator);
                var (before, after) = (Find(previous.Rows, channel, family, type, code), Find(rows, channel, family, type, code));
                if (before is null && after is null) continue;
                var change = new SnapshotChange
                {
                    SnapshotId = snapshotId, Channel = channel, Indicator = indicator, PreviousWave = previous.WaveCode,
                    PreviousSnapshotId = previous.Id, PreviousPublished = previous.Published,
                    Before = before?.Estimate, BeforeSe = before?.Se, After = after?.Estimate, AfterSe = after?.Se,
                };
                if (before is { Estimate: { } p1 } && after is { Estimate: { } p2 })
                {
                    var test = WaveChange.Compare(p1, before.Se ?? 0, p2, after.Se ?? 0);
                    change.Difference = test.Difference;
                    change.DifferenceSe = test.Se;
                    change.Z = Number(test.Z) is { } z && double.IsFinite(z) ? z : null;
                    change.PValue = Number(test.PValue);
                    change.Significant = test.Significant;
                }
                changes.Add(change);
            }
        return changes;
    }

    /// <summary>The engine's targets type for a stored target (used by tests that compare with the CLI path).</summary>
    public static AnalyticsTarget ToAnalytics(Data.Target t)
    {
        Targets.TryParseComparator(t.Comparator, out var comparator);
        return new AnalyticsTarget(t.Indicator, t.Year, comparator, (double)(t.ThresholdPercent / 100m), t.LegalBasis);
    }

    private static double? Number(double value) => double.IsNaN(value) ? null : value;
}
