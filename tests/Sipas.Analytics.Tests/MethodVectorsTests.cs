namespace Sipas.Analytics.Tests;

// method.md §8 test vectors, run through the estimator.
public class MethodVectorsTests
{
    [Fact]
    public void ItemRate_AnswersFiveFourThreeTwoZeroFour_IsSixtyPercentOfFiveValid()
    {
        // method.md §8: answers [5, 4, 3, 2, 0, 4] → valid 5, positive 3, rate 60%; Wilson for 3 of 5 trials.
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var sample = TestData.Sample(q, [5], [4], [3], [2], [0], [4]);

        var item = Estimator.Compute(sample).Results.Single(r => r.GroupType == GroupType.Province && r.Item == "S0I0");

        Assert.Equal((5, 3.0), (item.NValid, item.NPositive!.Value));
        Assert.Equal(0.6, item.Estimate, 1e-15);
        // One stratum of n = 5: Var = n/(n−1) · p(1−p)/n (tiny/README.md §2), so n_eff = 4, not 5.
        Assert.Equal(4, item.NEff, 1e-12);
        Assert.Equal(Proportions.Wilson(0.6 * 4, 4).Lower, item.Ci.Lower, 1e-12);
        Assert.Equal(Proportions.Wilson(0.6 * 4, 4).Upper, item.Ci.Upper, 1e-12);
    }

    [Fact]
    public void SectionIndex_ItemRatesSixtyEightyUndefined_IsSeventyPercent()
    {
        // method.md §8: item rates [60%, 80%, undefined] → section index 70%. Section S1 (12 items, all 5)
        // keeps every form valid while S0I2 is never answered.
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 3, 12);
        sbyte[] Row(sbyte a, sbyte b) => [a, b, -1, .. Enumerable.Repeat((sbyte)5, 12)];
        var sample = TestData.Sample(q, Row(5, 5), Row(4, 4), Row(5, 4), Row(2, 5), Row(1, 2));

        var rows = Estimator.Compute(sample).Results.Where(r => r.GroupType == GroupType.Province && r.Section == "S0").ToArray();

