using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Results;

public static class PublishSnapshot
{
    public static async Task<Results<Ok<SnapshotSummary>, ProblemHttpResult, NotFound>> Handle(
        int id, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var snapshot = await db.Snapshots.Include(s => s.Wave).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (snapshot is null) return TypedResults.NotFound();
        if (snapshot.IsPublished)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Kết quả #{id} đã được công bố / Snapshot {id} is already published");
        if (snapshot.Status != SnapshotStatus.Completed)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Chỉ công bố được kết quả đã tính xong / Only a completed snapshot can be published");
        snapshot.PublishedAt = clock.GetUtcNow();
        snapshot.PublishedBy = user.Identity?.Name ?? "?";
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(SnapshotSummary.From(snapshot, snapshot.Wave!.Code));
    }
}
