using System.Runtime.CompilerServices;

namespace Sipas.Analytics;

/// <summary>
/// Σ (x − m)² over the n_h values x = w_k z_k of one design stratum, m their mean (method.md §4), computed so that
/// a stratum whose values are all equal gives exactly 0: no rounding residual, which would turn n_eff into 1e17 and
/// collapse the interval. Values are accumulated as deviations from a centre close to their mean (the corrected
/// two-pass algorithm: Σd² − (Σd)²/n with d = x − centre), and every value is compared with the first exactly.
/// </summary>
/// <remarks>Chan, Golub and LeVeque (1983), "Algorithms for computing the sample variance", Am. Stat. 37, 242–247.
/// R's survey computes x − mean(x) with a two-pass mean, which is exact for equal values too.</remarks>
internal struct Deviations(double centre)
{
    private double sum, squares, first;
    private bool started, unequal;

    /// <summary>Adds one value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(double x)
    {
        if (!started) (first, started) = (x, true);
        else if (x != first) unequal = true;
        var d = x - centre;
        sum += d;
        squares += d * d;
    }

    /// <summary>Adds <paramref name="times"/> copies of <paramref name="x"/> (the zeros of responses outside a group).</summary>
    public void Add(double x, int times)
    {
        if (times <= 0) return;
        Add(x);
        var d = x - centre;
        sum += (times - 1) * d;
        squares += (times - 1) * d * d;
    }

    /// <summary>Σ (x − m)² over the <paramref name="n"/> values added: exactly 0 when they are all equal.</summary>
    public readonly double Centred(int n) => !unequal || n < 2 ? 0 : Math.Max(0, squares - sum * sum / n);

    /// <summary>
    /// Σ (x − m)² over n values of which <paramref name="count"/> are x = scale·(a − centre) for integers a with
    /// Σa = <paramref name="sum"/> and Σa² = <paramref name="sumOfSquares"/>, and the other n − count are 0 (item
    /// rates: a = y ∈ {0, 1}; mean scores: a ∈ 1..5). Split into the spread of the a within the count and the gap
    /// between their mean and the zeros, both non-negative, with the first in exact integers:
    /// scale² · [(count·Σa² − (Σa)²)/count + (Σa − centre·count)² · (n − count)/(count·n)].
    /// All values equal gives exactly 0: the first term is an exact integer 0, and the second is 0 either because
    /// n = count or because a = centre exactly (the values are then all 0).
    /// </summary>
    public static double OfCounts(double scale, int count, long sum, long sumOfSquares, double centre, int n)
    {
        if (count == 0 || n < 2) return 0;
        var spread = count * sumOfSquares - sum * sum;
        var gap = Math.FusedMultiplyAdd(-centre, count, sum);
        return scale * scale * (spread / (double)count + gap * gap * ((n - count) / ((double)count * n)));
    }
}
