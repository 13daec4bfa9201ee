namespace Sipas.Analytics.Tests;

// The estimator splits its passes over the responses between threads; every sum is still made in response
// order by one thread, so the figures are the same to the last bit whatever the number of threads.
public class EstimatorThreadsTests
{
    private static readonly AnalysisSpec Every = new(
        [GroupType.Province, GroupType.Agency, GroupType.Area, GroupType.Unit, GroupType.Stratum, GroupType.Channel]);

    [Theory]
    [InlineData(1, Aggregation.MeanOfItems, true)]
    [InlineData(2, Aggregation.MeanOfItems, false)]
    [InlineData(3, Aggregation.Pooled, true)]
    [InlineData(4, Aggregation.Pooled, false)]
    public void Compute_OnAnyNumberOfThreads_GivesTheSameFigures(int seed, Aggregation aggregation, bool stratified)
    {
        var (sample, frame) = TestData.Random(seed, 5000, aggregation);

        AssertSameOnThreads(sample, stratified ? frame : null);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Compute_Example_OnAnyNumberOfThreads_GivesTheSameFigures(string name) =>
        AssertSameOnThreads(Examples.Sample(name), Examples.Frame(name));

    public static TheoryData<string> Names => new(Examples.Names);

    private static void AssertSameOnThreads(Sample sample, PopulationFrame? frame)
    {
        var one = Estimator.Compute(sample, frame, Every, 1);
        Assert.True(one.Ok);
        foreach (var threads in new[] { 2, 3, 8 })
        {
            var many = Estimator.Compute(sample, frame, Every, threads);
            Assert.Equal(one.Results, many.Results);
            Assert.Equal(one.MeanScores, many.MeanScores);
            Assert.Equal(one.Reliability, many.Reliability);
            Assert.Equal(one.Counts, many.Counts);
        }
    }
}
