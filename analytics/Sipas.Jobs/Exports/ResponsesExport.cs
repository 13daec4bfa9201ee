using System.Globalization;
using Npgsql;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;

namespace Sipas.Jobs.Exports;

/// <summary>
/// Streams a wave's responses to one questionnaire version as the responses CSV of interchange.md (fixed columns,
/// then one column per item code in questionnaire order), read with one binary COPY and written to the output as
/// each row arrives: memory stays at two buffers (the COPY's bytes, the CSV's) whatever the number of rows. The rows'
/// wire bytes become CSV bytes directly (<see cref="ResponseRows"/>), with no string or array per value. The rows are
/// the ones a snapshot reads (not superseded, not excluded by a supervisor: flagged responses kept count like the
/// others), in response-id order, so the same data always gives the same file. Only the columns of interchange.md
/// are read: never the dossier hash, the content hash, who keyed the form or when it was started or received. Two more guards for the people who open the file (docs/security.md): <c>submitted_at</c>
/// is cut to the hour (<c>2025-05-14T09:00:00+07:00</c>), so a row cannot be matched against a counter's queue
/// log, and every text cell (codes, options, comments) is neutralised against formula injection
/// (<see cref="SpreadsheetText"/>); numbers are written as numbers.
/// </summary>
public static class ResponsesExport
{
    private const string Copy = """
        COPY (SELECT r.id, r.channel, r.area_code, a.code, coalesce(r.unit_code, ''), r.stratum, r.submitted_at, r.scores,
                     r.other_answers::text
              FROM sipas.responses r JOIN sipas.agencies a ON a.id = r.agency_id
              WHERE r.wave_id = {0} AND r.questionnaire_id = {1} AND r.superseded_by IS NULL AND r.review IS DISTINCT FROM 'exclude'
              ORDER BY r.id) TO STDOUT (FORMAT BINARY)
        """;

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
        var rows = new ResponseRows(questionnaire, waveCode);
        using var csv = new CsvBuffer(output);
        rows.WriteHeader(csv);
        await using var copy = await connection.BeginRawBinaryCopyAsync(
            string.Format(CultureInfo.InvariantCulture, Copy, waveId, questionnaireId), ct);
        using var reader = new BinaryCopyReader(copy, ResponseRows.Fields);
        long written = 0;
        while (!reader.Done)
        {
            written += rows.WriteAll(reader, csv, FlushAt);
            if (csv.Pending >= FlushAt) await csv.FlushAsync(ct);
            else if (!reader.Done) await reader.FillAsync(ct);
        }
        await reader.EndAsync(ct);
        await csv.FlushAsync(ct);
        return written;
    }
}
