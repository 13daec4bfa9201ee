// The microdata export as it was before it wrote CSV bytes straight from COPY's wire bytes (main at f96660f,
// analytics/Sipas.Jobs/Exports/ResponsesExport.cs), kept verbatim but for its name: the reference that
// ResponsesExportIdentityTests holds the export's output to, byte for byte. Do not change it to follow the export.
using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Npgsql;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;

namespace Sipas.Jobs.Tests.Microdata;

/// <summary>
/// Streams a wave's responses to one questionnaire version as the responses CSV of interchange.md (fixed columns,
/// then one column per item code in questionnaire order), read with one binary COPY and written to the output as
/// each row arrives: memory stays at one buffer whatever the number of rows. The rows are the ones a snapshot reads
/// (not superseded, not excluded by a supervisor: flagged responses kept count like the others), in response-id order, so the same data always gives the same file. Only the
/// columns of interchange.md are read: never the dossier hash, the content hash, who keyed the form or when it was
/// started or received. Two more guards for the people who open the file (docs/security.md): <c>submitted_at</c>
/// is cut to the hour (<c>2025-05-14T09:00:00+07:00</c>), so a row cannot be matched against a counter's queue
/// log, and every text cell (codes, options, comments) is neutralised against formula injection
/// (<see cref="SpreadsheetText"/>); numbers are written as numbers.
/// </summary>
public static class ReferenceResponsesExport
{
    private const string Copy = """
        COPY (SELECT r.id, r.channel, r.area_code, a.code, coalesce(r.unit_code, ''), r.stratum, r.submitted_at, r.scores,
                     r.other_answers::text
              FROM sipas.responses r JOIN sipas.agencies a ON a.id = r.agency_id
              WHERE r.wave_id = {0} AND r.questionnaire_id = {1} AND r.superseded_by IS NULL AND r.review IS DISTINCT FROM 'exclude'
              ORDER BY r.id) TO STDOUT (FORMAT BINARY)
        """;

    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private const int FlushAt = 1 << 17;

