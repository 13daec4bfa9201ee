using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Threading.RateLimiting;

namespace Sipas.Api.Setup;

/// <summary>
/// In-process rate limits: the first, cheap line in front of each process (a flood is cut before its body is read).
/// The limits that must hold across API replicas (per service point, per address, per device and day) are counted
/// in PostgreSQL by <see cref="Intake.IntakeLimits"/>. Public requests are partitioned by client address only: a
/// header the client chooses (a device token, a code spelled another way) never opens a fresh bucket.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PublicRead = "public-read";

    public static IServiceCollection AddSipasRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("Sipas:RateLimits:SignInPerMinute", 10);
        var submitsPerAddress = configuration.GetValue("Sipas:RateLimits:SubmitsPerAddressPerMinute", 300);
        var readsPerClient = configuration.GetValue("Sipas:RateLimits:PublicReadsPerMinute", 300);
        services.TryAddSingleton<Intake.InstallationKeys>();
        services.AddSingleton<RateCounters>();   // limits shared by every replica (sign-in; see RateCounters)
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
                        Extensions = { ["code"] = "too-many" },
                    },
                });
            };
            // Sign-in requests per client address and process: a flood guard only. The limits that protect accounts are
            // shared by every replica and count failures (Auth/SignInThrottle.cs).
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                $"{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(PublicRead, http => RateLimitPartition.GetTokenBucketLimiter(Address(http), _ => Bucket(readsPerClient)));
            // Submissions (any spelling of any code, known or not): one bucket per client address.
            // A limit of 0 is no limit (benchmarks measure the door without this process's flood guard).
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => submitsPerAddress > 0 && IsSubmission(http)
                ? RateLimitPartition.GetTokenBucketLimiter(Address(http), _ => Bucket(submitsPerAddress))
                : RateLimitPartition.GetNoLimiter(""));
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute, TokensPerPeriod = Math.Max(1, perMinute / 6), ReplenishmentPeriod = TimeSpan.FromSeconds(10),
        QueueLimit = 0, AutoReplenishment = true,
    };

    private static string Address(HttpContext http) => $"ip:{http.Connection.RemoteIpAddress}";

    /// <summary>A citizen's submission (<c>POST /api/public/…/responses</c>, a service point's or an invitation's).</summary>
    private static bool IsSubmission(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/api/public", StringComparison.OrdinalIgnoreCase)
        && http.Request.Path.Value!.TrimEnd('/').EndsWith("/responses", StringComparison.OrdinalIgnoreCase);
}
