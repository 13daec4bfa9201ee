using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Analytics.Interchange;
using Sipas.Api.Surveyors;
using Sipas.Data;

namespace Sipas.Api.Plans;

public record FrameSummary(string Wave, int Strata, long Population);

public static class ImportFrame
{
    /// <summary>
    /// Replaces a wave's frame (N_h per stratum) with the rows of a frame CSV. Every fault is reported by line
    /// (422, <c>rows</c>), rows of another wave included; a faulty file changes nothing. Quotas of strata kept are
    /// cleared: a plan must be made again for the new frame. N = 0 is accepted (nobody served, method.md §2), but a
    /// row whose N is below the valid responses the wave already holds in its stratum (n_h &gt; N_h, N = 0 included) is
    /// a fault of the frame, reported at its line.
    /// </summary>
    public static async Task<Results<Ok<FrameSummary>, ProblemHttpResult, NotFound>> Handle(
        string wave, HttpRequest request, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var waveId = await db.Waves.Where(w => w.Code == wave).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
        if (waveId is null) return TypedResults.NotFound();
        using var file = new MemoryStream();
        await request.Body.CopyToAsync(file, ct);
        file.Position = 0;

        var rows = Setup.Input.BadTextLines(file).Select(l => new RejectedRow(l, Setup.Input.BadLine)).ToList();
        (Sipas.Analytics.PopulationFrame? frame, IReadOnlyList<InputFault> faults) = rows.Count > 0 ? (null, []) : FrameCsv.Read(file);
        rows.AddRange(faults.Select(f => new RejectedRow(int.Parse(f.Where["line ".Length..], System.Globalization.CultureInfo.InvariantCulture), $"{f.Vi} / {f.En}")));
        if (frame is not null)
            rows.AddRange(frame.StrataOf(wave).Where(s => !Setup.Input.IsStratum(s.Stratum))
                .Select(s => new RejectedRow(1, $"{Setup.Input.BadStratum}: {s.Stratum}")));
        if (frame is not null && frame.Count > frame.StrataOf(wave).Count)
            rows.Add(new RejectedRow(1, $"Tệp có dòng của đợt khác {wave} / The file has rows of waves other than {wave}"));
        if (frame is not null)
            rows.AddRange(await BelowValidResponsesAsync(db, waveId.Value, wave, frame, ct));
        if (frame is not null && frame.StrataOf(wave).Count == 0 && rows.Count == 0)
            rows.Add(new RejectedRow(1, $"Không có dòng nào của đợt {wave} / No row for wave {wave}"));
        if (rows.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "Khung mẫu không hợp lệ, không có gì thay đổi / The frame is not valid; nothing changed",
                extensions: new Dictionary<string, object?> { ["code"] = "rows-rejected", ["rows"] = rows.OrderBy(r => r.Line).ToList() });

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.FieldworkStrata.Where(f => f.WaveId == waveId).ExecuteDeleteAsync(ct);
        var strata = frame!.StrataOf(wave);
        db.FieldworkStrata.AddRange(strata.Select(s => new FieldworkStratum
        {
            WaveId = waveId.Value, Stratum = s.Stratum, Population = (long)s.Population, UpdatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new FrameSummary(wave, strata.Count, strata.Sum(s => (long)s.Population)));
    }

    /// <summary>
    /// The frame rows of <paramref name="wave"/> whose N is below the valid responses (method.md §1) stored in their
    /// stratum for one questionnaire, in the wave's counted channels: estimation would refuse them (n_h &gt; N_h).
    /// </summary>
    private static async Task<List<RejectedRow>> BelowValidResponsesAsync(SipasDb db, int waveId, string wave,
        Sipas.Analytics.PopulationFrame frame, CancellationToken ct)
    {
        var official = await db.Waves.Where(w => w.Id == waveId).Select(w => w.OfficialChannels).SingleAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT stratum, max(n)::int FROM (
                SELECT r.stratum, count(*) AS n FROM sipas.responses r
                WHERE r.wave_id = $1 AND r.superseded_by IS NULL AND r.review IS DISTINCT FROM 'exclude' AND r.channel = ANY($2)
                  AND 5 * (SELECT count(*) FROM unnest(r.scores) AS a(v) WHERE a.v >= 1) >= 4 * cardinality(r.scores)
                GROUP BY r.stratum, r.questionnaire_id) c
            GROUP BY stratum
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = waveId });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Channels.Counted(official) });
        var rows = new List<RejectedRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var (stratum, valid) = (reader.GetString(0), reader.GetInt32(1));
            var population = frame.Of(wave, stratum);
            if (valid > population)
                rows.Add(new RejectedRow(frame.LineOf(wave, stratum),
                    $"Tầng {stratum} đã có {valid} phiếu hợp lệ, nhiều hơn quy mô tổng thể N = {population} / " +
                    $"Stratum {stratum} already has {valid} valid responses, more than its population N = {population}"));
        }
        return rows;
    }
}
