using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>
/// The half-yearly run (end of June, end of December): requests a snapshot of every wave that is due, one
/// <see cref="ComputeWaveSnapshot"/> job each. Due: a wave that is not a draft, has started, and ended no more than
/// <see cref="JobsOptions.DueWithinDays"/> days ago (the province's calendar). A wave whose snapshot is already
/// queued or running is skipped, so a second trigger adds nothing.
/// </summary>
public sealed class ComputeHalfYear(SipasDb db, SnapshotRequests requests, TimeProvider clock, IOptions<JobsOptions> options)
{
    public async Task<IReadOnlyList<int>> Run(CancellationToken ct)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        var since = today.AddDays(-options.Value.DueWithinDays);
        var due = await db.Waves.Where(w => w.Status != WaveStatus.Draft && w.StartsOn <= today && w.EndsOn >= since)
            .Where(w => !db.Snapshots.Any(s => s.WaveId == w.Id &&
                (s.Status == SnapshotStatus.Queued || s.Status == SnapshotStatus.Running)))
            .OrderBy(w => w.StartsOn).ToListAsync(ct);
        var ids = new List<int>();
        foreach (var wave in due)
            ids.Add((await requests.Enqueue(wave, Snapshot.Scheduler, null, allChannels: false, ct)).Id);
        return ids;
    }
}
