namespace Sipas.Analytics.Tests;

public class PlanningTests
{
    [Theory]
    // method.md §8: default rule N = 1000 → 278, N = 100 → 80.
    [InlineData(1000, 278)]
    [InlineData(100, 80)]
    // n0 = 384.15 rounds up to 385 for an infinite population; tiny strata are taken whole.
    [InlineData(100_000_000, 385)]
    [InlineData(5, 5)]
    [InlineData(0, 0)]
    public void Default_KnownPopulations_GivesMethodSizes(long population, int expected) =>
        Assert.Equal(expected, SampleSize.Default(population));

    [Theory]
    // method.md §8: Slovin N = 1000 → 286, N = 100 → 80.
    [InlineData(1000, 286)]
    [InlineData(100, 80)]
    [InlineData(1, 1)]
    public void Slovin_KnownPopulations_GivesMethodSizes(long population, int expected) =>
        Assert.Equal(expected, SampleSize.Slovin(population));

    [Fact]
    public void Allocate_Proportional_SumsToTotalByLargestRemainder()
    {
        // Quotas 100·(5, 3, 2)/10 … with N = (50, 30, 21): 49.50, 29.70, 20.79 → floors 49, 29, 20, two left
        // go to the largest remainders (0.79, 0.70).
        var parts = SampleSize.Allocate(100, [50, 30, 21]);

        Assert.Equal([49, 30, 21], parts);
        Assert.Equal(100, parts.Sum());
    }

    [Fact]
    public void Allocate_WithMinimum_SmallStrataGetTheMinimumAndTheRestIsProportional()
    {
        var parts = SampleSize.Allocate(1000, [100_000, 50_000, 500, 200], minimum: 30);

        Assert.Equal(1000, parts.Sum());
        Assert.Equal([30, 30], parts[2..]);
        Assert.Equal([627, 313], parts[..2]);   // 940 shared 2:1 → 626.67, 313.33 → largest remainder to the first
    }

    [Fact]
    public void Allocate_MinimumAboveStratumPopulation_TakesTheWholeStratum()
    {
        var parts = SampleSize.Allocate(200, [10_000, 12], minimum: 30);

        Assert.Equal([188, 12], parts);
    }

    [Fact]
    public void Allocate_TotalBelowTheMinimums_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.Allocate(50, [1000, 1000], minimum: 30));

    [Theory]
    [InlineData(7)]
    [InlineData(11)]
    [InlineData(23)]
    public void Allocate_RandomFrames_AlwaysSumToTotalAndRespectMinimums(int seed)
    {
        var random = new Random(seed);
        var populations = Enumerable.Range(0, 40).Select(_ => (long)random.Next(1, 20_000)).ToArray();
        var total = random.Next(1200, 20_000);

        var parts = SampleSize.Allocate(total, populations, minimum: 30);

        Assert.Equal(total, parts.Sum());
        Assert.All(parts.Zip(populations), p => Assert.InRange(p.First, Math.Min(30, p.Second), p.Second));
    }
}
