using System.Text.Json;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;

namespace Sipas.Data;

public static class QuestionnaireVersions
{
    /// <summary>A stored version of a questionnaire that has passed <see cref="QuestionnaireJson"/>'s checks.</summary>
    public static QuestionnaireVersion From(Questionnaire q, QuestionnaireStatus status, DateTimeOffset now) => new()
    {
        Code = q.Code,
        Version = q.Version,
        Family = q.Family,
        TitleVi = q.Title.Vi,
        TitleEn = q.Title.En,
        Definition = JsonDocument.Parse(QuestionnaireJson.ToUtf8(q)),
        ScoredItems = q.ScoredItems.Select(i => i.Code).ToArray(),
        Status = status,
        CreatedAt = now,
        PublishedAt = status == QuestionnaireStatus.Published ? now : null,
    };

    /// <summary>The questionnaire a stored version defines (it was checked when it was stored).</summary>
    public static Questionnaire Read(this QuestionnaireVersion version) =>
        QuestionnaireJson.Parse(version.Definition.RootElement.GetRawText()).Questionnaire
        ?? throw new InvalidDataException($"Stored questionnaire {version.Key} no longer parses.");
}
