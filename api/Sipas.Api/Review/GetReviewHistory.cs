using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Review;

public record ReviewHistory(Guid Response, string? InForce, IReadOnlyList<FlagView> Flags, IReadOnlyList<DecisionView> Decisions);

public static class GetReviewHistory
{
    /// <summary>Every decision on a response, newest first; the one in force is the one not superseded.</summary>
    public static async Task<Results<Ok<ReviewHistory>, NotFound>> Handle(string id, SipasDb db, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var responseId)) return TypedResults.NotFound();
        var response = await db.Responses.AsNoTracking().Where(r => r.Id == responseId)
            .Select(r => new { r.Review, r.Flags }).SingleOrDefaultAsync(ct);
        if (response is null) return TypedResults.NotFound();
        var decisions = await db.ResponseReviews.AsNoTracking().Where(r => r.ResponseId == responseId)
            .OrderByDescending(r => r.DecidedAt).ThenByDescending(r => r.Id).ToListAsync(ct);
        return TypedResults.Ok(new ReviewHistory(responseId, response.Review, [.. response.Flags.Select(ListFlaggedResponses.Flag)],
            [.. decisions.Select(ListFlaggedResponses.View)]));
    }
}
