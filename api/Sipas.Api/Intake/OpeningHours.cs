using System.Globalization;
using System.Text.RegularExpressions;
using Sipas.Api.Setup;

namespace Sipas.Api.Intake;

/// <summary>
/// A service point's opening hours in Vietnam time, written as the notice at the desk would say them:
/// <c>T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30</c> (days T2..T7 and CN, a range or a comma list, then one or more
/// time spans). The default of a one-stop desk is <see cref="Default"/>.
/// </summary>
public sealed partial class OpeningHours
{
    public const string Default = "T2-T6 07:00-17:30; T7 07:30-11:30";
    private static readonly string[] Days = ["CN", "T2", "T3", "T4", "T5", "T6", "T7"]; // DayOfWeek order

    private readonly List<(TimeSpan From, TimeSpan To)>[] spans = Enumerable.Range(0, 7).Select(_ => new List<(TimeSpan, TimeSpan)>()).ToArray();

    [GeneratedRegex(@"^(?<days>(CN|T[2-7])(\s*[-,]\s*(CN|T[2-7]))*)\s+(?<spans>\d{2}:\d{2}-\d{2}:\d{2}(\s+\d{2}:\d{2}-\d{2}:\d{2})*)$")]
    private static partial Regex Part();

    /// <summary>Parses <paramref name="text"/> (null: the default); null when it is not in the format.</summary>
    public static OpeningHours? Parse(string? text)
    {
        var hours = new OpeningHours();
        foreach (var raw in (text ?? Default).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Part().Match(raw.ToUpperInvariant());
            if (!match.Success) return null;
            var days = DaysOf(match.Groups["days"].Value);
            if (days is null) return null;
            foreach (var span in match.Groups["spans"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Clock(span[..5]) is not { } from || Clock(span[6..]) is not { } to || to <= from) return null;
                foreach (var day in days) hours.spans[day].Add((from, to));
            }
        }
        return hours;
    }

    public const string Format = "Giờ làm việc theo dạng \"T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30\" (T2..T7, CN) / " +
                                 "Opening hours as \"T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30\" (T2..T7 Monday to Saturday, CN Sunday)";

    /// <summary>Open at <paramref name="instant"/>, in Vietnam time, with <paramref name="grace"/> either side (a form
    /// started at the desk may be sent a little after closing).</summary>
    public bool IsOpen(DateTimeOffset instant, TimeSpan grace)
    {
        var local = instant.ToOffset(VietnameseFormat.Offset);
        var time = local.TimeOfDay;
        return spans[(int)local.DayOfWeek].Any(s => time >= s.From - grace && time <= s.To + grace);
    }

    /// <summary>A time of day <c>HH:mm</c>, 00:00 to 24:00 (the end of the day).</summary>
    private static TimeSpan? Clock(string text) =>
        int.TryParse(text[..2], NumberStyles.None, CultureInfo.InvariantCulture, out var h)
        && int.TryParse(text[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 60 && (h < 24 || h == 24 && m == 0)
            ? new TimeSpan(h, m, 0) : null;

    private static List<int>? DaysOf(string text)
    {
        var days = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var ends = part.Split('-', StringSplitOptions.TrimEntries);
            var first = Array.IndexOf(Days, ends[0]);
            var last = Array.IndexOf(Days, ends[^1]);
            if (first < 0 || last < 0 || ends.Length > 2) return null;
            // T2..T7 run Monday to Saturday; CN (Sunday) may close a range (T2-CN).
            var a = first == 0 ? 7 : first;
            var b = last == 0 ? 7 : last;
            if (b < a) return null;
            for (var d = a; d <= b; d++) days.Add(d % 7);
        }
        return days;
    }
}
