using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Auth;

public record SignInRequest([property: Required(ErrorMessage = Messages.Required), StringLength(256, ErrorMessage = Messages.MaxLength)] string UserName, [property: Required(ErrorMessage = Messages.Required), StringLength(256, ErrorMessage = Messages.MaxLength)] string Password);

public record StaffProfile(string UserName, string DisplayName, IReadOnlyList<string> Roles);

public record CsrfToken(string Token);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Auth");
        group.MapGet("/csrf", Csrf).WithSummary("Antiforgery token for unsafe staff requests").AllowAnonymous();
        group.MapPost("/sign-in", SignIn).WithSummary("Staff sign-in (cookie)").AllowAnonymous().RequireCsrf()
            .RequireRateLimiting(RateLimits.SignIn);
        group.MapPost("/sign-out", SignOut).WithSummary("Staff sign-out").RequireAuthorization(Policies.Staff).RequireCsrf();
        group.MapGet("/me", Me).WithSummary("The signed-in staff member").RequireAuthorization(Policies.Staff);
        return group;
    }

    private static CsrfToken Csrf(HttpContext http, IAntiforgery antiforgery) =>
        new(antiforgery.GetAndStoreTokens(http).RequestToken!);

    private static async Task<Results<Ok<StaffProfile>, ProblemHttpResult>> SignIn(
        SignInRequest request, SignInManager<SipasUser> signIn, UserManager<SipasUser> users, TimeProvider clock)
    {
        var user = await users.FindByNameAsync(request.UserName.Trim());
        if (user is null)
            return Unauthorized();
        if (user.DisabledAt is not null)
            return !await users.CheckPasswordAsync(user, request.Password) ? Unauthorized() : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                title: "Tài khoản đã bị vô hiệu hóa / The account is disabled");

        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            var until = user.LockoutEnd ?? clock.GetUtcNow();
            return TypedResults.Problem(statusCode: StatusCodes.Status423Locked,
                title: "Tài khoản tạm khóa / Account locked",
                detail: $"Đăng nhập sai quá nhiều lần; thử lại sau {VietnameseFormat.Time(until)}. / " +
                        $"Too many failed attempts; try again after {until:yyyy-MM-dd HH:mm} UTC.");
        }
        if (!result.Succeeded)
            return Unauthorized();
        return TypedResults.Ok(new StaffProfile(user.UserName!, user.DisplayName, [.. await users.GetRolesAsync(user)]));
    }

    private static ProblemHttpResult Unauthorized() => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
        title: "Sai tên đăng nhập hoặc mật khẩu / Wrong user name or password");

    private static async Task<NoContent> SignOut(SignInManager<SipasUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<StaffProfile>, UnauthorizedHttpResult>> Me(ClaimsPrincipal principal, UserManager<SipasUser> users)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.DisabledAt is not null) return TypedResults.Unauthorized();
        return TypedResults.Ok(new StaffProfile(user.UserName!, user.DisplayName, [.. await users.GetRolesAsync(user)]));
    }
}
