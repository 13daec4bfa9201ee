using Sipas.Api.Auth;

namespace Sipas.Api.Interviews;

/// <summary>Interviews recorded offline on surveyors' devices and synced when online.</summary>
public static class InterviewsApi
{
    public static void MapInterviews(this IEndpointRouteBuilder routes)
    {
        var surveyors = routes.MapGroup("/api/surveyors").WithTags("Interviews")
            .RequireAuthorization(Policies.Surveyor).RequireCsrf();
        surveyors.MapPost("/interviews", RecordInterview.Handle).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Record an interview attempt (idempotent on clientId): a completed one becomes an interview response")
            .Accepts<RecordInterviewBody>("application/json");
    }
}
