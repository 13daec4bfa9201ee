using System.Globalization;
using System.Text;

namespace Sipas.Analytics.Interchange;

/// <summary>
/// The outcome of reading a responses CSV: one <see cref="Sample"/> per wave (ordinal order of wave code) built
/// from the rows without fault, and every fault found (the first <see cref="ResponsesCsv.MaxFaults"/>, with
/// <see cref="FaultCount"/> the total). A caller that needs all-or-nothing rejects the file when
/// <see cref="Ok"/> is false.
/// </summary>
public sealed record ResponsesReadResult(IReadOnlyList<Sample> Samples, IReadOnlyList<InputFault> Faults,
    int FaultCount, int Rows)
{
    /// <summary>True when no fault was found.</summary>
    public bool Ok => FaultCount == 0;
}

/// <summary>
/// Reads the responses CSV of interchange.md (RFC 4180, UTF-8 with or without BOM, CRLF or LF, quoted fields
/// with commas, quotes and line breaks) as a stream, row by row, into compact <see cref="Sample"/>s. Every row
/// is checked: questionnaire key, UUID (unique), wave, channel, area, agency, ISO 8601 timestamp with offset,
/// item values (likert5 1..5, 0 or empty; option values; numbers); each fault names the physical line on which
/// its row starts. Text is compared and stored in NFC.
/// </summary>
public static partial class ResponsesCsv
{
    /// <summary>At most this many faults are listed; <see cref="ResponsesReadResult.FaultCount"/> counts all.</summary>
    public const int MaxFaults = 100;

    /// <summary>The collection channels of interchange.md.</summary>
    public static readonly IReadOnlyList<string> Channels = ["web", "paper", "interview", "import"];

    /// <summary>The service areas of interchange.md.</summary>
    public static readonly IReadOnlyList<string> Areas =
        ["land", "construction", "investment", "health", "education", "general"];

    /// <summary>
    /// Reads <paramref name="stream"/> as responses to <paramref name="questionnaire"/>. When
    /// <paramref name="wave"/> is given, rows of other waves are skipped (after their checks).
    /// </summary>
    public static ResponsesReadResult Read(Stream stream, Questionnaire questionnaire, string? wave = null)
    {
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true,
            bufferSize: 1 << 16, leaveOpen: true);
        return Read(text, questionnaire, wave);
    }

    /// <summary>Reads responses from text (see <see cref="Read(Stream, Questionnaire, string?)"/>).</summary>
    public static ResponsesReadResult Read(TextReader text, Questionnaire questionnaire, string? wave = null)
    {
        using var reader = CsvText.Reader(text);
        var state = new RowReader(questionnaire, wave);
        var header = true;
        foreach (var row in reader)
        {
            if (!header) state.ReadRow(row);
            else if (!state.ReadHeader(row[..].ToStringsArray())) return state.Result();
            else header = false;
        }
        if (header) state.ReadHeader([]);
        return state.Result();
    }

    /// <summary>Parses ISO 8601 <c>yyyy-MM-ddTHH:mm:ss[.fff](±hh:mm|Z)</c>; an offset is required.</summary>
    public static bool TryTimestamp(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out value);

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];
}