        Assert.Equal(0.6, rows.Single(r => r.Item == "S0I0").Estimate, 1e-15);
        Assert.Equal(0.8, rows.Single(r => r.Item == "S0I1").Estimate, 1e-15);
        Assert.Equal(ResultFlags.SmallSample | ResultFlags.Undefined, rows.Single(r => r.Item == "S0I2").Flags);
        Assert.Equal(0.7, rows.Single(r => r.Item == "").Estimate, 1e-15);
    }

    [Fact]
    public void Overall_PooledQuestionnaire_IsThePooledRatioNotTheMeanOfSections()
    {
        var q = TestData.Questionnaire(Aggregation.Pooled, 1, 4);
        var sample = TestData.Sample(q, [5, 5, 5, 5, 5], [1, 5, 5, 5, 1], [1, 4, 2, 2, 2]);

        var rows = Estimator.Compute(sample).Results.Where(r => r.GroupType == GroupType.Province).ToArray();

        // 9 of 15 answers are 4–5; S0 has 1 of 3 and S1 8 of 12, whose mean would be 0.5.
        Assert.Equal(9.0 / 15, rows.Single(r => r.Section == "").Estimate, 1e-15);
        Assert.Equal(8.0 / 12, rows.Single(r => r.Section == "S1" && r.Item == "").Estimate, 1e-15);
    }

    [Fact]
    public void Validity_SeventeenOfTwentyTwo_IsInvalidAndEighteenIsValid()
    {
        // method.md §1, tiny/README.md §1: SIPAS m = 22 needs 18 valid answers.
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 22);
        sbyte[] Row(int valid) => Enumerable.Range(0, 22).Select(i => (sbyte)(i < valid ? 4 : 0)).ToArray();

        var valid = Estimator.Validity(TestData.Sample(q, Row(17), Row(18)));

        Assert.Equal([false, true], valid);
    }

    [Fact]
    public void Group_WithOnlyInvalidResponses_IsReportedAsSmallSampleUndefined()
    {
        // method.md §3.8: a group with responses but none valid is still reported.
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 2);
        var builder = new SampleBuilder(q, "2025-H1");
        builder.Add([5, 4], "", "a1", "land", "", "web");
        builder.Add([-1, 0], "", "a2", "land", "", "web");

        var estimation = Estimator.Compute(builder.Build());
        var overall = estimation.Results.Single(r => r.GroupCode == "a2" && r.Section == "");

        Assert.Equal(0, overall.NValid);
        Assert.Equal(ResultFlags.SmallSample | ResultFlags.Undefined, overall.Flags);
        Assert.True(double.IsNaN(overall.Estimate));
        Assert.Equal((1, 0, 1), estimation.Counts.Where(c => c.GroupCode == "a2").Select(c => (c.NResponses, c.NValidResponses, c.NInvalid)).Single());
    }

    [Fact]
    public void LonelyStratum_SingleResponseStratum_FlagsItsEstimatesAndContributesNoVariance()
    {
        // method.md §4: a stratum with n_h = 1 contributes 0 and flags every estimate it contributes to.
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var builder = new SampleBuilder(q, "2025-H1");
        builder.Add([5], "h1", "a1", "land", "", "web");
        builder.Add([5], "h2", "a2", "land", "", "web");
        builder.Add([2], "h2", "a2", "land", "", "web");
        var frame = new PopulationFrame([("2025-H1", "h1", 10.0), ("2025-H1", "h2", 20.0)]);

        var rows = Estimator.Compute(builder.Build(), frame).Results;

        var a1 = rows.Single(r => r.GroupCode == "a1" && r.Item == "S0I0");
        var a2 = rows.Single(r => r.GroupCode == "a2" && r.Item == "S0I0");
        Assert.True(a1.Flags.HasFlag(ResultFlags.LonelyStratum));
        Assert.Equal(0, a1.Se);
        Assert.False(a2.Flags.HasFlag(ResultFlags.LonelyStratum));
        Assert.True(rows.Single(r => r.GroupType == GroupType.Province && r.Item == "S0I0").Flags.HasFlag(ResultFlags.LonelyStratum));
    }

    [Fact]
    public void CensusFrame_EveryStratumFullyObserved_HasZeroStandardErrorAndNeffIsTheValidCount()
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var sample = TestData.Sample(q, [5], [2], [4]);
        var frame = new PopulationFrame([("2025-H1", "a1/land", 3.0)]);

        var item = Estimator.Compute(sample, frame).Results.Single(r => r.GroupType == GroupType.Province && r.Item == "S0I0");

        Assert.Equal((0.0, 3.0), (item.Se, item.NEff));
    }

    [Fact]
    public void Sample_AnswerOutsideTheScale_IsRejectedAtConstruction()
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var codes = new CodeTable(["a"]);

        Assert.Throws<ArgumentException>(() => new Sample(q, "2025-H1", [(sbyte)6], [0], [0], [0], [-1], [0],
            codes, codes, codes, new CodeTable(), codes));
        Assert.Throws<ArgumentException>(() => new Sample(q, "2025-H1", [(sbyte)4], [1], [0], [0], [-1], [0],
            codes, codes, codes, new CodeTable(), codes));
    }

    [Fact]
    public void PopulationFrame_ForWave_WeightsTheStrataOfThatWave()
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var frame = PopulationFrame.ForWave("2025-H1", new Dictionary<string, double> { ["a1/land"] = 300 });

        var item = Estimator.Compute(TestData.Sample(q, [5], [4], [2]), frame).Results.Single(r => r.Item == "S0I0" && r.GroupType == GroupType.Province);

        Assert.Equal(200.0, item.NPositive!.Value, 1e-12);   // w = 300/3 = 100 for each of the two 4–5 answers
    }
}
