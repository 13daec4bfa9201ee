using Sipas.Analytics;

namespace Sipas.Analytics.Tests;

public class ResponseRateTests
{
    [Theory]
    // AAPOR RR1 by hand: 6 / (6 + 3 + 1) = 0.6
    [InlineData(6, 3, 1, 0.6)]
    [InlineData(0, 2, 2, 0.0)]
    [InlineData(5, 0, 0, 1.0)]
    // 2 / 3
    [InlineData(2, 1, 0, 0.6666666666666666)]
    public void Rr1_IsCompletedOverEligibleAttempts(int completed, int refused, int nonContact, double expected) =>
        Assert.Equal(expected, ResponseRate.Rr1(completed, refused, nonContact)!.Value, 12);

    [Fact]
    public void Rr1_NoEligibleAttempt_IsNull() => Assert.Null(ResponseRate.Rr1(0, 0, 0));

    [Fact]
    public void Rr1_NegativeCount_Throws() => Assert.Throws<ArgumentOutOfRangeException>(() => ResponseRate.Rr1(1, -1, 0));
}
