namespace Sipas.Analytics;

/// <summary>Rates and confidence intervals for proportions (method.md §4).</summary>
public static class Proportions
{
    /// <summary>z for a two-sided 95% interval: Φ⁻¹(0.975).</summary>
    /// <remarks>R: qnorm(0.975).</remarks>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson score interval for <paramref name="successes"/> out of <paramref name="trials"/>:
    /// centre = (p + z²/(2n)) / (1 + z²/n), half = z/(1 + z²/n) · √(p(1−p)/n + z²/(4n²)), p = x/n.
    /// Stays within [0, 1] and, unlike the Wald interval, stays usable near 0 and 1.
    /// <paramref name="trials"/> may be an effective sample size (weighted data), so both are doubles.
    /// Returns <see cref="Interval.Undefined"/> when <paramref name="trials"/> is not positive or either
    /// argument is NaN.
    /// </summary>
    /// <remarks>R: prop.test(x, n, correct = FALSE)$conf.int; survey::svyciprop(method = "wilson").
    /// Wilson, E. B. (1927), JASA 22, 209–212.</remarks>
    public static Interval Wilson(double successes, double trials, double z = Z95)
    {
        if (!(trials > 0) || double.IsNaN(successes)) return Interval.Undefined;
        return WilsonAtRate(successes / trials, trials, z);
    }

    /// <summary>
    /// Wilson score interval around a rate <paramref name="rate"/> in [0, 1] with (effective) sample size
    /// <paramref name="n"/>: the same interval as <see cref="Wilson"/> with successes = rate·n, without the
    /// round trip through a count. Undefined when <paramref name="n"/> is not positive or the rate is NaN.
    /// </summary>
    /// <remarks>R: prop.test(p * n, n, correct = FALSE)$conf.int (method.md §4, n = n_eff).</remarks>
    public static Interval WilsonAtRate(double rate, double n, double z = Z95)
    {
        if (!(n > 0) || double.IsNaN(rate)) return Interval.Undefined;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (rate + z2 / (2 * n)) / denominator;
        var halfWidth = z / denominator * Math.Sqrt(Math.Max(0, rate * (1 - rate)) / n + z2 / (4 * n * n));
        // At p = 0 (p = 1) the lower (upper) bound is exactly 0 (1); rounding would leave ~1e-17.
        return new Interval(rate <= 0 ? 0 : Math.Max(0, centre - halfWidth), rate >= 1 ? 1 : Math.Min(1, centre + halfWidth));
    }

    /// <summary>
    /// Effective sample size of a rate: n_eff = p(1−p)/Var(p) when 0 &lt; p &lt; 1 and Var(p) &gt; 0;
    /// otherwise (p at 0 or 1, or zero variance as when every stratum is a census) the valid count
    /// <paramref name="validCount"/>. NaN when <paramref name="rate"/> is NaN.
    /// </summary>
    /// <remarks>method.md §4; Kish (1965). R: p * (1 - p) / SE(svymean(...))^2.</remarks>
    public static double EffectiveSampleSize(double rate, double variance, double validCount)
    {
        if (double.IsNaN(rate)) return double.NaN;
        return rate > 0 && rate < 1 && variance > 0 ? rate * (1 - rate) / variance : validCount;
    }
}
