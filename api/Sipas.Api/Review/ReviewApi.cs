using Sipas.Api.Auth;

namespace Sipas.Api.Review;

/// <summary>
/// Review of flagged responses (issue 14): supervisors see the flagged responses of a wave grouped by cause and by
/// service point or surveyor, read the responses of a group, and keep or exclude one response or a whole group with a
/// reason. A flag excludes nothing by itself; only the decision in force does, from the next snapshot on.
/// </summary>
public static class ReviewApi
{
    public static void MapReview(this IEndpointRouteBuilder routes)
    {
        var review = routes.MapGroup("/api/supervisor").WithTags("Review")
            .RequireAuthorization(Policies.Supervisor).RequireCsrf();
        review.MapGet("/waves/{wave}/review", ListFlaggedGroups.Handle)
            .WithSummary("Flagged responses of a wave by cause and by service point or surveyor, with undecided/kept/excluded counts");
        review.MapGet("/waves/{wave}/review/responses", ListFlaggedResponses.Handle)
            .WithSummary("The responses of one group (cause, place, day, hour, decision), paged, oldest first");
        review.MapPost("/waves/{wave}/review/decisions", DecideResponses.Handle)
            .WithSummary("Keep or exclude responses (listed, or a whole group) with a reason; supersedes earlier decisions")
            .Accepts<DecisionBody>("application/json");
        review.MapGet("/responses/{id}/reviews", GetReviewHistory.Handle)
            .WithSummary("Every decision on one response, newest first (the one in force is not superseded)");
    }
}
