namespace Sipas.Analytics.Tests;

// method.md §4: a stratum whose n_h values w_k z_k are all equal contributes exactly 0 to the variance; with every
// stratum unanimous Var = 0 and n_eff is the valid count (issue 15: the one-pass sum of squares left ~1e-18 there,
// n_eff ~1e17 and an interval collapsed to a point).
public class UnanimousStrataTests
{
    // Wilson at p = 0.5 with n = 5 (method.md §4), worked with z = 1.959963984540054.
    private const double Low = 0.17042358064358776, High = 0.8295764193564122;

    /// <summary>Two strata: N = 5, n = 2 all answering 5, and N = 5, n = 3 all answering 1.</summary>
    private static (Sample, PopulationFrame) TwoUnanimousStrata(params int[] itemsPerSection)
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, itemsPerSection);
        var builder = new SampleBuilder(q, "2025-H1");
        var m = q.ScoredItems.Count;
        for (var k = 0; k < 2; k++) builder.Add(Enumerable.Repeat((sbyte)5, m).ToArray(), "a1/land", "a1", "land", "", "paper");
        for (var k = 0; k < 3; k++) builder.Add(Enumerable.Repeat((sbyte)1, m).ToArray(), "a2/land", "a2", "land", "", "paper");
        return (builder.Build(), new PopulationFrame([("2025-H1", "a1/land", 5.0), ("2025-H1", "a2/land", 5.0)]));
    }

    [Theory]
    [InlineData(new[] { 1 })]            // a single item
    [InlineData(new[] { 3, 4, 2 })]      // a whole questionnaire: items, sections and the overall index
    public void EveryStratumUnanimous_VarianceIsExactlyZero_AndTheIntervalIsWilsonAtTheValidCount(int[] itemsPerSection)
    {
        var (sample, frame) = TwoUnanimousStrata(itemsPerSection);

        var estimation = Estimator.Compute(sample, frame, new AnalysisSpec([GroupType.Province, GroupType.Area]));

        Assert.True(estimation.Ok);
        Assert.All(estimation.Results, r =>
        {
            Assert.Equal(0.5, r.Estimate, 1e-15);
            Assert.Equal(0.0, r.Se);
            Assert.Equal(5.0, r.NEff);
            Assert.Equal(Low, r.Ci.Lower, 1e-12);
            Assert.Equal(High, r.Ci.Upper, 1e-12);
        });
        Assert.All(estimation.MeanScores, r =>
        {
            Assert.Equal(3.0, r.Estimate, 1e-14);
            Assert.Equal(0.0, r.Se);
        });
    }

    [Fact]
    public void EveryStratumUnanimous_OtherEstimatesHaveZeroStandardErrors()
    {
        var (sample, frame) = TwoUnanimousStrata(3, 4, 2);
        var valid = Estimator.Validity(sample);
        var design = Design.Create(sample, valid, frame).Design!;

        var mean = OtherEstimates.MeanScore(sample, design, valid, GroupType.Province, 0, 0);
        var comprehensive = OtherEstimates.ComprehensiveSatisfaction(sample, design, valid, GroupType.Province, 0);

        Assert.Equal((3.0, 0.0), (Math.Round(mean.Estimate, 14), mean.Se));
        Assert.Equal((0.5, 0.0), (Math.Round(comprehensive.Estimate, 14), comprehensive.Se));
    }

    [Fact]
    public void UnanimousStrataBesideAMixedOne_ContributeNothing_TheMixedOneAll()
    {
        // The mixed stratum alone gives the variance: adding unanimous strata of the same group changes only the
        // weights' totals, so Var equals the closed form worked by hand for the mixed stratum.
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var builder = new SampleBuilder(q, "2025-H1");
        foreach (var a in new sbyte[] { 5, 5 }) builder.Add([a], "a1/land", "a1", "land", "", "paper");
        foreach (var a in new sbyte[] { 1, 1, 1 }) builder.Add([a], "a2/land", "a2", "land", "", "paper");
        foreach (var a in new sbyte[] { 5, 1 }) builder.Add([a], "a3/land", "a3", "land", "", "paper");
        var frame = new PopulationFrame([("2025-H1", "a1/land", 5.0), ("2025-H1", "a2/land", 5.0), ("2025-H1", "a3/land", 10.0)]);

        var row = Estimator.Compute(builder.Build(), frame).Results.Single(r => r.GroupType == GroupType.Province && r.Item == "S0I0");

        // p = (2·2.5 + 1·5)/(5 + 5 + 10) = 0.5; stratum a3: w = 5, z = ±0.5/20, w z = ±0.125, mean 0;
        // Var = (1 − 2/10) · 2/1 · 2 · 0.125² = 0.05.
        Assert.Equal(0.5, row.Estimate, 1e-15);
        Assert.Equal(0.05, row.Se * row.Se, 1e-15);
        Assert.Equal(5.0, row.NEff, 1e-12);   // p(1−p)/Var = 0.25/0.05
    }
}