    /// <summary>
    /// Writes the CSV of wave <paramref name="waveId"/> (code <paramref name="waveCode"/>) for questionnaire version
    /// <paramref name="questionnaireId"/> (<paramref name="questionnaire"/>) to <paramref name="output"/>; returns
    /// the rows written. Times are written in Vietnam's offset (+07:00).
    /// </summary>
    public static async Task<long> WriteAsync(NpgsqlConnection connection, int waveId, string waveCode, int questionnaireId,
        Questionnaire questionnaire, Stream output, CancellationToken ct = default)
    {
        using (var memory = new NpgsqlCommand("SET work_mem = '512MB'", connection)) await memory.ExecuteNonQueryAsync(ct);
        var items = questionnaire.Sections.SelectMany(s => s.Items).ToArray();
        var scoredIndex = items.Select(i => questionnaire.ScoredIndexOf(i.Code)).ToArray();
        var writer = new Utf8Rows(output);
        try
        {
            writer.Field("response_id,questionnaire,wave,channel,area,agency,unit,stratum,submitted_at", quote: false);
            foreach (var item in items) { writer.Comma(); writer.Text(item.Code); }
            writer.EndRow();
            var key = CsvText.Field(CsvText.Text(questionnaire.Key));
            var wave = CsvText.Field(CsvText.Text(waveCode));
            long rows = 0;
            await using var copy = await connection.BeginBinaryExportAsync(
                string.Format(CultureInfo.InvariantCulture, Copy, waveId, questionnaireId), ct);
            while (await copy.StartRowAsync(ct) != -1)
            {
                var id = await copy.ReadAsync<Guid>(ct);
                var channel = await copy.ReadAsync<string>(ct);
                var area = await copy.ReadAsync<string>(ct);
                var agency = await copy.ReadAsync<string>(ct);
                var unit = await copy.ReadAsync<string>(ct);
                var stratum = await copy.ReadAsync<string>(ct);
                var submitted = await copy.ReadAsync<DateTimeOffset>(ct);
                var scores = await copy.ReadAsync<short?[]>(ct);
                var other = copy.IsNull ? null : await copy.ReadAsync<string>(ct);
                if (other is null) await copy.SkipAsync(ct);

                writer.Guid(id); writer.Comma();
                writer.Field(key, quote: false); writer.Comma();
                writer.Field(wave, quote: false); writer.Comma();
                writer.Text(channel); writer.Comma();
                writer.Text(area); writer.Comma();
                writer.Text(agency); writer.Comma();
                writer.Text(unit); writer.Comma();
                writer.Text(stratum); writer.Comma();
                writer.Time(ToTheHour(submitted.ToOffset(Vietnam)));
                using var answers = other is null ? null : JsonDocument.Parse(other);
                for (var i = 0; i < items.Length; i++)
                {
                    writer.Comma();
                    if (scoredIndex[i] >= 0)
                    {
                        if (scoredIndex[i] < scores.Length && scores[scoredIndex[i]] is { } s) writer.Digit(s);
                    }
                    else if (answers is not null && answers.RootElement.TryGetProperty(items[i].Code, out var value))
                    {
                        if (value.ValueKind == JsonValueKind.Number) writer.Field(Cell(value));
                        else writer.Text(Cell(value));
                    }
                }
                writer.EndRow();
                rows++;
                if (writer.Pending >= FlushAt) await writer.FlushAsync(ct);
            }
            await writer.FlushAsync(ct);
            return rows;
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>
    /// <paramref name="time"/> cut to the hour in its own offset (Vietnam's +07:00 is whole hours):
    /// 09:37:12.345 becomes 09:00:00. The exported time says which hour, never the minute a citizen rated.
    /// </summary>
    public static DateTimeOffset ToTheHour(DateTimeOffset time) =>
        new(time.Year, time.Month, time.Day, time.Hour, 0, 0, time.Offset);

    /// <summary>A stored other answer as its CSV cell: options joined by <c>|</c>, numbers invariant, text as is.</summary>
    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join('|', value.EnumerateArray().Select(Cell)),
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "",
    };

    /// <summary>UTF-8 CSV text in one pooled buffer, written out with <see cref="FlushAsync"/> only.</summary>
    private sealed class Utf8Rows(Stream output) : IDisposable
    {
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(FlushAt * 2);
        private int at;

        public int Pending => at;

        public void Comma() => Byte((byte)',');
        public void EndRow() => Byte((byte)'\n');

        public void Digit(short value)
        {
            if (value is >= 0 and <= 9) Byte((byte)('0' + value));
            else Field(value.ToString(CultureInfo.InvariantCulture), quote: false);
        }

        public void Guid(Guid id)
        {
            Ensure(36);
            id.TryFormat(buffer.AsSpan(at), out var written, "D");
            at += written;
        }

        public void Time(DateTimeOffset time)
        {
            Ensure(40);
            time.TryFormat(buffer.AsSpan(at), out var written, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
            at += written;
        }

        /// <summary>A text cell: neutralised against formula injection, then quoted as needed.</summary>
        public void Text(string text) => Field(CsvText.Text(text));

        /// <summary>A field, quoted (quotes doubled) when it holds a comma, a quote or a line break.</summary>
        public void Field(string text, bool quote = true)
        {
            if (quote && text.AsSpan().IndexOfAny(",\"\r\n") >= 0) text = CsvText.Field(text);
            Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
            at += Encoding.UTF8.GetBytes(text, buffer.AsSpan(at));
        }

        public async Task FlushAsync(CancellationToken ct)
        {
            if (at == 0) return;
            await output.WriteAsync(buffer.AsMemory(0, at), ct);
            at = 0;
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }

        private void Byte(byte b)
        {
            Ensure(1);
            buffer[at++] = b;
        }

        private void Ensure(int bytes)
        {
            if (at + bytes <= buffer.Length) return;
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, at + bytes));
            buffer.AsSpan(0, at).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
    }
}
