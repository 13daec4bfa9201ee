namespace Sipas.Analytics;

/// <summary>Fieldwork planning: sample sizes per stratum and allocation of a province total (method.md §6).</summary>
public static class SampleSize
{
    /// <summary>Margin of error e of the planning rules: ±5 percentage points.</summary>
    public const double DefaultMargin = 0.05;

    /// <summary>
    /// Default rule: n = ⌈n0 / (1 + (n0 − 1)/N)⌉ with n0 = z²·0.25/e² (≈ 384.15 for e = 0.05, z = 1.96), the size
    /// for a proportion near 50% with finite-population correction; capped at N. 0 for N = 0.
    /// </summary>
    /// <remarks>Cochran (1977), Sampling Techniques, eq. 4.2; N = 1000 → 278, N = 100 → 80 (method.md §8).</remarks>
    public static int Default(long population, double margin = DefaultMargin, double z = Proportions.Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        if (population == 0) return 0;
        var n0 = z * z * 0.25 / (margin * margin);
        var n = (long)Math.Ceiling(n0 / (1 + (n0 - 1) / population));
        return (int)Math.Min(n, population);
    }

    /// <summary>Slovin's rule n = ⌈N / (1 + N·e²)⌉ (legacy; offered beside the default). 0 for N = 0.</summary>
    /// <remarks>Slovin (1960); N = 1000 → 286, N = 100 → 80 (method.md §8).</remarks>
    public static int Slovin(long population, double margin = DefaultMargin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(population);
        return (int)Math.Min(population, (long)Math.Ceiling(population / (1 + population * margin * margin)));
    }

    /// <summary>
    /// Allocates <paramref name="total"/> interviews to strata proportionally to <paramref name="populations"/>
    /// N_h, with at least <paramref name="minimum"/> per stratum (never more than N_h), rounding by largest
    /// remainder so the parts add up to the total. Strata held at their floor (the minimum, or N_h when smaller)
    /// are fixed and the rest is shared again among the others until every part respects its floor. Ties of
    /// remainder go to the earlier stratum. Throws when the total cannot be met (below the sum of floors or
    /// above ΣN_h).
    /// </summary>
    /// <remarks>Hamilton's (largest remainder) method on N_h-proportional quotas.</remarks>
    public static int[] Allocate(int total, IReadOnlyList<long> populations, int minimum = 0)
    {
        var h = populations.Count;
        var floor = new int[h];
        long capacity = 0;
        for (var i = 0; i < h; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(populations[i]);
            floor[i] = (int)Math.Min(minimum, populations[i]);
            capacity += populations[i];
        }
        if (total < floor.Sum() || total > capacity)
            throw new ArgumentOutOfRangeException(nameof(total), total, "Total below the minimums or above the population.");

        var fixedAt = new bool[h];
        while (true)
        {
            var parts = Shares(total, populations, floor, fixedAt);
            var changed = false;
            for (var i = 0; i < h; i++)
            {
                if (fixedAt[i] || (parts[i] >= floor[i] && parts[i] <= populations[i])) continue;
                fixedAt[i] = true;   // below its minimum, or above N_h: held at the bound
                floor[i] = parts[i] > populations[i] ? (int)populations[i] : floor[i];
                changed = true;
            }
            if (!changed) return parts;
        }
    }

    private static int[] Shares(int total, IReadOnlyList<long> populations, int[] floor, bool[] fixedAt)
    {
        var h = populations.Count;
        var parts = new int[h];
        double free = total, weight = 0;
        for (var i = 0; i < h; i++)
        {
            if (fixedAt[i]) { parts[i] = floor[i]; free -= floor[i]; }
            else weight += populations[i];
        }
        var remainders = new List<(double Remainder, int Index)>();
        var given = 0;
        for (var i = 0; i < h; i++)
        {
            if (fixedAt[i]) continue;
            var quota = weight > 0 ? free * populations[i] / weight : 0;
            parts[i] = (int)Math.Floor(quota);
            given += parts[i];
            remainders.Add((quota - parts[i], i));
        }
        var left = (int)Math.Round(free) - given;
        foreach (var (_, i) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(left))
            parts[i]++;
        return parts;
    }
}
