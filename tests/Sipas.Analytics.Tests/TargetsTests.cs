namespace Sipas.Analytics.Tests;

// method.md §5: met/not met on the estimate; certain when the whole interval is on the same side.
public class TargetsTests
{
    [Theory]
    [InlineData(0.93, 0.91, 0.95, Comparator.GreaterThan, true, true)]
    [InlineData(0.93, 0.90, 0.95, Comparator.GreaterThan, true, false)]     // L = t is not above t
    [InlineData(0.93, 0.90, 0.95, Comparator.AtLeast, true, true)]          // L = t is at t
    [InlineData(0.90, 0.88, 0.92, Comparator.GreaterThan, false, false)]    // p = t is not above t
    [InlineData(0.90, 0.88, 0.92, Comparator.AtLeast, true, false)]         // p = t is at t
    [InlineData(0.85, 0.80, 0.90, Comparator.GreaterThan, false, true)]     // U = t: certainly not above
    [InlineData(0.85, 0.80, 0.90, Comparator.AtLeast, false, false)]        // U = t: could be at t
    [InlineData(0.85, 0.80, 0.89, Comparator.AtLeast, false, true)]
    public void Judge_ThresholdNinety_QualifiesByTheInterval(double p, double low, double high, Comparator comparator,
        bool met, bool certain) =>
        Assert.Equal(new Verdict(met, certain), Targets.Judge(p, new Interval(low, high), comparator, 0.90));

    [Fact]
    public void Judge_UndefinedEstimate_HasNoVerdict() =>
        Assert.Null(Targets.Judge(double.NaN, Interval.Undefined, Comparator.AtLeast, 0.9));

    [Theory]
    // tiny/expected-verdicts.csv: 0.939966319154159 → "94,00%"; method.md §5: "95,12%".
    [InlineData(0.939966319154159, "94,00%")]
    [InlineData(0.9512, "95,12%")]
    [InlineData(0.95125, "95,13%")]      // half away from zero
    [InlineData(0.95115, "95,12%")]
    [InlineData(0.8080523084971, "80,81%")]
    [InlineData(1.0, "100,00%")]
    [InlineData(0.0, "0,00%")]
    public void Display_Proportion_RoundsHalfAwayFromZeroWithDecimalComma(double p, string expected) =>
        Assert.Equal(expected, Targets.Display(p));

    [Fact]
    public void Seeded_Year2026_SipasIsAtLeastNinetyFive()
    {
        var sipas = Targets.Seeded.Single(t => t.Year == 2026 && t.Indicator == "SIPAS");

        Assert.Equal((Comparator.AtLeast, 0.95), (sipas.Comparator, sipas.Threshold));
    }

    [Fact]
    public void Verdicts_ProvinceOverallOfTheFamily_IsJudgedAgainstTheYearsTargets()
    {
        var estimation = Estimator.Compute(Examples.Sample("tiny"));

        var verdict = Assert.Single(Targets.Verdicts(estimation.Results, Targets.Seeded, 2025));

        // tiny/expected-verdicts.csv: SIPAS > 0.9, 0.939966… [0.89966…, 0.96471…] → met, within margin, "94,00%".
        Assert.Equal(("SIPAS", true, false, "94,00%"), (verdict.Target.Indicator, verdict.Verdict!.Value.Met,
            verdict.Verdict.Value.Certain, verdict.Display));
    }
}
