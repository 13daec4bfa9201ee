using Sipas.Analytics;

namespace Sipas.Analytics.Tests;

public class ParPointsTests
{
    private static readonly ParRule Linear = new(ParRuleKind.Linear, 10, 80, 95, []);
    private static readonly ParRule Bands = new(ParRuleKind.Bands, 2, 0, 0, [new(70, 0.5), new(80, 1), new(90, 2)]);

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.80, 0.0)]
    [InlineData(0.875, 5.0)]
    [InlineData(0.95, 10.0)]
    [InlineData(1.0, 10.0)]
    [InlineData(0.9, 20.0 / 3)]
    public void Linear_IsAStraightLineBetweenItsThresholds(double p, double points) =>
        Assert.Equal(points, Linear.Points(p)!.Value, 12);

    [Theory]
    [InlineData(0.6999999, 0.0)]
    [InlineData(0.70, 0.5)]
    [InlineData(0.85, 1.0)]
    [InlineData(0.90, 2.0)]
    [InlineData(1.0, 2.0)]
    public void Bands_GiveThePointsOfTheHighestThresholdReached(double p, double points) =>
        Assert.Equal(points, Bands.Points(p));

    [Fact]
    public void AnUndefinedEstimate_HasNoPoints() => Assert.Null(Linear.Points(double.NaN));

    [Fact]
    public void Points_AreRoundedHalfAwayFromZero_OnlyWhenWritten()
    {
        Assert.Equal(6.67, ParRule.Rounded(Linear.Points(0.9)!.Value));
        Assert.Equal(0.13, ParRule.Rounded(0.125));
    }

    [Fact]
    public void Faults_NameTheField()
    {
        Assert.Empty(Linear.Faults());
        Assert.Empty(Bands.Faults());
        Assert.Equal(["toPercent"], new ParRule(ParRuleKind.Linear, 10, 90, 90, []).Faults().Keys);
        Assert.Equal(["maxPoints"], new ParRule(ParRuleKind.Linear, double.NaN, 80, 90, []).Faults().Keys);
        Assert.Equal(["bands"], new ParRule(ParRuleKind.Bands, 1, 0, 0, []).Faults().Keys);
        var faults = new ParRule(ParRuleKind.Bands, 1, 0, 0, [new(80, 0.5), new(80, 2), new(101, 0.2)]).Faults();
        Assert.Equal(["bands[1].minPercent", "bands[1].points", "bands[2].minPercent", "bands[2].points"], faults.Keys.Order());
    }
}
