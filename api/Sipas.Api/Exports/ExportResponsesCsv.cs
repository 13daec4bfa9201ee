using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.Exports;

/// <summary>One microdata file of a wave: a questionnaire version, the responses it holds and where to download it.</summary>
public record MicrodataFile(string Questionnaire, string Family, int Responses, string Url);

public static class ExportResponsesCsv
{
    /// <summary>The wave's questionnaire versions with the responses a download would hold (not superseded, unflagged).</summary>
    public static async Task<Results<Ok<List<MicrodataFile>>, NotFound>> List(string wave, SipasDb db, CancellationToken ct)
    {
        var target = await db.Waves.AsNoTracking().Include(w => w.Questionnaires).SingleOrDefaultAsync(w => w.Code == wave, ct);
        if (target is null) return TypedResults.NotFound();
        var counts = await db.Responses.Where(r => r.WaveId == target.Id && r.SupersededBy == null && r.Review != ReviewDecisions.Exclude)
            .GroupBy(r => r.QuestionnaireId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return TypedResults.Ok(target.Questionnaires.OrderBy(q => q.Family, StringComparer.Ordinal).ThenBy(q => q.Id)
            .Select(q => new MicrodataFile(q.Key, q.Family, counts.GetValueOrDefault(q.Id),
                $"/api/results/waves/{Uri.EscapeDataString(target.Code)}/responses.csv?questionnaire={Uri.EscapeDataString(q.Key)}"))
            .ToList());
    }

    /// <summary>
    /// Streams the responses CSV of <paramref name="wave"/> for <paramref name="questionnaire"/> (<c>code@version</c>;
    /// may be left out when the wave holds one version) with binary COPY straight to the response body.
    /// </summary>
    public static async Task<Results<PushStreamHttpResult, NotFound, ValidationProblem>> Handle(string wave, SipasDb db,
        NpgsqlDataSource dataSource, CancellationToken ct, string? questionnaire = null)
    {
        var target = await db.Waves.AsNoTracking().Include(w => w.Questionnaires).SingleOrDefaultAsync(w => w.Code == wave, ct);
        if (target is null) return TypedResults.NotFound();
        var versions = target.Questionnaires;
        var version = questionnaire is null
            ? (versions.Count == 1 ? versions[0] : null)
            : versions.FirstOrDefault(q => q.Key == questionnaire);
        if (version is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["questionnaire"] =
                [
                    $"Chọn một phiếu của đợt / choose one questionnaire of the wave: {string.Join(", ", versions.Select(q => q.Key).Order(StringComparer.Ordinal))}",
                ],
            });
        var definition = version.Read();
        var fileName = $"responses-{target.Code}-{version.Code}-{version.Version}.csv";
        return TypedResults.Stream(async body =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await ResponsesExport.WriteAsync(connection, target.Id, target.Code, version.Id, definition, body, ct);
        }, ExportResultsCsv.ContentType, fileName);
    }
}
