using System.Security.Claims;
using Sipas.Api.Surveyors;
using Sipas.Data;

namespace Sipas.Api;

/// <summary>Every admin change goes to <c>sipas.audit_entries</c>, in the same unit of work as the change itself.</summary>
public static class AdminAudit
{
    public static void Record(SipasDb db, string entity, string id, string action, ClaimsPrincipal user, DateTimeOffset at,
        object? before, object? after) =>
        db.AuditEntries.Add(Audit.Entry(entity, id, action, user, at, before, after));
}
