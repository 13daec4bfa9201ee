using System.Data;
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
    // Plain columns only: every value is formatted by the client, so the server's per-row work before its sort is just
    // the scan, and the sorted rows stay narrow. Agency codes come from one read in the same snapshot, not a join.
    private const string Copy = """
        COPY (SELECT r.id, r.channel, r.area_code, r.agency_id, r.unit_code, r.stratum, r.submitted_at, r.scores, r.other_answers
              FROM sipas.responses r
              WHERE r.wave_id = {0} AND r.questionnaire_id = {1} AND r.superseded_by IS NULL AND r.review IS DISTINCT FROM 'exclude'
              ORDER BY r.id) TO STDOUT (FORMAT BINARY)
        """;

    // Measured on the export bench's million responses (2 cores, the server's CPU counted with its workers): sorting the
    // wave in memory (work_mem 512MB) cost the server 40% more CPU than an external sort in 16MB, most of it faulting in
    // and zeroing fresh memory, and kept the first row back longer; the external sort's final merge runs while rows are
    // sent. With 16MB the planner would also sort in parallel workers, which cost 40% more CPU again and was slower:
    // they are off. Plain index scans are off so that the plan is the one a table of many waves gets (scan the wave,
    // sort it): with a small work_mem the planner would otherwise walk the primary key in id order, which visits every
    // response of every wave.
    private const string Settings = "SET TRANSACTION READ ONLY; SET LOCAL work_mem = '16MB'; " +
                                    "SET LOCAL max_parallel_workers_per_gather = 0; SET LOCAL enable_indexscan = off";

    private const int FlushAt = 1 << 17;

    /// <summary>
    /// Writes the CSV of wave <paramref name="waveId"/> (code <paramref name="waveCode"/>) for questionnaire version
    /// <paramref name="questionnaireId"/> (<paramref name="questionnaire"/>) to <paramref name="output"/>; returns
    /// the rows written. Times are written in Vietnam's offset (+07:00). Runs in its own read-only repeatable-read
    /// transaction on <paramref name="connection"/>, which must have none.
    /// </summary>
    public static async Task<long> WriteAsync(NpgsqlConnection connection, int waveId, string waveCode, int questionnaireId,
        Questionnaire questionnaire, Stream output, CancellationToken ct = default)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await using (var settings = new NpgsqlCommand(Settings, connection)) await settings.ExecuteNonQueryAsync(ct);
        var rows = new ResponseRows(questionnaire, waveCode, await AgencyCodes(connection, ct));
        using var csv = new CsvBuffer(output);
        rows.WriteHeader(csv);
        long written = 0;
        await using (var copy = await connection.BeginRawBinaryCopyAsync(
                         string.Format(CultureInfo.InvariantCulture, Copy, waveId, questionnaireId), ct))
        {
            using var reader = new BinaryCopyReader(copy, ResponseRows.Fields);
            while (!reader.Done)
            {
                written += rows.WriteAll(reader, csv, FlushAt);
                if (csv.Pending >= FlushAt) await csv.FlushAsync(ct);
                else if (!reader.Done) await reader.FillAsync(ct);
            }
            await reader.EndAsync(ct);
        }
        await csv.FlushAsync(ct);
        await transaction.CommitAsync(ct);
        return written;
    }

    private static async Task<Dictionary<int, string>> AgencyCodes(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT id, code FROM sipas.agencies", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var codes = new Dictionary<int, string>();
        while (await reader.ReadAsync(ct)) codes.Add(reader.GetInt32(0), reader.GetString(1));
        return codes;
    }
}
