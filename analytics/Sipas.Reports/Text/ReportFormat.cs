using System.Globalization;
using Sipas.Analytics;

namespace Sipas.Reports;

/// <summary>
/// Numbers and dates as the report prints them. Vietnamese: 95,12% · 1.234 · 14/05/2025; English: 95.12% · 1,234 ·
/// 14/05/2025. Percentages round half away from zero to two decimals (method.md §5); NaN prints as "—".
/// </summary>
public sealed class ReportFormat
{
    public const string Missing = "—";

    /// <summary>Vietnam time (Asia/Ho_Chi_Minh): UTC+7 all year, no daylight saving.</summary>
    public static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public static ReportFormat Vi { get; } = new(",", ".");
    public static ReportFormat En { get; } = new(".", ",");

    public static ReportFormat For(ReportLanguage language) => language == ReportLanguage.En ? En : Vi;

    private readonly NumberFormatInfo numbers;

    private ReportFormat(string decimalSeparator, string groupSeparator) =>
        numbers = new NumberFormatInfo
        {
            NumberDecimalSeparator = decimalSeparator,
            NumberGroupSeparator = groupSeparator,
            NegativeSign = "-",
        };

    public string Percent(double proportion) =>
        double.IsNaN(proportion) ? Missing : Rounded(proportion * 100, 2).ToString("0.00", numbers) + "%";

    public string Interval(Interval ci) =>
        ci.IsDefined ? $"[{Percent(ci.Lower)} – {Percent(ci.Upper)}]" : Missing;

    /// <summary>A change of a proportion in percentage points, signed: "+2,15", "-0,40", "0,00".</summary>
    public string Points(double difference)
    {
        if (double.IsNaN(difference)) return Missing;
        var value = Rounded(difference * 100, 2);
        var text = Math.Abs(value).ToString("0.00", numbers);
        return value > 0 ? "+" + text : value < 0 ? "-" + text : text;
    }

    public string Count(long count) => count.ToString("#,0", numbers);

    public string Decimal(double value, int decimals) =>
        double.IsNaN(value) ? Missing : Rounded(value, decimals).ToString("0." + new string('0', decimals), numbers);

    public string PValue(double p) =>
        double.IsNaN(p) ? Missing : p < 0.001 ? "< " + Decimal(0.001, 3) : Decimal(p, 3);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset time)
    {
        var offset = time.Offset;
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        return time.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture) + $" (UTC{sign}{offset:hh\\:mm})";
    }

    private static decimal Rounded(double value, int decimals) =>
        Math.Round((decimal)value, decimals, MidpointRounding.AwayFromZero);
}
