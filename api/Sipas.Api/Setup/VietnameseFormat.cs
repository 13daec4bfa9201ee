using System.Globalization;

namespace Sipas.Api.Setup;

/// <summary>Vietnamese display formats (14/05/2025, 09:30 14/05/2025) in the province's time zone.</summary>
public static class VietnameseFormat
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    /// <summary>Vietnam keeps UTC+7 all year (no daylight saving).</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", Culture);

    public static string Time(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Zone).ToString("HH:mm dd/MM/yyyy", Culture);
}
