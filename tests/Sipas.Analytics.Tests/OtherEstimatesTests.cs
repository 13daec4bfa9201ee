namespace Sipas.Analytics.Tests;

// method.md §3.5–3.6: mean score and comprehensive satisfaction, ratios with the SE of §4.
public class OtherEstimatesTests
{
    private static readonly Questionnaire Q = TestData.Questionnaire(Aggregation.MeanOfItems, 5);

    private static (Sample, Design, bool[]) Prepare(params sbyte[][] rows)
    {
        var sample = TestData.Sample(Q, rows);
        var valid = Estimator.Validity(sample);
        return (sample, Design.Create(sample, valid, null).Design!, valid);
    }

    [Fact]
    public void MeanScore_NoFrame_IsTheMeanOfValidAnswersWithTheSrsStandardError()
    {
        var (sample, design, valid) = Prepare([5, 4, 4, 4, 4], [3, 4, 4, 4, 4], [0, 4, 4, 4, 4], [4, 4, 4, 4, 4]);

        var mean = OtherEstimates.MeanScore(sample, design, valid, GroupType.Province, 0, item: 0);

        // Answers 5, 3, 4 (the 0 is no opinion): mean 4. Domain of 3 in a sample of n = 4: z = (a − 4)/3 for
        // the three, 0 for the other; Var = 4/3 · Σ(z − z̄)² with z̄ = 0 → 4/3 · 2/9 = 8/27.
        Assert.Equal(3, mean.NValid);
        Assert.Equal(4, mean.Estimate, 1e-15);
        Assert.Equal(Math.Sqrt(8.0 / 27), mean.Se, 1e-15);
    }

    [Fact]
    public void ComprehensiveSatisfaction_MixedForms_IsTheShareWithEveryValidAnswerFourOrFive()
    {
        var (sample, design, valid) = Prepare([5, 4, 4, 4, 0], [3, 4, 4, 4, 4], [4, 5, 5, 5, 5], [4, 4, 4, 4, 2]);

        var share = OtherEstimates.ComprehensiveSatisfaction(sample, design, valid, GroupType.Province, 0);

        Assert.Equal(0.5, share.Estimate, 1e-15);   // forms 1 and 3; "0" is no opinion, not dissatisfied
        Assert.Equal(4, share.NValid);
    }

    [Fact]
    public void MeanScore_NoValidAnswer_IsUndefined()
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1, 4);
        var sample = TestData.Sample(q, [0, 4, 4, 4, 4]);
        var valid = Estimator.Validity(sample);

        var mean = OtherEstimates.MeanScore(sample, Design.Create(sample, valid, null).Design!, valid, GroupType.Province, 0, 0);

        Assert.True(double.IsNaN(mean.Estimate));
    }

    public static TheoryData<string> Names => new(Examples.Names);

    // The engine's mean scores come from per-cell sums (one pass for every group); the reference is the direct
    // ratio of OtherEstimates.MeanScore over the responses, per group and item, on each example with its frame.
    [Theory]
    [MemberData(nameof(Names))]
    public void Estimator_MeanScores_EqualTheDirectRatioForEveryGroupAndItem(string name)
    {
        var sample = Examples.Sample(name);
        var frame = Examples.Frame(name);
        var valid = Estimator.Validity(sample);
        var design = Design.Create(sample, valid, frame).Design!;
        var spec = new AnalysisSpec([GroupType.Province, GroupType.Agency, GroupType.Area, GroupType.Unit]);

        var estimation = Estimator.Compute(sample, frame, spec);

        var itemRows = estimation.Results.Where(r => r.Item.Length > 0).ToList();
        Assert.Equal(itemRows.Count, estimation.MeanScores.Count);
        var items = sample.Questionnaire.ScoredItems.Select(i => i.Code).ToList();
        var defined = 0;
        foreach (var (row, mean) in itemRows.Zip(estimation.MeanScores))
        {
            Assert.Equal((row.GroupType, row.GroupCode, row.Section, row.Item), (mean.GroupType, mean.GroupCode, mean.Section, mean.Item));
            var (_, codes) = Estimator.Groups(sample, row.GroupType, spec.ProvinceCode);
            var expected = OtherEstimates.MeanScore(sample, design, valid, row.GroupType, codes.ToList().IndexOf(row.GroupCode),
                items.IndexOf(row.Item));
            Assert.Equal(expected.NValid, mean.NValid);
            if (double.IsNaN(expected.Estimate)) { Assert.True(double.IsNaN(mean.Estimate)); continue; }
            Assert.InRange(mean.Estimate, 1, 5);
            Assert.Equal(expected.Estimate, mean.Estimate, 1e-12);
            Assert.Equal(expected.Se, mean.Se, 1e-12);
            defined++;
        }
        Assert.True(defined > 0);
    }
}
