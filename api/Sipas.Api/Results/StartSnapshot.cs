using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Jobs;

namespace Sipas.Api.Results;

public record StartSnapshotRequest(bool AllChannels = false);

public static class StartSnapshot
{
    /// <summary>
    /// Queues a computation and returns at once (the job runs in a worker). A run of the same wave and channels
    /// that is still queued or running is returned instead of starting another.
    /// </summary>
    public static async Task<Results<Accepted<SnapshotSummary>, Ok<SnapshotSummary>, NotFound>> Handle(
        string wave, StartSnapshotRequest? request, ClaimsPrincipal user, SipasDb db, SnapshotRequests requests,
        CancellationToken ct)
    {
        var allChannels = request?.AllChannels ?? false;
        var target = await db.Waves.SingleOrDefaultAsync(w => w.Code == wave, ct);
        if (target is null) return TypedResults.NotFound();
        var pending = await db.Snapshots.AsNoTracking().Where(s => s.WaveId == target.Id && s.AllChannels == allChannels
                && (s.Status == SnapshotStatus.Queued || s.Status == SnapshotStatus.Running))
            .OrderByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (pending is not null) return TypedResults.Ok(SnapshotSummary.From(pending, target.Code));

        var userId = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : (Guid?)null;
        var snapshot = await requests.Enqueue(target, user.Identity?.Name ?? "?", userId, allChannels, ct);
        return TypedResults.Accepted($"/api/results/snapshots/{snapshot.Id}", SnapshotSummary.From(snapshot, target.Code));
    }
}
