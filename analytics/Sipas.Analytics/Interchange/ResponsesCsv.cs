using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
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
/// How <see cref="ResponsesCsv.Read(Stream, Questionnaire, string?, ResponsesReadOptions)"/> splits a file for
/// parallel parsing: chunks of about <see cref="ChunkBytes"/> bytes (cut at record boundaries), parsed by up to
/// <see cref="Parallelism"/> threads (0: one per processor; 1: on the calling thread). Results never depend on
/// these; only time and memory do.
/// </summary>
public sealed record ResponsesReadOptions(int ChunkBytes = 4 << 20, int Parallelism = 0)
{
    /// <summary>4 MB chunks on every processor.</summary>
    public static readonly ResponsesReadOptions Default = new();
}

/// <summary>
/// One row of a responses CSV that passed every check: <see cref="Answers"/> in the questionnaire's scored-item
/// order (<see cref="Sample.Unanswered"/> for empty), <see cref="Others"/> the non-empty other items' cells (NFC),
/// <see cref="Stratum"/> already defaulted to <c>agency/area</c>.
/// </summary>
public sealed record ResponseRow(int Line, Guid Id, string Wave, string Channel, string Area, string Agency,
    string? Unit, string Stratum, DateTimeOffset SubmittedAt, sbyte[] Answers, IReadOnlyDictionary<string, string> Others);

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
    public static readonly IReadOnlyList<string> Channels = ["web", "paper", "interview", "import", "portal"];

    /// <summary>The service areas of interchange.md.</summary>
    public static readonly IReadOnlyList<string> Areas =
        ["land", "construction", "investment", "health", "education", "general"];

    /// <summary>
    /// Reads <paramref name="stream"/> as responses to <paramref name="questionnaire"/>. When
    /// <paramref name="wave"/> is given, rows of other waves are skipped (after their checks). Large files are
    /// parsed in chunks on every core (<see cref="ResponsesReadOptions.Default"/>).
    /// </summary>
    public static ResponsesReadResult Read(Stream stream, Questionnaire questionnaire, string? wave = null) =>
        Read(stream, questionnaire, wave, ResponsesReadOptions.Default);

    /// <summary>Reads responses (see <see cref="Read(Stream, Questionnaire, string?)"/>) split as
    /// <paramref name="options"/> says; the result never depends on how.</summary>
    public static ResponsesReadResult Read(Stream stream, Questionnaire questionnaire, string? wave,
        ResponsesReadOptions options) =>
        ReadChunks(new Chunker(stream, options.ChunkBytes), questionnaire, wave, null, null, MaxFaults, options.Parallelism);

    /// <summary>Reads responses from text (see <see cref="Read(Stream, Questionnaire, string?)"/>), read whole first.</summary>
    public static ResponsesReadResult Read(TextReader text, Questionnaire questionnaire, string? wave = null)
    {
        using var bytes = new MemoryStream(CsvText.Utf8.GetBytes(text.ReadToEnd()));
        return ReadChunks(new Chunker(bytes, ResponsesReadOptions.Default.ChunkBytes, text: true), questionnaire, wave,
            null, null, MaxFaults, 0);
    }

    /// <summary>
    /// Reads <paramref name="stream"/> as responses to <paramref name="questionnaire"/> with the same checks,
    /// handing every row without fault to <paramref name="sink"/> whole (id, time and other answers included), in
    /// file order, as an import needs. An empty <c>channel</c> means <paramref name="defaultChannel"/> when one is
    /// given; at most <paramref name="maxFaults"/> faults are listed.
    /// </summary>
    public static ResponsesReadResult ReadRows(Stream stream, Questionnaire questionnaire, Action<ResponseRow> sink,
        string? defaultChannel = null, int maxFaults = MaxFaults) =>
        ReadChunks(new Chunker(stream, ResponsesReadOptions.Default.ChunkBytes), questionnaire, null, sink, defaultChannel,
            maxFaults, 0);

    private static ResponsesReadResult ReadChunks(Chunker chunker, Questionnaire questionnaire, string? wave,
        Action<ResponseRow>? sink, string? defaultChannel, int maxFaults, int parallelism)
    {
        if (parallelism <= 0) parallelism = Environment.ProcessorCount;
        chunker.Next(out var first);   // the header's record alone, on the calling thread
        Layout? layout;
        RowReader head;
        try
        {
            var rows = new ByteRows(first.Bytes, 0, first.Length, first.Line);
            var names = new List<string>();
            if (rows.MoveNext())
                for (var i = 0; i < rows.Count; i++) names.Add(Bytes.Text(rows[i]));
            var faults = new List<LineFault>();
            layout = Layout.Read(names, questionnaire, wave, defaultChannel, sink is not null, maxFaults, faults);
            if (layout is null)
                return new ResponsesReadResult([], faults.Take(maxFaults).Select(f => new InputFault(CsvText.Line(f.Line), f.Vi, f.En)).ToArray(),
                    faults.Count, 0);
            // Rows after the header in its chunk: a lone CR ends a record too, and only line feeds cut chunks.
            head = new RowReader(layout, first.LineEnds + 1);
            head.ReadAll(rows);
        }
        finally
        {
            chunker.Return(first.Bytes);
        }

        var chunks = new List<RowReader> { head };
        var parsing = new List<Task<RowReader>>();
        using (var slots = new SemaphoreSlim(parallelism))   // chunks parsed at once; one more is being read
        {
            while (chunker.Next(out var chunk))
            {
                if (parallelism == 1) chunks.Add(Parse(chunk, layout, chunker));
                else
                {
                    slots.Wait();
                    var mine = chunk;
                    parsing.Add(Task.Run(() =>
                    {
                        try { return Parse(mine, layout, chunker); }
                        finally { slots.Release(); }
                    }));
                }
            }
            // Every task has ended before the semaphore is disposed.
            foreach (var task in parsing) chunks.Add(task.GetAwaiter().GetResult());
        }
        return Merge(layout, chunks, sink, parallelism);
    }

    /// <summary>Parses one chunk (not the first) and gives its buffer back.</summary>
    private static RowReader Parse(Chunk chunk, Layout layout, Chunker chunker)
    {
        try
        {
            var rows = new RowReader(layout, chunk.LineEnds + 1);
            rows.ReadAll(new ByteRows(chunk.Bytes, 0, chunk.Length, chunk.Line));
            return rows;
        }
        finally
        {
            chunker.Return(chunk.Bytes);
        }
    }

    /// <summary>
    /// The <c>questionnaire</c> cell of the first data row (<c>code@version</c>), which an import needs before it
    /// can check the rows; null when the file has no such column or no data row. Leaves the stream where it was.
    /// </summary>
    public static string? QuestionnaireOf(Stream stream)
    {
        var start = stream.Position;
        try
        {
            using var text = new StreamReader(stream, Encoding.UTF8, true, 1 << 16, leaveOpen: true);
            using var reader = CsvText.Reader(text);
            var header = CsvText.Header(reader);
            var at = Array.IndexOf(header, "questionnaire");
            if (at < 0) return null;
            foreach (var row in reader)
                if (!(row.ColCount == 1 && row.Span.IsEmpty))
                    return at < row.ColCount ? row[at].ToString().Trim() : null;
            return null;
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>Parses ISO 8601 <c>yyyy-MM-ddTHH:mm:ss[.fff](±hh:mm|Z)</c>; an offset is required.</summary>
    public static bool TryTimestamp(ReadOnlySpan<char> text, out DateTimeOffset value) =>
        TryCommonTimestamp(text, out value) ||
        DateTimeOffset.TryParseExact(text, TimestampFormats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal, out value);

    // Fast path for the usual shape yyyy-MM-ddTHH:mm:ss±hh:mm (25 characters, as text or UTF-8); anything else
    // goes to TryParseExact. Ranges are checked here so that no constructor throws; in the years 1 and 9999 an
    // offset can take the instant out of range, so they go to TryParseExact, which says false then.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryCommonTimestamp<T>(ReadOnlySpan<T> t, out DateTimeOffset value) where T : unmanaged, IBinaryInteger<T>
    {
        value = default;
        if (t.Length != 25 || !Is(t[4], '-') || !Is(t[7], '-') || !Is(t[10], 'T') || !Is(t[13], ':') ||
            !Is(t[16], ':') || !(Is(t[19], '+') || Is(t[19], '-')) || !Is(t[22], ':'))
            return false;
        int century = Two(t, 0), decade = Two(t, 2), year = century * 100 + decade, month = Two(t, 5), day = Two(t, 8),
            hour = Two(t, 11), minute = Two(t, 14), second = Two(t, 17), offsetHours = Two(t, 20), offsetMinutes = Two(t, 23);
        if (century < 0 || decade < 0 || year is < 2 or > 9998 || month is < 1 or > 12 || day < 1 ||
            day > DateTime.DaysInMonth(year, month) || hour is < 0 or > 23 || minute is < 0 or > 59 ||
            second is < 0 or > 59 || offsetHours is < 0 or > 14 || offsetMinutes is < 0 or > 59 ||
            (offsetHours == 14 && offsetMinutes > 0))
            return false;
        var offset = new TimeSpan(offsetHours, offsetMinutes, 0);
        value = new DateTimeOffset(year, month, day, hour, minute, second, Is(t[19], '-') ? -offset : offset);
        return true;
    }

    private static bool Is<T>(T c, char expected) where T : unmanaged, IBinaryInteger<T> => uint.CreateTruncating(c) == expected;

    private static int Two<T>(ReadOnlySpan<T> t, int at) where T : unmanaged, IBinaryInteger<T>
    {
        uint tens = uint.CreateTruncating(t[at]) - '0', units = uint.CreateTruncating(t[at + 1]) - '0';
        return tens <= 9 && units <= 9 ? (int)(tens * 10 + units) : -1;
    }

    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];
}
