using Sipas.Analytics;

namespace Sipas.Reports.Tests;

public class ReportFormatTests
{
    [Theory]
    [InlineData(0.94, "94,00%")]
    [InlineData(0.95125, "95,13%")]      // method.md §5: half away from zero, as Targets.Display
    [InlineData(0.9512, "95,12%")]
    [InlineData(1.0, "100,00%")]
    [InlineData(double.NaN, "—")]
    public void Percent_Vietnamese_UsesDecimalComma(double proportion, string expected) =>
        Assert.Equal(expected, ReportFormat.Vi.Percent(proportion));

    [Fact]
    public void Percent_AgreesWithTargetsDisplay()
    {
        foreach (var p in new[] { 0.0, 0.123455, 0.5, 0.85005, 0.95125, 0.999999 })
            Assert.Equal(Targets.Display(p), ReportFormat.Vi.Percent(p));
    }

    [Fact]
    public void Percent_English_UsesDecimalPoint() => Assert.Equal("95.13%", ReportFormat.En.Percent(0.95125));

    [Fact]
    public void Interval_PrintsBothBounds() =>
        Assert.Equal("[89,97% – 96,47%]", ReportFormat.Vi.Interval(new Interval(0.89974, 0.96466)));

    [Fact]
    public void Interval_Undefined_IsADash() => Assert.Equal("—", ReportFormat.Vi.Interval(Interval.Undefined));

    [Theory]
    [InlineData(1234, "1.234")]
    [InlineData(1284530, "1.284.530")]
    [InlineData(999, "999")]
    [InlineData(0, "0")]
    public void Count_Vietnamese_GroupsThousandsWithDots(long count, string expected) =>
        Assert.Equal(expected, ReportFormat.Vi.Count(count));

    [Fact]
    public void Count_English_GroupsThousandsWithCommas() => Assert.Equal("1,284,530", ReportFormat.En.Count(1284530));

    [Theory]
    [InlineData(0.0215, "+2,15")]
    [InlineData(-0.004, "-0,40")]
    [InlineData(0.0, "0,00")]
    public void Points_AreSigned(double difference, string expected) =>
        Assert.Equal(expected, ReportFormat.Vi.Points(difference));

    [Fact]
    public void Dates_AreDayMonthYear()
    {
        Assert.Equal("14/05/2025", ReportFormat.Date(new DateOnly(2025, 5, 14)));
        Assert.Equal("14/05/2025 09:30 (UTC+07:00)",
            ReportFormat.DateTime(new DateTimeOffset(2025, 5, 14, 9, 30, 0, TimeSpan.FromHours(7))));
    }

    [Fact]
    public void PValue_BelowAThousandth_IsBounded()
    {
        Assert.Equal("< 0,001", ReportFormat.Vi.PValue(0.00002));
        Assert.Equal("0,069", ReportFormat.Vi.PValue(0.0693));
    }
}
