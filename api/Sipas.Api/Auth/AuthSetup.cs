using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Sipas.Data;

namespace Sipas.Api.Auth;

/// <summary>Names of the authorization policies; every staff endpoint group requires one of them.</summary>
public static class Policies
{
    public const string Admin = "admin", Analyst = "analyst", Supervisor = "supervisor", Surveyor = "surveyor", Staff = "staff";
    /// <summary>Any staff account, even one that must change its password first (sign-out, me, change-password).</summary>
    public const string SignedIn = "signed-in";
    /// <summary>The claim a session carries while its account must change a one-time password.</summary>
    public const string MustChangePasswordClaim = "sipas:must-change-password";
}

/// <summary>Adds <see cref="Policies.MustChangePasswordClaim"/> to the session of an account with a one-time password.</summary>
public sealed class SipasClaimsFactory(UserManager<SipasUser> users, RoleManager<IdentityRole<Guid>> roles,
    Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<SipasUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<System.Security.Claims.ClaimsIdentity> GenerateClaimsAsync(SipasUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword) identity.AddClaim(new(Policies.MustChangePasswordClaim, "true"));
        return identity;
    }
}

public static class AuthSetup
{
    public static IServiceCollection AddSipasAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentityCore<SipasUser>(o =>
            {
                // Length over composition rules (NIST SP 800-63B).
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                // No Identity lockout: anyone could keep an account locked by failing on purpose. Failures are
                // throttled per account and address in PostgreSQL instead (SignInThrottle, Sipas:SignIn).
                o.Lockout.AllowedForNewUsers = false;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddClaimsPrincipalFactory<SipasClaimsFactory>()
            .AddEntityFrameworkStores<SipasDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.Configure<SignInLimits>(configuration.GetSection("Sipas:SignIn"));
        services.AddSingleton<SignInThrottle>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "sipas.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = configuration.GetValue("Sipas:SessionLifetime", TimeSpan.FromHours(8));
            o.SlidingExpiration = true;
            // An API answers 401/403 with ProblemDetails instead of redirecting to a sign-in page.
            o.Events.OnRedirectToLogin = context => Problem(context.HttpContext, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => Problem(context.HttpContext, StatusCodes.Status403Forbidden);
        });
        // A disabled account or a reset password changes the security stamp: other sessions end within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        // Every role policy also needs a password the account chose itself (not a one-time password from an admin).
        static void Chosen(Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder p) =>
            p.RequireAssertion(c => !c.User.HasClaim(Policies.MustChangePasswordClaim, "true"));
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => { p.RequireRole(Roles.Admin); Chosen(p); })
            .AddPolicy(Policies.Analyst, p => { p.RequireRole(Roles.Admin, Roles.Analyst); Chosen(p); })
            .AddPolicy(Policies.Supervisor, p => { p.RequireRole(Roles.Admin, Roles.Supervisor); Chosen(p); })
            .AddPolicy(Policies.Surveyor, p => { p.RequireRole(Roles.Admin, Roles.Surveyor); Chosen(p); })
            .AddPolicy(Policies.Staff, p => { p.RequireRole(Roles.All.ToArray()); Chosen(p); })
            .AddPolicy(Policies.SignedIn, p => p.RequireRole(Roles.All.ToArray()));

        // Keys in the database: a cookie or token issued by one API replica is valid on every other.
        services.AddDataProtection().SetApplicationName("sipas").PersistKeysToDbContext<SipasDb>();

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CsrfFilter.HeaderName;
            o.Cookie.Name = "sipas.csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    private static Task Problem(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        var mustChange = status == StatusCodes.Status403Forbidden && context.User.HasClaim(Policies.MustChangePasswordClaim, "true");
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = status,
            Title = status == 401 ? "Cần đăng nhập / Sign-in required"
                : mustChange ? "Cần đổi mật khẩu một lần trước / Change your one-time password first"
                : "Không có quyền / Forbidden",
        };
        if (mustChange) problem.Extensions["code"] = "password-change-required";
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }
}

/// <summary>
/// Cookie-authenticated JSON endpoints check the antiforgery token (header <c>X-CSRF-TOKEN</c>) on unsafe
/// methods; ASP.NET Core does that by itself only for form posts. Endpoints ask for it with
/// <see cref="CsrfExtensions.RequireCsrf{TBuilder}"/> (metadata); <see cref="UseSipasCsrf"/> checks it after
/// authorization and before anything of the endpoint runs (binding, validation, handler), so a request without the
/// token learns nothing but that.
/// </summary>
public static class CsrfFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public static IApplicationBuilder UseSipasCsrf(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<RequiresCsrf>() is null
            || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            || HttpMethods.IsOptions(http.Request.Method) || HttpMethods.IsTrace(http.Request.Method)
            || await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Thiếu hoặc sai mã chống giả mạo / Missing or invalid antiforgery token",
                Detail = $"Gửi mã từ GET /api/auth/csrf trong tiêu đề {HeaderName}. / Send the token from GET /api/auth/csrf in the {HeaderName} header.",
            },
        });
    });
}

/// <summary>Endpoint metadata: unsafe requests need the antiforgery header.</summary>
public sealed class RequiresCsrf
{
    public static readonly RequiresCsrf Instance = new();
}

public static class CsrfExtensions
{
    public static TBuilder RequireCsrf<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(RequiresCsrf.Instance);
}
