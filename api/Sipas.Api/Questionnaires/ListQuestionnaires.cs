using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Questionnaires;

public record QuestionnaireSummary(string Key, string Code, string Version, string Family, string TitleVi, string? TitleEn,
    string Status, int ScoredItems, DateTimeOffset? PublishedAt);

public static class ListQuestionnaires
{
    public static Task<List<QuestionnaireSummary>> Handle(SipasDb db, CancellationToken ct) =>
        db.Questionnaires.AsNoTracking().OrderBy(q => q.Code).ThenBy(q => q.Version)
            .Select(q => new QuestionnaireSummary(q.Code + "@" + q.Version, q.Code, q.Version, q.Family, q.TitleVi, q.TitleEn,
                q.Status.ToString().ToLowerInvariant(), q.ScoredItems.Length, q.PublishedAt))
            .ToListAsync(ct);
}

public static class GetQuestionnaire
{
    public static async Task<Results<ContentHttpResult, NotFound>> Handle(string code, string version, SipasDb db, CancellationToken ct)
    {
        var found = await db.Questionnaires.AsNoTracking().SingleOrDefaultAsync(q => q.Code == code && q.Version == version, ct);
        return found is null
            ? TypedResults.NotFound()
            : TypedResults.Content(found.Definition.RootElement.GetRawText(), "application/json; charset=utf-8");
    }
}
