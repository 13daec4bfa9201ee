using Sipas.Api.Auth;

namespace Sipas.Api.Plans;

/// <summary>Fieldwork plans: population frames, sample sizes, surveyors' assignments and progress against quotas.</summary>
public static class PlansApi
{
    public static void MapPlans(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/supervisor").WithTags("Fieldwork").RequireAuthorization(Policies.Supervisor)
            .MapGet("/waves", ListFieldworkWaves.Handle).WithSummary("Open and closed waves, newest first");

        var supervisors = routes.MapGroup("/api/supervisor/waves/{wave}").WithTags("Fieldwork")
            .RequireAuthorization(Policies.Supervisor).RequireCsrf();
        supervisors.MapPut("/frame", ImportFrame.Handle).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Replace the wave's population frame from a frame CSV (wave,stratum,population); faults by line")
            .Accepts<string>("text/csv");
        supervisors.MapPost("/plan", PlanSampleSizes.Handle)
            .WithSummary("Set each stratum's quota: method.md §6 per stratum (default or slovin), or a province total allocated");
        supervisors.MapGet("/progress", GetProgress.Handle).WithSummary("Responses per stratum against its quota");
        supervisors.MapGet("/fieldwork", GetFieldworkProgress.Handle)
            .WithSummary("Progress per stratum, commune and surveyor with interview dispositions and response rates");
        supervisors.MapPost("/assignments", AssignSurveyor.Handle).WithSummary("Assign a surveyor to a stratum (and commune)");

        var surveyors = routes.MapGroup("/api/surveyors").WithTags("Fieldwork").RequireAuthorization(Policies.Surveyor);
        surveyors.MapGet("/assignments", ListMyAssignments.Handle).WithSummary("The signed-in surveyor's own assignments with progress");
    }
}
