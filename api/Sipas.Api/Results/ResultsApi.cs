using Sipas.Api.Auth;

namespace Sipas.Api.Results;

/// <summary>
/// The analysts' dashboard: waves and their snapshots, runs on demand, publishing, and figures read from stored
/// snapshot rows only (no statistic is computed from responses in a request).
/// </summary>
public static class ResultsApi
{
    /// <summary>The figures' cache (<see cref="ResultsCache"/>): one per process.</summary>
    public static IServiceCollection AddSipasResults(this IServiceCollection services) => services.AddSingleton<ResultsCache>();

    public static RouteGroupBuilder MapResults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/results").WithTags("Results").RequireAuthorization(Policies.Analyst);
        group.MapGet("/waves", ListWaves.Handle).WithSummary("Waves with their snapshots, newest first");
        group.MapPost("/waves/{wave}/snapshots", StartSnapshot.Handle).RequireCsrf()
            .WithSummary("Start a computation of the wave (official channels, or all channels); returns the snapshot to poll");
        group.MapGet("/runs", ListWaves.Runs).WithSummary("Run history: who started each snapshot, when, with which parameters, and how it ended");
        group.MapGet("/snapshots/{id:int}", ListWaves.Get).WithSummary("A snapshot: status, progress (0-100) and phase, parameters, what changed");
        group.MapPost("/snapshots/{id:int}/publish", PublishSnapshot.Handle).ProducesProblem(StatusCodes.Status409Conflict).RequireCsrf()
            .WithSummary("Publish a completed snapshot: it becomes immutable");
        group.MapGet("/snapshots/{id:int}/indicators", GetIndicators.Handle)
            .WithSummary("Indicator tiles: estimate, 95% interval, target and verdict (official channels), or one channel's estimates");
        group.MapGet("/snapshots/{id:int}/rows", GetRows.Handle)
            .WithSummary("Drill-down rows by group type, group (or parent), section and item, with n, interval and flags");
        group.MapGet("/snapshots/{id:int}/rankings", GetRankings.Handle)
            .WithSummary("League table of agencies (groupType=agency) or communes (unit) on one indicator: rank with its 95% rank interval (method.md §9)");
        group.MapGet("/snapshots/{id:int}/reports", ListReports.Handle)
            .WithSummary("The snapshot's reports as stored, whatever their kind: language, status, progress, size, download");
        group.MapGet("/snapshots/{id:int}/change", GetChange.Handle)
            .WithSummary("Change of each indicator since the previous wave's latest published (else latest) snapshot, with its z-test");
        return group;
    }
}
