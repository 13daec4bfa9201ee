using System.Runtime.CompilerServices;

using Sipas.Analytics.Interchange;

[assembly: InternalsVisibleTo("Sipas.Analytics.Tests")]

namespace Sipas.Analytics;

/// <summary>
/// Computes every figure of method.md for one wave's <see cref="Sample"/>: item rates, section and overall
/// indices with Taylor-linearised standard errors, effective sample sizes, Wilson intervals and flags; Cronbach's
/// alpha per section; response counts. Pure: no I/O, no clock; the same sample always gives the same rows.
/// </summary>
/// <remarks>R: survey::svydesign + svymean on domains (subset), svyciprop(method = "wilson") with n = n_eff;
/// see method.md §2–4 and the examples computed with R in spec/examples.</remarks>
public static class Estimator
{
    /// <summary>Valid count below which a row is flagged <see cref="ResultFlags.SmallSample"/>.</summary>
    public const int SmallSampleBelow = 30;

    /// <summary>
    /// Estimates <paramref name="sample"/> for the groups of <paramref name="spec"/> (default: province,
    /// agencies, areas). With <paramref name="frame"/> the design is stratified with finite-population
    /// correction; without it, a simple random sample. Frame faults (a stratum with valid responses but no N_h,
    /// or n_h &gt; N_h) are returned instead of results. Rows come in a stable order: group types in spec order,
    /// groups by ordinal code, and within a group the overall row, then each section followed by its items.
    /// </summary>
    public static Estimation Compute(Sample sample, PopulationFrame? frame = null, AnalysisSpec? spec = null) =>
        Compute(sample, frame, spec, Environment.ProcessorCount);

    /// <summary>
    /// <see cref="Compute(Sample, PopulationFrame?, AnalysisSpec?)"/> with the passes over the responses split into
    /// <paramref name="threads"/> parts: each sum is still made by one thread in response order, so the rows are
    /// the same, to the last bit, whatever the number.
    /// </summary>
    internal static Estimation Compute(Sample sample, PopulationFrame? frame, AnalysisSpec? spec, int threads)
    {
        spec ??= AnalysisSpec.Default;
        var valid = Validity(sample);
        var (design, faults) = Design.Create(sample, valid, frame);
        if (design is null) return new Estimation([], [], [], [], faults);

        var atoms = new SampleAtoms(sample, valid, threads);
        var parts = new (List<ResultRow>, List<ReliabilityRow>, List<CountRow>, List<MeanScoreRow>)[spec.Groups.Count];
        Parallel.For(0, spec.Groups.Count, t => parts[t] = ComputeType(sample, valid, atoms, design, spec, spec.Groups[t], threads));
        return new Estimation(parts.SelectMany(p => p.Item1).ToArray(), parts.SelectMany(p => p.Item2).ToArray(),
            parts.SelectMany(p => p.Item3).ToArray(), parts.SelectMany(p => p.Item4).ToArray(), []);
    }

