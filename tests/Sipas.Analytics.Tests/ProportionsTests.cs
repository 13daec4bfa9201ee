namespace Sipas.Analytics.Tests;

public class ProportionsTests
{
    [Theory]
    // method.md §8: Wilson 95% for 3 of 5 trials → [23.07%, 88.24%]; R: prop.test(3, 5, correct = FALSE)$conf.int
    [InlineData(3, 5, 0.2307243, 0.8823792)]
    // R: prop.test(81, 100, correct = FALSE)$conf.int → 0.7222115 0.8748525 (style.md §9)
    [InlineData(81, 100, 0.7222115, 0.8748525)]
    // R: prop.test(0, 10, correct = FALSE)$conf.int → 0.0000000 0.2775328 (style.md §9)
    [InlineData(0, 10, 0.0, 0.2775328)]
    // Newcombe (1998), Stat Med 17:857, Table I, method 3 (= R prop.test(x, n, correct = FALSE)):
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_KnownCases_MatchR(double successes, double trials, double lower, double upper)
    {
        var interval = Proportions.Wilson(successes, trials);

        var digits = lower.ToString(System.Globalization.CultureInfo.InvariantCulture).Length > 6 ? 6 : 4;
        Assert.Equal(lower, interval.Lower, digits);
        Assert.Equal(upper, interval.Upper, digits);
    }

    [Fact]
    public void Wilson_ThreeOfFive_RoundsToTheMethodVector() =>
        // method.md §8: [23.07%, 88.24%].
        Assert.Equal((23.07, 88.24), (Math.Round(100 * Proportions.Wilson(3, 5).Lower, 2),
            Math.Round(100 * Proportions.Wilson(3, 5).Upper, 2)));

    [Fact]
    public void Wilson_ZeroSuccesses_LowerBoundIsZero() => Assert.Equal(0, Proportions.Wilson(0, 12).Lower);

    [Fact]
    public void Wilson_AllSuccesses_UpperBoundIsOne() => Assert.Equal(1, Proportions.Wilson(12, 12).Upper);

    [Fact]
    public void Wilson_NoTrials_IsUndefined() => Assert.False(Proportions.Wilson(0, 0).IsDefined);

    [Fact]
    public void WilsonAtRate_FractionalEffectiveSize_EqualsWilsonOfTheSameCount() =>
        Assert.Equal(Proportions.Wilson(0.8 * 37.5, 37.5), Proportions.WilsonAtRate(0.8, 37.5));

    [Fact]
    public void EffectiveSampleSize_InteriorRate_IsBinomialVarianceOverVariance() =>
        // tiny/README.md §2: p = 33/38, Var = 39/38 · p(1−p)/38 → n_eff = 38·38/39.
        Assert.Equal(38.0 * 38 / 39, Proportions.EffectiveSampleSize(33.0 / 38, 39.0 / 38 * (33.0 / 38) * (5.0 / 38) / 38, 38), 1e-10);

    [Theory]
    [InlineData(1.0, 0.0, 36)]
    [InlineData(0.0, 0.0, 12)]
    [InlineData(0.5, 0.0, 7)]
    public void EffectiveSampleSize_RateAtBoundOrZeroVariance_IsTheValidCount(double rate, double variance, double count) =>
        Assert.Equal(count, Proportions.EffectiveSampleSize(rate, variance, count));
}
