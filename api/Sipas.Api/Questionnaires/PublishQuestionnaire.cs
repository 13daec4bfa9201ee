using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Questionnaires;

public static class PublishQuestionnaire
{
    public static async Task<Results<Ok<QuestionnaireSummary>, ProblemHttpResult, NotFound>> Handle(
        string code, string version, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var stored = await db.Questionnaires.SingleOrDefaultAsync(x => x.Code == code && x.Version == version, ct);
        if (stored is null) return TypedResults.NotFound();
        if (stored.Status != QuestionnaireStatus.Draft) return Immutable(stored.Key);
        stored.Status = QuestionnaireStatus.Published;
        stored.PublishedAt = clock.GetUtcNow();
        AdminAudit.Record(db, AuditEntry.Entities.Questionnaire, stored.Key, "publish", user, stored.PublishedAt.Value, null, UploadQuestionnaire.Summary(stored));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(UploadQuestionnaire.Summary(stored));
    }

    public static async Task<Results<Ok<QuestionnaireSummary>, ProblemHttpResult, NotFound>> Retire(
        string code, string version, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var stored = await db.Questionnaires.SingleOrDefaultAsync(x => x.Code == code && x.Version == version, ct);
        if (stored is null) return TypedResults.NotFound();
        if (stored.Status != QuestionnaireStatus.Published)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Chỉ phiên bản đã ban hành mới có thể ngừng sử dụng / Only a published version can be retired");
        stored.Status = QuestionnaireStatus.Retired;
        stored.RetiredAt = clock.GetUtcNow();
        AdminAudit.Record(db, AuditEntry.Entities.Questionnaire, stored.Key, "retire", user, stored.RetiredAt.Value, null, UploadQuestionnaire.Summary(stored));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(UploadQuestionnaire.Summary(stored));
    }

    public static ProblemHttpResult Immutable(string key) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: $"Phiếu {key} đã ban hành, không thể sửa / {key} is published and cannot be changed",
        detail: "Sao chép thành một bản nháp với số phiên bản mới. / Copy it into a new draft with a new version number.");
}
