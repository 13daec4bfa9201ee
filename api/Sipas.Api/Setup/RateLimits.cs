using System.Threading.RateLimiting;

namespace Sipas.Api.Setup;

/// <summary>Rate-limit policies. Limits are per account or per device where possible, not per IP alone:
/// a busy one-stop office puts many people behind one NAT address.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";

    public static IServiceCollection AddSipasRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("Sipas:RateLimits:SignInPerMinute", 10);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString();
                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new()
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Quá nhiều yêu cầu, vui lòng thử lại sau / Too many requests, please retry later",
                    },
                });
            };
            // Sign-in attempts per client address and user name; lockout (Identity) protects each account.
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                $"{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) }));
        });
        return services;
    }
}
