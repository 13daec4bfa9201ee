using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Auth;

public record SignInRequest([property: Required(ErrorMessage = Messages.Required), StringLength(256, ErrorMessage = Messages.MaxLength)] string UserName, [property: Required(ErrorMessage = Messages.Required), StringLength(256, ErrorMessage = Messages.MaxLength)] string Password);

/// <param name="MustChangePassword">True after an admin created the account or reset its password: until the person
/// chooses a password (POST /api/auth/change-password), every other staff endpoint answers 403.</param>
public record StaffProfile(string UserName, string DisplayName, IReadOnlyList<string> Roles, bool MustChangePassword = false);

public record ChangePasswordRequest(
    [property: Required(ErrorMessage = Messages.Required), StringLength(256, ErrorMessage = Messages.MaxLength)] string CurrentPassword,
    [property: Required(ErrorMessage = Messages.Required), StringLength(256, ErrorMessage = Messages.MaxLength)] string NewPassword);

public record CsrfToken(string Token);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapGet("/csrf", Csrf).WithSummary("Antiforgery token for unsafe staff requests").AllowAnonymous();
        group.MapPost("/sign-in", SignIn).WithSummary("Staff sign-in (cookie)").AllowAnonymous().RequireCsrf()
            .RequireRateLimiting(RateLimits.SignIn)
            .Produces<StaffProfile>().ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/sign-out", SignOut).WithSummary("Staff sign-out").RequireAuthorization(Policies.SignedIn).RequireCsrf();
        group.MapGet("/me", Me).WithSummary("The signed-in staff member").RequireAuthorization(Policies.SignedIn);
        group.MapPost("/change-password", ChangePassword).WithSummary("Change one's own password (required after a one-time password)")
            .RequireAuthorization(Policies.SignedIn).RequireCsrf().RequireRateLimiting(RateLimits.SignIn);
        return group;
    }

    private static CsrfToken Csrf(HttpContext http, IAntiforgery antiforgery) =>
        new(antiforgery.GetAndStoreTokens(http).RequestToken!);

    /// <summary>
    /// Every failure answers the same (<see cref="SignInAnswers"/>): an unknown user name, a wrong password and a
    /// disabled account alike, after the same work (the password hasher runs for each), and count alike in the
    /// throttle; a disabled account never says whether its password was right. No lockout an outsider could use.
    /// </summary>
    private static async Task<IResult> SignIn(SignInRequest request, HttpContext http, SignInManager<SipasUser> signIn,
        UserManager<SipasUser> users, IPasswordHasher<SipasUser> hasher, SignInThrottle throttle, CancellationToken ct)
    {
        var attempt = throttle.For(request.UserName, http.Connection.RemoteIpAddress);
        if (await throttle.RetryAfterAsync(attempt, ct) is { } wait)
            return SignInAnswers.Throttled(wait);
        var user = await users.FindByNameAsync(request.UserName.Trim());
        // CheckPasswordAsync for a real account (it also upgrades old hashes); the same hasher over a dummy hash
        // otherwise, so an unknown name takes as long as a wrong password.
        bool right;
        if (user is null)
        {
            hasher.VerifyHashedPassword(SignInAnswers.Nobody, SignInAnswers.NobodysHash(hasher), request.Password);
            right = false;
        }
        else right = await users.CheckPasswordAsync(user, request.Password);
        if (!right || user is null || user.DisabledAt is not null)
        {
            await throttle.FailedAsync(attempt, ct);
            return SignInAnswers.Failed;
        }
        await throttle.SucceededAsync(attempt, ct);
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Ok(await Profile(user, users));
    }

    private static async Task<StaffProfile> Profile(SipasUser user, UserManager<SipasUser> users) =>
        new(user.UserName!, user.DisplayName, [.. await users.GetRolesAsync(user)], user.MustChangePassword);

    private static async Task<Results<Ok<StaffProfile>, ValidationProblem, UnauthorizedHttpResult>> ChangePassword(
        ChangePasswordRequest request, ClaimsPrincipal principal, UserManager<SipasUser> users, SignInManager<SipasUser> signIn,
        SipasDb db, TimeProvider clock)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.DisabledAt is not null) return TypedResults.Unauthorized();
        if (request.NewPassword == request.CurrentPassword)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["newPassword"] = ["Mật khẩu mới phải khác mật khẩu cũ / The new password must differ from the old one"],
            });
        var result = await users.ChangePasswordAsync(user, request.CurrentPassword, request.NewPassword);
        if (!result.Succeeded)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [result.Errors.Any(e => e.Code == "PasswordMismatch") ? "currentPassword" : "newPassword"] =
                    [.. result.Errors.Select(e => e.Code switch
                    {
                        "PasswordMismatch" => "Mật khẩu hiện tại không đúng / The current password is wrong",
                        "PasswordTooShort" => "Mật khẩu cần ít nhất 12 ký tự / A password needs at least 12 characters",
                        _ => e.Description,
                    })],
            }, title: "Chưa đổi được mật khẩu / The password was not changed");
        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        db.AuditEntries.Add(Surveyors.Audit.Entry(AuditEntry.Entities.User, user.UserName!, "change-password", principal,
            clock.GetUtcNow(), null, null));
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        return TypedResults.Ok(await Profile(user, users));
    }

    private static async Task<NoContent> SignOut(SignInManager<SipasUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<StaffProfile>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, UserManager<SipasUser> users)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.DisabledAt is not null) return TypedResults.Unauthorized();
        return TypedResults.Ok(await Profile(user, users));
    }
}
