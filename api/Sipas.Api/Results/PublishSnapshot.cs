using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Jobs;

namespace Sipas.Api.Results;

public static class PublishSnapshot
{
    public static async Task<Results<Ok<SnapshotSummary>, ProblemHttpResult, NotFound>> Handle(
        int id, ClaimsPrincipal user, SipasDb db, WebhookRequests webhooks, TimeProvider clock, CancellationToken ct)
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
        // The webhook messages are written with the publication and sent by jobs afterwards: the portal's answer
        // (or silence) never holds up this request.
        var deliveries = await webhooks.AddSnapshotPublished(snapshot, snapshot.Wave!.Code, ct);
        db.AuditEntries.Add(Surveyors.Audit.Entry(AuditEntry.Entities.Snapshot, id.ToString(), "publish", user, snapshot.PublishedAt.Value, null,
            new { Wave = snapshot.Wave.Code, Webhooks = deliveries.Count }));
        await db.SaveChangesAsync(ct);
        webhooks.Enqueue(deliveries);
        return TypedResults.Ok(SnapshotSummary.From(snapshot, snapshot.Wave!.Code));
    }
}
