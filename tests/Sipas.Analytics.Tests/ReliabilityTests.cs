namespace Sipas.Analytics.Tests;

public class ReliabilityTests
{
    [Fact]
    public void CronbachAlpha_SmallTable_MatchesTheTextbookFormula()
    {
        // 4 respondents × 3 items. Item variances 11/12, 11/12, 5/3 (sum 7/2); totals 6, 9, 12, 13 have
        // variance 10; α = 3/2 · (1 − 3.5/10) = 0.975 (hand-worked from method.md §3.7).
        double[][] rows = [[2, 2, 2], [3, 3, 3], [4, 4, 4], [4, 4, 5]];

        var alpha = Reliability.CronbachAlpha(rows);

        var itemVariances = 2 * Variance([2, 3, 4, 4]) + Variance([2, 3, 4, 5]);
        var expected = 1.5 * (1 - itemVariances / Variance([6, 9, 12, 13]));
        Assert.Equal(expected, alpha, 1e-14);
        Assert.Equal(0.975, alpha, 1e-14);
    }

    [Fact]
    public void CronbachAlpha_IntegerSums_EqualTheArrayForm()
    {
        double[][] rows = [[5, 4, 4], [3, 3, 2], [4, 5, 5], [2, 3, 1], [5, 5, 4]];
        var sums = Enumerable.Range(0, 3).Select(i => (long)rows.Sum(r => r[i])).ToArray();
        var squares = Enumerable.Range(0, 3).Select(i => (long)rows.Sum(r => r[i] * r[i])).ToArray();
        var totals = rows.Select(r => (long)r.Sum()).ToArray();

        var alpha = Reliability.CronbachAlpha(5, sums, squares, totals.Sum(), totals.Sum(t => t * t));

        Assert.Equal(Reliability.CronbachAlpha(rows), alpha, 1e-13);
    }

    [Fact]
    public void CronbachAlpha_FewerThanThreeResponses_IsUndefined() =>
        Assert.True(double.IsNaN(Reliability.CronbachAlpha([[1.0, 2], [3.0, 4]])));

    [Fact]
    public void CronbachAlpha_OneItem_IsUndefined() =>
        Assert.True(double.IsNaN(Reliability.CronbachAlpha([[1.0], [2.0], [3.0]])));

    [Fact]
    public void CronbachAlpha_ConstantTotals_IsUndefined() =>
        Assert.True(double.IsNaN(Reliability.CronbachAlpha([[4.0, 4], [4.0, 4], [4.0, 4]])));

    private static double Variance(double[] x) => x.Sum(v => (v - x.Average()) * (v - x.Average())) / (x.Length - 1);
}
