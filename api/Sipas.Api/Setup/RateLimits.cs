using System.Threading.RateLimiting;

namespace Sipas.Api.Setup;

/// <summary>Rate-limit policies. Limits are per account or per device where possible, not per IP alone:
/// a busy one-stop office puts many people behind one NAT address.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string PublicRead = "public-read";
    public const string DeviceHeader = "X-Sipas-Device";

    public static IServiceCollection AddSipasRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var signInPerMinute = configuration.GetValue("Sipas:RateLimits:SignInPerMinute", 10);
        var perServicePoint = configuration.GetValue("Sipas:RateLimits:SubmitsPerServicePointPerMinute", 600);
        var perDevice = configuration.GetValue("Sipas:RateLimits:SubmitsPerDevicePerMinute", 20);
        var readsPerClient = configuration.GetValue("Sipas:RateLimits:PublicReadsPerMinute", 300);
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
                    },
                });
            };
            // Sign-in requests per client address and process: a flood guard only. The limits that protect accounts are
            // shared by every replica and count failures (Auth/SignInThrottle.cs).
            o.AddPolicy(SignIn, http => RateLimitPartition.GetFixedWindowLimiter(
                $"{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = signInPerMinute, Window = TimeSpan.FromMinutes(1) }));
            o.AddPolicy(PublicRead, http => RateLimitPartition.GetTokenBucketLimiter(Device(http),
                _ => Bucket(readsPerClient)));
            // Submissions: one bucket per service point and one per device, both must have room.
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => SubmitServicePoint(http) is { } code
                    ? RateLimitPartition.GetTokenBucketLimiter($"sp:{code}", _ => Bucket(perServicePoint))
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => SubmitServicePoint(http) is not null
                    ? RateLimitPartition.GetTokenBucketLimiter(Device(http), _ => Bucket(perDevice))
                    : RateLimitPartition.GetNoLimiter("")));
        });
        return services;
    }

    private static TokenBucketRateLimiterOptions Bucket(int perMinute) => new()
    {
        TokenLimit = perMinute, TokensPerPeriod = Math.Max(1, perMinute / 6), ReplenishmentPeriod = TimeSpan.FromSeconds(10),
        QueueLimit = 0, AutoReplenishment = true,
    };

    /// <summary>
    /// The device token the citizen page keeps (<c>X-Sipas-Device</c>); without one, the client address. The
    /// token is only a partition key, never stored.
    /// </summary>
    private static string Device(HttpContext http) =>
        http.Request.Headers[DeviceHeader].ToString() is { Length: > 0 and <= 100 } token
            ? $"device:{token}"
            : $"ip:{http.Connection.RemoteIpAddress}";

    /// <summary>The service point code of a submission (<c>POST /api/public/service-points/{code}/responses</c>), else null.</summary>
    private static string? SubmitServicePoint(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method)) return null;
        var path = http.Request.Path.Value;
        const string prefix = "/api/public/service-points/", suffix = "/responses";
        if (path is null || !path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !path.TrimEnd('/').EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return null;
        var code = path.TrimEnd('/')[prefix.Length..^suffix.Length];
        return code.Length is > 0 and <= 40 && !code.Contains('/') ? code.ToUpperInvariant() : null;
    }
}
