using System.Security.Claims;
using System.Text.Json;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

/// <summary>Audit entries (who, when, before, after) for keyings and responses; added to the caller's unit of work.</summary>
public static class Audit
{
    public static AuditEntry Entry(string entity, string id, string action, ClaimsPrincipal user, DateTimeOffset at,
        object? before, object? after) => new()
    {
        Entity = entity,
        EntityId = id,
        Action = action,
        UserId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId) ? userId : null,
        UserName = user.Identity?.Name,
        At = at,
        Before = before is null ? null : JsonSerializer.SerializeToDocument(before),
        After = after is null ? null : JsonSerializer.SerializeToDocument(after),
    };

    public static object State(PaperKeying k) => new
    {
        k.Id, k.Serial, k.WaveId, k.QuestionnaireId, k.AgencyId, k.AreaCode, k.UnitCode, k.Stratum, k.KeyedBy, k.KeyedAt,
        k.Scores, OtherAnswers = k.OtherAnswers?.RootElement.Clone(), Status = k.Status.ToString(), k.ResponseId, k.SupersededBy,
    };

    public static object State(Response r) => new
    {
        r.Id, r.WaveId, r.QuestionnaireId, r.Channel, r.AgencyId, r.AreaCode, r.UnitCode, r.Stratum, r.SubmittedAt,
        r.Scores, OtherAnswers = r.OtherAnswers?.RootElement.Clone(), r.EnteredBy, r.SupersededBy, r.Flags,
    };

    public static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
