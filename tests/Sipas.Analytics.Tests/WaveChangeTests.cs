namespace Sipas.Analytics.Tests;

public class WaveChangeTests
{
    [Fact]
    public void Compare_TwoWaves_DifferenceSeAndZFollowMethod()
    {
        // method.md §4: d = p2 − p1, SE = √(SE1² + SE2²). 0.90 → 0.93 with SEs 0.012 and 0.009: SE = 0.015,
        // z = 2; R: 2 * pnorm(-2) = 0.04550026.
        var change = WaveChange.Compare(0.90, 0.012, 0.93, 0.009);

        Assert.Equal(0.03, change.Difference, 1e-12);
        Assert.Equal(0.015, change.Se, 1e-12);
        Assert.Equal(2, change.Z, 1e-9);
        Assert.Equal(0.04550026, change.PValue, 7);
        Assert.True(change.Significant);
    }

    [Fact]
    public void Compare_SmallChange_IsNotSignificant()
    {
        // z = 0.01/0.015 = 0.667; R: 2 * pnorm(-0.6666667) = 0.5049851.
        var change = WaveChange.Compare(0.90, 0.012, 0.91, 0.009);

        Assert.Equal(0.5049851, change.PValue, 6);
        Assert.False(change.Significant);
    }

    [Fact]
    public void Compare_Decrease_HasNegativeDifferenceAndSameTest() =>
        Assert.Equal(WaveChange.Compare(0.90, 0.012, 0.93, 0.009).PValue,
            WaveChange.Compare(0.93, 0.009, 0.90, 0.012).PValue, 15);
}
