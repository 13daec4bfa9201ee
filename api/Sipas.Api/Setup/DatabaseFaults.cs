using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Sipas.Api.Setup;

/// <summary>
/// When PostgreSQL is unreachable (restarting, failing over, a network cut) every endpoint answers 503 with
/// <c>Retry-After</c> and a ProblemDetails at once, instead of a 500: clients keep what they have and retry
/// (the citizen page's outbox does so with the same response id). Connections are not waited for longer than
/// <c>Sipas:Database:ConnectTimeoutSeconds</c> (5 s).
/// </summary>
public sealed class DatabaseFaults(IProblemDetailsService problems, ILogger<DatabaseFaults> log) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!IsUnavailable(exception)) return false;
        log.LogWarning("The database is unavailable ({Reason}); answered 503", Reason(exception));
        http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        http.Response.Headers.RetryAfter = RetryAfterSeconds.ToString();
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Hệ thống tạm thời không truy cập được cơ sở dữ liệu, vui lòng thử lại sau ít phút / The database is briefly unavailable; please retry shortly",
                Extensions = { ["code"] = "storage-unavailable" },
            },
        });
    }

    /// <summary>A connection that could not be opened or was lost, or a timeout: not a fault of the request.</summary>
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is TimeoutException || e is NpgsqlException { IsTransient: true } || e is NpgsqlException and not PostgresException
                || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08000" or "08003" or "08006" or "53300" })
                return true;
        return false;
    }

    private static string Reason(Exception exception) =>
        exception is PostgresException p ? p.SqlState : exception.InnerException is { } inner ? inner.GetType().Name : exception.GetType().Name;
}

public static class DatabaseFaultsSetup
{
    public static IServiceCollection AddSipasDatabaseFaults(this IServiceCollection services) =>
        services.AddExceptionHandler<DatabaseFaults>();
}