    /// <summary>Whether each response is valid (method.md §1): at least ⌈0.8·m⌉ answers in 1..5.</summary>
    public static bool[] Validity(Sample sample)
    {
        var valid = new bool[sample.Count];
        const int block = 1 << 16;
        var blocks = (valid.Length + block - 1) / block;
        if (blocks <= 1) Validity(sample, valid, 0, valid.Length);
        else Parallel.For(0, blocks, b => Validity(sample, valid, b * block, Math.Min(valid.Length, (b + 1) * block)));
        return valid;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private static void Validity(Sample sample, bool[] valid, int from, int to)
    {
        var m = sample.ItemCount;
        var answers = sample.Answers;
        for (var k = from; k < to; k++)
        {
            var count = 0;
            for (int i = k * m, end = i + m; i < end; i++) if (answers[i] >= 1) count++;
            valid[k] = Questionnaire.IsValidCount(count, m);
        }
    }

    /// <summary>The group of each response for <paramref name="type"/> (−1 for none) and the group codes.</summary>
    public static (int[] GroupOf, IReadOnlyList<string> Codes) Groups(Sample sample, GroupType type, string provinceCode)
    {
        return type switch
        {
            GroupType.Province => (new int[sample.Count], [provinceCode]),
            GroupType.Agency => (sample.Agency, sample.Agencies.Codes),
            GroupType.Area => (sample.Area, sample.Areas.Codes),
            GroupType.Unit => (sample.Unit, sample.Units.Codes),
            GroupType.Stratum => (sample.Stratum, sample.Strata.Codes),
            _ => (sample.Channel, sample.Channels.Codes),
        };
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private static (List<ResultRow>, List<ReliabilityRow>, List<CountRow>, List<MeanScoreRow>) ComputeType(Sample sample, bool[] valid,
        SampleAtoms atoms, Design design, AnalysisSpec spec, GroupType type, int threads)
    {
        var (groupOf, codes) = Groups(sample, type, spec.ProvinceCode);
        var e = new GroupEstimator(sample, atoms, design, type, groupOf, codes.Count, threads);
        var validResponses = new int[codes.Count];
        for (var k = 0; k < sample.Count; k++)
            if (valid[k] && groupOf[k] >= 0) validResponses[groupOf[k]]++;

        var q = sample.Questionnaire;
        var (indicator, m) = (q.Family, sample.ItemCount);
        var sections = q.ScoredSections;
        var results = new List<ResultRow>();
        var reliability = new List<ReliabilityRow>();
        var counts = new List<CountRow>();
        var means = new List<MeanScoreRow>();
        var order = Enumerable.Range(0, codes.Count).Where(g => e.Responses[g] > 0)
            .OrderBy(g => codes[g], StringComparer.Ordinal);
        foreach (var g in order)
        {
            var code = codes[g];
            counts.Add(new CountRow(sample.Wave, type, code, e.Responses[g], validResponses[g]));
            results.Add(Row(sample.Wave, indicator, type, code, "", "", e.OverallN[g], null, e.OverallEstimate[g],
                e.OverallVar[g], e.OverallLonely[g]));
            for (int s = 0, first = 0; s < sections.Count; s++)
            {
                var section = sections[s];
                var gs = g * sections.Count + s;
                results.Add(Row(sample.Wave, indicator, type, code, section.Code, "", e.SectionNValid[gs], null,
                    e.SectionEstimate[gs], e.SectionVar[gs], e.SectionLonely[gs]));
                var items = section.ScoredItems.ToArray();
                for (var j = 0; j < items.Length; j++)
                {
                    var gi = g * m + first + j;
                    var defined = e.ItemD[gi] > 0;
                    results.Add(Row(sample.Wave, indicator, type, code, section.Code, items[j].Code, e.ItemN[gi],
                        e.ItemP[gi], defined ? e.ItemP[gi] / e.ItemD[gi] : double.NaN, e.ItemVar[gi], e.ItemLonely[gi]));
                    means.Add(new MeanScoreRow(type, code, section.Code, items[j].Code, e.ItemN[gi],
                        defined ? e.ItemScore[gi] / e.ItemD[gi] : double.NaN, defined ? Math.Sqrt(e.ItemScoreVar[gi]) : double.NaN));
                }
                reliability.Add(new ReliabilityRow(type, code, section.Code, (int)e.Alpha.N[gs],
                    e.Alpha.Alpha(g, s, first, items.Length)));
                first += items.Length;
            }
        }
        return (results, reliability, counts, means);
    }

    private static ResultRow Row(string wave, string indicator, GroupType type, string code, string section,
        string item, int nValid, double? nPositive, double estimate, double variance, bool lonely)
    {
        var flags = nValid < SmallSampleBelow ? ResultFlags.SmallSample : ResultFlags.None;
        if (double.IsNaN(estimate))
            return new ResultRow(wave, indicator, type, code, section, item, nValid, nPositive.HasValue ? 0 : null,
                double.NaN, double.NaN, Interval.Undefined, double.NaN, flags | ResultFlags.Undefined);
        if (lonely) flags |= ResultFlags.LonelyStratum;
        var nEff = Proportions.EffectiveSampleSize(estimate, variance, nValid);
        return new ResultRow(wave, indicator, type, code, section, item, nValid, nPositive, estimate,
            Math.Sqrt(variance), Proportions.WilsonAtRate(estimate, nEff), nEff, flags);
    }
}
