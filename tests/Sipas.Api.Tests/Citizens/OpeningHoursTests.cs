using Sipas.Api.Intake;

namespace Sipas.Api.Tests.Citizens;

public class OpeningHoursTests
{
    private static DateTimeOffset Vietnam(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(7));

    [Theory]
    [InlineData(2025, 9, 15, 7, 30, true)]   // Monday morning
    [InlineData(2025, 9, 15, 12, 30, false)] // Monday lunch break
    [InlineData(2025, 9, 15, 13, 45, true)]
    [InlineData(2025, 9, 15, 17, 20, true)]  // within the 30-minute grace after closing
    [InlineData(2025, 9, 15, 18, 0, false)]
    [InlineData(2025, 9, 20, 10, 0, true)]   // Saturday morning
    [InlineData(2025, 9, 20, 14, 0, false)]  // Saturday afternoon
    [InlineData(2025, 9, 21, 9, 0, false)]   // Sunday
    [InlineData(2025, 9, 14, 23, 50, false)] // Sunday night, UTC Sunday afternoon
    public void ADesksHours_AreReadInVietnamTime(int y, int m, int d, int h, int min, bool open)
    {
        var hours = OpeningHours.Parse("T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30")!;
        Assert.Equal(open, hours.IsOpen(Vietnam(y, m, d, h, min).ToUniversalTime(), TimeSpan.FromMinutes(30)));
    }

    [Theory]
    [InlineData("T2-T6 7:00-17:00")]
    [InlineData("T6-T2 07:00-17:00")]
    [InlineData("T2-T6 17:00-07:00")]
    [InlineData("T8 07:00-17:00")]
    [InlineData("T2 07:00-25:00")]
    [InlineData("every day")]
    public void AnythingElse_IsNotOpeningHours(string text) => Assert.Null(OpeningHours.Parse(text));

    [Fact]
    public void AllDay_And_TheDefault_Parse()
    {
        Assert.True(OpeningHours.Parse("T2-CN 00:00-24:00")!.IsOpen(Vietnam(2025, 9, 21, 23, 59), TimeSpan.Zero));
        Assert.True(OpeningHours.Parse(null)!.IsOpen(Vietnam(2025, 9, 16, 16, 0), TimeSpan.Zero));
        Assert.True(OpeningHours.Parse("t2, t4, t6 08:00-10:00")!.IsOpen(Vietnam(2025, 9, 17, 9, 0), TimeSpan.Zero));
        Assert.False(OpeningHours.Parse("t2, t4, t6 08:00-10:00")!.IsOpen(Vietnam(2025, 9, 16, 9, 0), TimeSpan.Zero));
    }
}
