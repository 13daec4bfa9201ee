using Hangfire;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>Creates a queued snapshot of a wave and enqueues <see cref="ComputeWaveSnapshot"/> for it.</summary>
public sealed class SnapshotRequests(SipasDb db, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>
    /// A new snapshot of <paramref name="wave"/> requested by <paramref name="requestedBy"/> (a user name or
    /// <see cref="Snapshot.Scheduler"/>), counting the wave's official channels or, with
    /// <paramref name="allChannels"/>, every channel; its computation is enqueued and runs in a worker.
    /// </summary>
    public async Task<Snapshot> Enqueue(Wave wave, string requestedBy, Guid? requestedById, bool allChannels,
        CancellationToken ct = default)
    {
        var snapshot = Create(wave, requestedBy, requestedById, allChannels);
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        snapshot.JobId = jobs.Enqueue<ComputeWaveSnapshot>(job => job.Run(snapshot.Id, CancellationToken.None));
        await db.SaveChangesAsync(ct);
        return snapshot;
    }

    /// <summary>A queued snapshot (not saved); callers that compute at once (demo, tests, benchmark) add it themselves.</summary>
    public Snapshot Create(Wave wave, string requestedBy, Guid? requestedById, bool allChannels) => new()
    {
        WaveId = wave.Id,
        Status = SnapshotStatus.Queued,
        AllChannels = allChannels,
        Channels = allChannels ? [.. Channels.All] : Channels.Counted(wave.OfficialChannels),
        RequestedAt = clock.GetUtcNow(),
        RequestedBy = requestedBy,
        RequestedById = requestedById,
    };
}
