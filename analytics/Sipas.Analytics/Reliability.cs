using System.Runtime.CompilerServices;

namespace Sipas.Analytics;

/// <summary>Internal consistency of a section's items (method.md §3.7).</summary>
public static class Reliability
{
    /// <summary>
    /// Cronbach's alpha of <paramref name="responses"/>, each an array of the same m item scores (complete
    /// responses only): α = m/(m−1) · (1 − Σ var(a_i) / var(Σ a_i)), unweighted, sample variances (n − 1).
    /// NaN (undefined) for m &lt; 2, fewer than 3 responses, or a total with zero variance.
    /// </summary>
    /// <remarks>Cronbach (1951), Psychometrika 16, 297–334. R: psych::alpha(x)$total$raw_alpha, or
    /// m/(m-1) * (1 - sum(apply(x, 2, var)) / var(rowSums(x))).</remarks>
    public static double CronbachAlpha(IReadOnlyList<double[]> responses)
    {
        var n = responses.Count;
        if (n < 3) return double.NaN;
        var m = responses[0].Length;
        if (m < 2) return double.NaN;
        var totals = new double[n];
        double sumOfItemVariances = 0;
        var column = new double[n];
        for (var i = 0; i < m; i++)
        {
            for (var k = 0; k < n; k++)
            {
                column[k] = responses[k][i];
                totals[k] += column[k];
            }
            sumOfItemVariances += SampleVariance(column);
        }
        var totalVariance = SampleVariance(totals);
        return totalVariance > 0 ? m / (m - 1.0) * (1 - sumOfItemVariances / totalVariance) : double.NaN;
    }

    /// <summary>
    /// Cronbach's alpha from integer sums over n complete responses: per item Σa and Σa², and of the totals
    /// T = Σ_i a_i, ΣT and ΣT². Exact integer arithmetic up to the final division; same edge cases as above.
    /// </summary>
    /// <remarks>var(x)·n(n−1) = nΣx² − (Σx)², so the common factor cancels in the ratio.</remarks>
    public static double CronbachAlpha(long n, ReadOnlySpan<long> itemSums, ReadOnlySpan<long> itemSquareSums,
        long totalSum, long totalSquareSum)
    {
        var m = itemSums.Length;
        if (n < 3 || m < 2) return double.NaN;
        long items = 0;
        for (var i = 0; i < m; i++) items += n * itemSquareSums[i] - itemSums[i] * itemSums[i];
        var total = n * totalSquareSum - totalSum * totalSum;
        return total > 0 ? m / (m - 1.0) * (1 - (double)items / total) : double.NaN;
    }

    private static double SampleVariance(double[] x)
    {
        double mean = 0;
        foreach (var v in x) mean += v;
        mean /= x.Length;
        double sum = 0;
        foreach (var v in x) sum += (v - mean) * (v - mean);
        return sum / (x.Length - 1);
    }

    /// <summary>Per group and section: sums over the complete responses (every item of the section 1..5).</summary>
    internal sealed class Sums(int groups, int sections, int m, int[] sectionOf)
    {
        public readonly long[] N = new long[groups * sections];
        public readonly long[] Item = new long[groups * m];
        public readonly long[] ItemSquares = new long[groups * m];
        public readonly long[] Total = new long[groups * sections];
        public readonly long[] TotalSquares = new long[groups * sections];

        /// <summary>Adds a response of group g: <paramref name="complete"/>[s] is 1 when every item of section s
        /// is 1..5, <paramref name="total"/>[s] the sum of its answers then.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
        public void Add(int g, ReadOnlySpan<sbyte> answers, ReadOnlySpan<int> complete, ReadOnlySpan<int> total)
        {
            for (var i = 0; i < m; i++)
            {
                int a = answers[i] * complete[sectionOf[i]];
                Item[g * m + i] += a;
                ItemSquares[g * m + i] += a * a;
            }
            for (var s = 0; s < sections; s++)
            {
                int on = complete[s], t = total[s] * on;
                N[g * sections + s] += on;
                Total[g * sections + s] += t;
                TotalSquares[g * sections + s] += (long)t * t;
            }
        }

        /// <summary>Adds the sums of <paramref name="from"/>'s entry <paramref name="source"/> to group g.</summary>
        public void Add(int g, Sums from, int source)
        {
            for (var i = 0; i < m; i++)
            {
                Item[g * m + i] += from.Item[source * m + i];
                ItemSquares[g * m + i] += from.ItemSquares[source * m + i];
            }
            for (var s = 0; s < sections; s++)
            {
                N[g * sections + s] += from.N[source * sections + s];
                Total[g * sections + s] += from.Total[source * sections + s];
                TotalSquares[g * sections + s] += from.TotalSquares[source * sections + s];
            }
        }

        public double Alpha(int g, int s, int firstItem, int itemCount) => CronbachAlpha(N[g * sections + s],
            Item.AsSpan(g * m + firstItem, itemCount), ItemSquares.AsSpan(g * m + firstItem, itemCount),
            Total[g * sections + s], TotalSquares[g * sections + s]);
    }
}
