using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
    /// cleared: a plan must be made again for the new frame.
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
}
