using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics.Interchange;
using Sipas.Data;

namespace Sipas.Api.Questionnaires;

public record CopyQuestionnaireRequest(string? Version);

public static class UploadQuestionnaire
{
    private const int MaxBytes = 1 << 20;

    /// <summary>Stores a new draft. The body is the questionnaire JSON of interchange.md.</summary>
    public static async Task<Results<Created<QuestionnaireSummary>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var (parsed, problem) = await ReadAsync(request, ct);
        if (problem is not null) return problem;
        var q = parsed!.Questionnaire!;
        if (await db.Questionnaires.AnyAsync(x => x.Code == q.Code && x.Version == q.Version, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Phiên bản {q.Key} đã tồn tại / Version {q.Key} already exists",
                detail: "Đặt một số phiên bản mới. / Give it a new version number.");
        var version = QuestionnaireVersions.From(q, QuestionnaireStatus.Draft, clock.GetUtcNow());
        db.Questionnaires.Add(version);
        AdminAudit.Record(db, AuditEntry.Entities.Questionnaire, version.Key, "upload", user, version.CreatedAt, null, Summary(version));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/questionnaires/{q.Code}/{q.Version}", Summary(version));
    }

    /// <summary>Replaces a draft's definition; code and version in the body must match the route.</summary>
    public static async Task<Results<Ok<QuestionnaireSummary>, ValidationProblem, ProblemHttpResult, NotFound>> Replace(
        string code, string version, HttpRequest request, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var stored = await db.Questionnaires.SingleOrDefaultAsync(x => x.Code == code && x.Version == version, ct);
        if (stored is null) return TypedResults.NotFound();
        if (stored.Status != QuestionnaireStatus.Draft) return PublishQuestionnaire.Immutable(stored.Key);
        var (parsed, problem) = await ReadAsync(request, ct);
        if (problem is not null) return problem;
        var q = parsed!.Questionnaire!;
        if (q.Code != code || q.Version != version)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["$.code"] = [$"Mã và phiên bản phải là {code}@{version} / Code and version must be {code}@{version}"],
            });
        var replacement = QuestionnaireVersions.From(q, QuestionnaireStatus.Draft, stored.CreatedAt);
        (stored.Family, stored.TitleVi, stored.TitleEn, stored.Definition, stored.ScoredItems) =
            (replacement.Family, replacement.TitleVi, replacement.TitleEn, replacement.Definition, replacement.ScoredItems);
        AdminAudit.Record(db, AuditEntry.Entities.Questionnaire, stored.Key, "replace", user, clock.GetUtcNow(), null, Summary(stored));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Summary(stored));
    }

    /// <summary>
    /// Copies a published (or retired) version into a new draft with another version number, to be edited and
    /// published in its turn; the original stays as it is.
    /// </summary>
    public static async Task<Results<Created<QuestionnaireSummary>, ValidationProblem, ProblemHttpResult, NotFound>> Copy(
        string code, string version, CopyQuestionnaireRequest body, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var stored = await db.Questionnaires.AsNoTracking().SingleOrDefaultAsync(x => x.Code == code && x.Version == version, ct);
        if (stored is null) return TypedResults.NotFound();
        var newVersion = body.Version?.Trim() ?? "";
        var node = System.Text.Json.Nodes.JsonNode.Parse(stored.Definition.RootElement.GetRawText())!;
        node["version"] = newVersion;
        var parsed = QuestionnaireJson.Parse(node.ToJsonString());
        if (!parsed.Ok)
            return TypedResults.ValidationProblem(parsed.Faults.GroupBy(f => f.Where == "$.version" ? "version" : f.Where)
                .ToDictionary(g => g.Key, g => g.Select(f => $"{f.Vi} / {f.En}").ToArray()),
                title: "Số phiên bản không hợp lệ / The version is not valid");
        if (await db.Questionnaires.AnyAsync(x => x.Code == code && x.Version == newVersion, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Phiên bản {code}@{newVersion} đã tồn tại / Version {code}@{newVersion} already exists");
        var copy = QuestionnaireVersions.From(parsed.Questionnaire!, QuestionnaireStatus.Draft, clock.GetUtcNow());
        db.Questionnaires.Add(copy);
        AdminAudit.Record(db, AuditEntry.Entities.Questionnaire, copy.Key, "copy", user, copy.CreatedAt,
            new { From = stored.Key }, Summary(copy));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/questionnaires/{copy.Code}/{copy.Version}", Summary(copy));
    }

    private static async Task<(QuestionnaireParseResult?, ValidationProblem?)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes)
            return (null, Fault("$", $"Tệp quá lớn (tối đa {MaxBytes / 1024} KB) / File too large (at most {MaxBytes / 1024} KB)"));
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length > MaxBytes)
            return (null, Fault("$", $"Tệp quá lớn (tối đa {MaxBytes / 1024} KB) / File too large (at most {MaxBytes / 1024} KB)"));
        var parsed = QuestionnaireJson.Parse(buffer.ToArray());
        if (parsed.Ok) return (parsed, null);
        var errors = parsed.Faults.GroupBy(f => f.Where)
            .ToDictionary(g => g.Key, g => g.Select(f => $"{f.Vi} / {f.En}").ToArray());
        return (null, TypedResults.ValidationProblem(errors,
            title: "Phiếu khảo sát không hợp lệ / The questionnaire is not valid",
            detail: $"{parsed.Faults.Count} lỗi; không có gì được lưu. / {parsed.Faults.Count} fault(s); nothing was stored."));
    }

    private static ValidationProblem Fault(string path, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [path] = [message] });

    public static QuestionnaireSummary Summary(QuestionnaireVersion q) => new(q.Key, q.Code, q.Version, q.Family, q.TitleVi,
        q.TitleEn, q.Status.ToString().ToLowerInvariant(), q.ScoredItems.Length, q.PublishedAt);
}
