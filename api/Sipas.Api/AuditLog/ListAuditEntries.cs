using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Auth;
using Sipas.Data;

namespace Sipas.Api.AuditLog;

public record AuditRow(long Id, DateTimeOffset At, string? UserName, string Entity, string EntityId, string Action,
    JsonElement? Before, JsonElement? After);

public record AuditPage(IReadOnlyList<AuditRow> Entries, long? NextBefore);

/// <summary>Who did what, newest first, from <c>sipas.audit_entries</c> (admin actions, keyings, imports, ratings).</summary>
public static class ListAuditEntries
{
    public const int PageSize = 100;

    public static void MapAuditLog(this IEndpointRouteBuilder routes) =>
        routes.MapGroup("/api/admin/audit").WithTags("Audit").RequireAuthorization(Policies.Admin)
            .MapGet("/", Handle)
            .WithSummary("Audit entries, newest first, filtered by entity, entity id, user or action; page with before=<id>");

    public static async Task<AuditPage> Handle(SipasDb db, string? entity, string? entityId, string? user, string? action, long? before,
        CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entity)) query = query.Where(a => a.Entity == entity);
        if (!string.IsNullOrWhiteSpace(entityId)) query = query.Where(a => a.EntityId == entityId);
        if (!string.IsNullOrWhiteSpace(user)) query = query.Where(a => a.UserName == user);
        if (!string.IsNullOrWhiteSpace(action)) query = query.Where(a => a.Action == action);
        if (before is not null) query = query.Where(a => a.Id < before);
        var rows = await query.OrderByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        var page = rows.Take(PageSize).Select(a => new AuditRow(a.Id, a.At, a.UserName, a.Entity, a.EntityId, a.Action,
            a.Before?.RootElement.Clone(), a.After?.RootElement.Clone())).ToList();
        return new AuditPage(page, rows.Count > PageSize ? page[^1].Id : null);
    }
}
