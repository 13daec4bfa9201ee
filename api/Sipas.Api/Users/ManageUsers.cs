using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Auth;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Users;

public record CreateUserRequest(
    [property: Required(ErrorMessage = Messages.Required), StringLength(64, ErrorMessage = Messages.MaxLength)] string UserName,
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string DisplayName,
    IReadOnlyList<string>? Roles);

public record UpdateUserRequest(
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string DisplayName,
    IReadOnlyList<string>? Roles);

public record UserRow(string UserName, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt,
    DateTimeOffset? DisabledAt, bool MustChangePassword, DateTimeOffset? LockedUntil);

/// <summary>What an admin is shown once: the account and its one-time password (never stored in clear, never shown again).</summary>
public record OneTimePassword(UserRow User, string Password);

/// <summary>
/// Staff accounts: admins create them (admin, analyst, supervisor, surveyor), change their roles, disable and
/// enable them, and reset their passwords. A new account and a reset get a one-time password that must be
/// changed at the next sign-in; disabling or resetting ends the account's other sessions (security stamp).
/// </summary>
public static class ManageUsers
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static void MapUsers(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/users").WithTags("Users").RequireAuthorization(Policies.Admin).RequireCsrf();
        admin.MapGet("/", List).WithSummary("Every staff account with its roles and state");
        admin.MapPost("/", Create).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Create an account; its one-time password is in the answer, shown once");
        admin.MapPut("/{userName}", Update).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Change an account's display name and roles");
        admin.MapPost("/{userName}/disable", Disable).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Disable an account: it cannot sign in and its sessions end");
        admin.MapPost("/{userName}/enable", Enable).WithSummary("Enable a disabled account");
        admin.MapPost("/{userName}/reset-password", ResetPassword).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Reset a password: a one-time password (shown once) that must be changed at the next sign-in");
    }

    public static async Task<List<UserRow>> List(SipasDb db, CancellationToken ct)
    {
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name!);
        return (await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
            .Select(u => Row(u, [.. byUser[u.Id].Order()])).ToList();
    }

    public static async Task<Results<Created<OneTimePassword>, ValidationProblem, ProblemHttpResult>> Create(CreateUserRequest body,
        ClaimsPrincipal admin, UserManager<SipasUser> users, SipasDb db, TimeProvider clock)
    {
        var errors = new Dictionary<string, string[]>();
        var userName = body.UserName.Trim();
        if (userName.Length < 3 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            errors["userName"] = ["Tên đăng nhập gồm 3-64 chữ cái không dấu, chữ số, . - _ / 3-64 ASCII letters, digits, . - _"];
        var roles = CheckRoles(body.Roles, errors);
        if (errors.Count > 0) return Invalid(errors);
        if (await users.FindByNameAsync(userName) is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Tên đăng nhập {userName} đã được dùng / The user name {userName} is taken");

        var password = NewPassword();
        var user = new SipasUser
        {
            UserName = userName, DisplayName = Nfc(body.DisplayName), CreatedAt = clock.GetUtcNow(), MustChangePassword = true,
        };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded) return Invalid(new() { ["userName"] = [.. created.Errors.Select(e => e.Description)] });
        foreach (var role in roles) await users.AddToRoleAsync(user, role);
        AdminAudit.Record(db, AuditEntry.Entities.User, userName, "create", admin, user.CreatedAt, null, State(user, roles));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return TypedResults.Created($"/api/admin/users/{userName}", new OneTimePassword(Row(user, roles), password));
    }

    public static async Task<Results<Ok<UserRow>, ValidationProblem, ProblemHttpResult, NotFound>> Update(string userName,
        UpdateUserRequest body, ClaimsPrincipal admin, UserManager<SipasUser> users, SipasDb db, TimeProvider clock)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        var roles = CheckRoles(body.Roles, errors);
        if (errors.Count > 0) return Invalid(errors);
        if (IsSelf(admin, user) && !roles.Contains(Roles.Admin))
            return Self("Không thể tự bỏ vai trò quản trị của mình / You cannot remove your own admin role");
        var current = (await users.GetRolesAsync(user)).Order().ToList();
        var before = State(user, current);
        user.DisplayName = Nfc(body.DisplayName);
        await users.RemoveFromRolesAsync(user, current.Except(roles));
        await users.AddToRolesAsync(user, roles.Except(current));
        if (!current.SequenceEqual(roles)) await users.UpdateSecurityStampAsync(user);
        else await users.UpdateAsync(user);
        AdminAudit.Record(db, AuditEntry.Entities.User, user.UserName!, "update", admin, clock.GetUtcNow(), before, State(user, roles));
        await db.SaveChangesAsync();
        return TypedResults.Ok(Row(user, roles));
    }

    public static async Task<Results<Ok<UserRow>, ProblemHttpResult, NotFound>> Disable(string userName, ClaimsPrincipal admin,
        UserManager<SipasUser> users, SipasDb db, TimeProvider clock)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return TypedResults.NotFound();
        if (IsSelf(admin, user)) return Self("Không thể tự vô hiệu hóa tài khoản của mình / You cannot disable your own account");
        if (user.DisabledAt is null)
        {
            user.DisabledAt = clock.GetUtcNow();
            await users.UpdateSecurityStampAsync(user);
            AdminAudit.Record(db, AuditEntry.Entities.User, user.UserName!, "disable", admin, user.DisabledAt.Value, null, null);
            await db.SaveChangesAsync();
        }
        return TypedResults.Ok(Row(user, [.. (await users.GetRolesAsync(user)).Order()]));
    }

    public static async Task<Results<Ok<UserRow>, NotFound>> Enable(string userName, ClaimsPrincipal admin,
        UserManager<SipasUser> users, SipasDb db, TimeProvider clock)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return TypedResults.NotFound();
        if (user.DisabledAt is not null)
        {
            user.DisabledAt = null;
            await users.UpdateAsync(user);
            AdminAudit.Record(db, AuditEntry.Entities.User, user.UserName!, "enable", admin, clock.GetUtcNow(), null, null);
            await db.SaveChangesAsync();
        }
        return TypedResults.Ok(Row(user, [.. (await users.GetRolesAsync(user)).Order()]));
    }

    public static async Task<Results<Ok<OneTimePassword>, ProblemHttpResult, NotFound>> ResetPassword(string userName,
        ClaimsPrincipal admin, UserManager<SipasUser> users, SipasDb db, TimeProvider clock)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null) return TypedResults.NotFound();
        if (IsSelf(admin, user)) return Self("Hãy tự đổi mật khẩu của mình / Change your own password yourself");
        var password = NewPassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded) throw new InvalidOperationException(string.Join("; ", reset.Errors.Select(e => e.Description)));
        user.MustChangePassword = true;
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await users.UpdateAsync(user);
        AdminAudit.Record(db, AuditEntry.Entities.User, user.UserName!, "reset-password", admin, clock.GetUtcNow(), null, null);
        await db.SaveChangesAsync();
        return TypedResults.Ok(new OneTimePassword(Row(user, [.. (await users.GetRolesAsync(user)).Order()]), password));
    }

    private static List<string> CheckRoles(IReadOnlyList<string>? given, Dictionary<string, string[]> errors)
    {
        var roles = (given ?? []).Select(r => r.Trim().ToLowerInvariant()).Distinct().Order().ToList();
        if (roles.Count == 0) errors["roles"] = ["Cần ít nhất một vai trò / At least one role is required"];
        else if (roles.Except(Roles.All).ToList() is { Count: > 0 } bad)
            errors["roles"] = [$"Vai trò không có: {string.Join(", ", bad)} (có: {string.Join(", ", Roles.All)}) / Unknown role(s)"];
        return roles;
    }

    private static bool IsSelf(ClaimsPrincipal admin, SipasUser user) => admin.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id.ToString();

    private static ProblemHttpResult Self(string title) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title,
        extensions: new Dictionary<string, object?> { ["code"] = "own-account" });

    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, 16);

    private static string Nfc(string text) => text.Trim().Normalize(NormalizationForm.FormC);

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors,
        title: "Tài khoản không hợp lệ / The account is not valid", detail: "Không có gì được lưu. / Nothing was stored.");

    private static UserRow Row(SipasUser u, IReadOnlyList<string> roles) => new(u.UserName!, u.DisplayName, roles, u.CreatedAt,
        u.DisabledAt, u.MustChangePassword, u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow ? end : null);

    private static object State(SipasUser u, IReadOnlyList<string> roles) => new { u.UserName, u.DisplayName, Roles = roles, u.DisabledAt };
}
