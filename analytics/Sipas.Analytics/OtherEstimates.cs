namespace Sipas.Analytics;

/// <summary>A ratio estimate with its linearised standard error and valid count.</summary>
/// <param name="Estimate">The ratio; NaN when its denominator is 0.</param>
/// <param name="Se">Taylor-linearised standard error (method.md §4).</param>
/// <param name="NValid">Unweighted count of responses in the denominator.</param>
public readonly record struct RatioEstimate(double Estimate, double Se, int NValid);

/// <summary>
/// Mean scores and comprehensive satisfaction (method.md §3.5–3.6), reported beside rates. Each is a ratio
/// Σ w a / Σ w b over the valid responses of a group, with the SE of method.md §4 (z = (a − θ b)/Σ_G w b,
/// zeros outside the group, strata of the whole design).
/// </summary>
public static class OtherEstimates
{
    /// <summary>
    /// Mean score of scored item <paramref name="item"/> (index in <see cref="Questionnaire.ScoredItems"/>) in
    /// group <paramref name="group"/> of <paramref name="type"/>: Σ w a / Σ w v over answers 1..5.
    /// </summary>
    /// <remarks>R: svymean(~a_i, subset(design, in_G &amp; valid_i)).</remarks>
    public static RatioEstimate MeanScore(Sample sample, Design design, bool[] valid, GroupType type, int group, int item)
    {
        var m = sample.ItemCount;
        return Ratio(sample, design, valid, type, group, k =>
        {
            var a = sample.Answers[k * m + item];
            return a >= 1 ? (a, 1) : (0, 0);
        });
    }

    /// <summary>
    /// Comprehensive satisfaction: share of the group's valid responses whose every valid scored answer is 4 or 5.
    /// </summary>
    /// <remarks>R: svymean(~all_positive, subset(design, in_G)).</remarks>
    public static RatioEstimate ComprehensiveSatisfaction(Sample sample, Design design, bool[] valid, GroupType type,
        int group) => Ratio(sample, design, valid, type, group, k =>
    {
        foreach (var a in sample.AnswersOf(k))
            if (a is >= 1 and <= 3) return (0, 1);
        return (1, 1);
    });

    /// <summary>Ratio Σ w a / Σ w b over the valid responses of a group, with its linearised SE.</summary>
    public static RatioEstimate Ratio(Sample sample, Design design, bool[] valid, GroupType type, int group,
        Func<int, (double A, double B)> values)
    {
        var (groupOf, _) = Estimator.Groups(sample, type, "");
        var n = sample.Count;
        var a = new double[n];
        var b = new double[n];
        double sumA = 0, sumB = 0;
        var count = 0;
        for (var k = 0; k < n; k++)
        {
            if (!valid[k] || groupOf[k] != group) continue;
            (a[k], b[k]) = values(k);
            var w = design.Weight[design.StratumOf[sample.Stratum[k]]];
            sumA += w * a[k];
            sumB += w * b[k];
            if (b[k] != 0) count++;
        }
        if (sumB == 0) return new RatioEstimate(double.NaN, double.NaN, 0);
        var theta = sumA / sumB;
        // Two passes over the valid responses (zeros outside the group): the strata's means, then the deviations.
        var wz = new double[n];
        var mean = new double[design.StrataCount];
        for (var k = 0; k < n; k++)
        {
            if (!valid[k]) continue;
            var h = design.StratumOf[sample.Stratum[k]];
            wz[k] = design.Weight[h] * (a[k] - theta * b[k]) / sumB;
            mean[h] += wz[k] / design.ValidCount[h];
        }
        var spread = mean.Select(m => new Deviations(m)).ToArray();
        for (var k = 0; k < n; k++)
            if (valid[k]) spread[design.StratumOf[sample.Stratum[k]]].Add(wz[k]);
        double variance = 0;
        for (var h = 0; h < spread.Length; h++) variance += design.StratumVariance(h, spread[h].Centred(design.ValidCount[h]));
        return new RatioEstimate(theta, Math.Sqrt(variance), count);
    }
}
