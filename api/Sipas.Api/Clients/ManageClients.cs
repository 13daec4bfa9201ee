using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Auth;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Clients;

public record ClientRequest(
    [property: StringLength(40, ErrorMessage = Messages.MaxLength)] string? Code,
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string Name,
    IReadOnlyList<string>? AgencyCodes,
    [property: StringLength(500, ErrorMessage = Messages.MaxLength)] string? WebhookUrl);

public record ClientRow(string Code, string Name, string KeyPrefix, IReadOnlyList<string> AgencyCodes, string? WebhookUrl,
    DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? RevokedAt);

/// <summary>Shown once, when the client is registered: the API key and the webhook secret (never shown again).</summary>
public record ClientCredentials(ClientRow Client, string ApiKey, string? WebhookSecret);

public record DeliveryRow(long Id, int SnapshotId, string Event, string Url, string Status, int Attempts, int? LastStatusCode,
    string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>
/// Machine clients (the province's TTHC handling system, a portal): registered by an admin, each with an API key
/// (shown once, stored as SHA-256, revocable) scoped to agencies, and optionally a webhook for published snapshots.
/// </summary>
public static partial class ManageClients
{
    private const string KeyAlphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    public static void MapClients(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/clients").WithTags("Machine clients").RequireAuthorization(Policies.Admin).RequireCsrf();
        admin.MapGet("/", List).WithSummary("Registered client systems (never their keys)");
        admin.MapPost("/", Create).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Register a client system: its API key and webhook secret are in the answer, shown once");
        admin.MapPut("/{code}", Update).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Change a client's name, agencies or webhook address");
        admin.MapPost("/{code}/revoke", Revoke).WithSummary("Revoke a client's key: its requests are refused from now on");
        admin.MapGet("/{code}/deliveries", Deliveries).WithSummary("The client's webhook deliveries, newest first");
    }

    public static async Task<List<ClientRow>> List(SipasDb db, CancellationToken ct)
    {
        var clients = await db.ClientSystems.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var codes = await AgencyCodes(db, clients.SelectMany(c => c.AgencyIds), ct);
        return clients.Select(c => Row(c, codes)).ToList();
    }

    public static async Task<Results<Created<ClientCredentials>, ValidationProblem, ProblemHttpResult>> Create(ClientRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = body.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
            errors["code"] = ["Mã gồm chữ thường, chữ số, dấu gạch nối (ví dụ mot-cua-nghe-an) / Lower-case letters, digits and hyphens"];
        var (agencyIds, url) = await CheckAsync(body, db, errors, ct);
        if (errors.Count > 0) return Invalid(errors);
        if (await db.ClientSystems.AnyAsync(c => c.Code == code, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Mã {code} đã được dùng / The code {code} is taken");

        var prefix = RandomNumberGenerator.GetString(KeyAlphabet, 10);
        var key = $"sipas_{prefix}_{RandomNumberGenerator.GetString(KeyAlphabet, 40)}";
        var client = new ClientSystem
        {
            Code = code, Name = body.Name.Trim().Normalize(NormalizationForm.FormC), KeyPrefix = prefix, KeyHash = Hash(key),
            AgencyIds = agencyIds, WebhookUrl = url, WebhookSecret = url is null ? null : "whsec_" + RandomNumberGenerator.GetString(KeyAlphabet, 40),
            CreatedAt = clock.GetUtcNow(), CreatedBy = user.Identity?.Name,
        };
        db.ClientSystems.Add(client);
        var codes = await AgencyCodes(db, agencyIds, ct);
        AdminAudit.Record(db, AuditEntry.Entities.ClientSystem, code, "create", user, client.CreatedAt, null, Row(client, codes));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/clients/{code}", new ClientCredentials(Row(client, codes), key, client.WebhookSecret));
    }

    public static async Task<Results<Ok<ClientRow>, ValidationProblem, ProblemHttpResult, NotFound>> Update(string code, ClientRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var client = await db.ClientSystems.SingleOrDefaultAsync(c => c.Code == code, ct);
        if (client is null) return TypedResults.NotFound();
        if (client.RevokedAt is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Khóa của {code} đã bị thu hồi / {code}'s key is revoked");
        var errors = new Dictionary<string, string[]>();
        var (agencyIds, url) = await CheckAsync(body, db, errors, ct);
        if (errors.Count > 0) return Invalid(errors);
        var before = Row(client, await AgencyCodes(db, client.AgencyIds, ct));
        client.Name = body.Name.Trim().Normalize(NormalizationForm.FormC);
        client.AgencyIds = agencyIds;
        if (url is not null && client.WebhookSecret is null)
            client.WebhookSecret = "whsec_" + RandomNumberGenerator.GetString(KeyAlphabet, 40);
        client.WebhookUrl = url;
        var after = Row(client, await AgencyCodes(db, agencyIds, ct));
        AdminAudit.Record(db, AuditEntry.Entities.ClientSystem, code, "update", user, clock.GetUtcNow(), before, after);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(after);
    }

    public static async Task<Results<Ok<ClientRow>, NotFound>> Revoke(string code, ClaimsPrincipal user, SipasDb db, TimeProvider clock,
        CancellationToken ct)
    {
        var client = await db.ClientSystems.SingleOrDefaultAsync(c => c.Code == code, ct);
        if (client is null) return TypedResults.NotFound();
        if (client.RevokedAt is null)
        {
            client.RevokedAt = clock.GetUtcNow();
            AdminAudit.Record(db, AuditEntry.Entities.ClientSystem, code, "revoke", user, client.RevokedAt.Value, null, null);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(Row(client, await AgencyCodes(db, client.AgencyIds, ct)));
    }

    public static async Task<Results<Ok<List<DeliveryRow>>, NotFound>> Deliveries(string code, SipasDb db, CancellationToken ct)
    {
        var client = await db.ClientSystems.AsNoTracking().SingleOrDefaultAsync(c => c.Code == code, ct);
        if (client is null) return TypedResults.NotFound();
        return TypedResults.Ok(await db.WebhookDeliveries.AsNoTracking().Where(d => d.ClientId == client.Id)
            .OrderByDescending(d => d.Id).Take(100)
            .Select(d => new DeliveryRow(d.Id, d.SnapshotId, d.Event, d.Url, d.Status.ToString().ToLowerInvariant(), d.Attempts,
                d.LastStatusCode, d.LastError, d.CreatedAt, d.LastAttemptAt, d.DeliveredAt))
            .ToListAsync(ct));
    }

    /// <summary>The client a key belongs to when it is well-formed, known, matches and is not revoked; otherwise null.</summary>
    public const string KeyHeader = "X-Api-Key";

    /// <summary>The client system whose key the request carries (header <c>X-Api-Key</c>, or <c>Authorization: Bearer</c>).</summary>
    public static Task<ClientSystem?> AuthenticateAsync(HttpRequest request, SipasDb db, CancellationToken ct) => AuthenticateAsync(
        request.Headers[KeyHeader].FirstOrDefault()
        ?? (request.Headers.Authorization.FirstOrDefault() is { } auth && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..].Trim() : null),
        db, ct);

    /// <summary>401 for a missing, wrong or revoked key; nothing stored.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult InvalidKey() => Setup.Problems.Coded(StatusCodes.Status401Unauthorized, "invalid-key",
        "Khóa API thiếu, sai hoặc đã bị thu hồi / The API key is missing, wrong or revoked",
        $"Gửi khóa do quản trị viên cấp trong tiêu đề {KeyHeader}; không có gì được lưu. / Send the key an admin issued in the {KeyHeader} header; nothing was stored.");

    public static async Task<ClientSystem?> AuthenticateAsync(string? key, SipasDb db, CancellationToken ct)
    {
        if (key is null || key.Length > 100) return null;
        var parts = key.Split('_');
        if (parts is not ["sipas", { Length: 10 } prefix, { Length: 40 }]) return null;
        var client = await db.ClientSystems.AsNoTracking().SingleOrDefaultAsync(c => c.KeyPrefix == prefix, ct);
        if (client is null || !CryptographicOperations.FixedTimeEquals(client.KeyHash, Hash(key))) return null;
        return client.RevokedAt is null ? client : null;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static async Task<(int[] AgencyIds, string? Url)> CheckAsync(ClientRequest body, SipasDb db, Dictionary<string, string[]> errors,
        CancellationToken ct)
    {
        var codes = (body.AgencyCodes ?? []).Distinct().ToArray();
        var agencies = await db.Agencies.Where(a => codes.Contains(a.Code)).Select(a => new { a.Id, a.Code }).ToListAsync(ct);
        if (codes.Length == 0) errors["agencyCodes"] = ["Cần ít nhất một cơ quan / At least one agency is required"];
        else if (codes.Except(agencies.Select(a => a.Code)).ToList() is { Count: > 0 } bad)
            errors["agencyCodes"] = [$"Không có cơ quan: {string.Join(", ", bad)} / No such agency: {string.Join(", ", bad)}"];
        string? url = string.IsNullOrWhiteSpace(body.WebhookUrl) ? null : body.WebhookUrl.Trim();
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            errors["webhookUrl"] = ["Địa chỉ webhook phải là một URL http(s) đầy đủ / The webhook address must be an absolute http(s) URL"];
        return ([.. agencies.Select(a => a.Id).Order()], url);
    }

    private static async Task<Dictionary<int, string>> AgencyCodes(SipasDb db, IEnumerable<int> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToArray();
        return await db.Agencies.AsNoTracking().Where(a => list.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors,
        title: "Hệ thống kết nối không hợp lệ / The client system is not valid", detail: "Không có gì được lưu. / Nothing was stored.");

    private static ClientRow Row(ClientSystem c, Dictionary<int, string> codes) => new(c.Code, c.Name, c.KeyPrefix,
        c.AgencyIds.Select(id => codes.GetValueOrDefault(id, id.ToString())).Order().ToList(), c.WebhookUrl, c.CreatedAt, c.CreatedBy, c.RevokedAt);
}
