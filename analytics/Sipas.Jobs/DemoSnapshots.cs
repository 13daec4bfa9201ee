using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>
/// For <c>./sipas run</c> only: computes the demo waves at once so the dashboard has figures on first run — a
/// published snapshot of 2025-H1 and a current (unpublished) one of 2025-H2.
/// </summary>
public static class DemoSnapshots
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<SipasDb>();
        if (await db.Snapshots.AnyAsync(ct)) return;
        var clock = services.GetRequiredService<TimeProvider>();
        foreach (var (code, publish) in new[] { ("2025-H1", true), ("2025-H2", false) })
        {
            var wave = await db.Waves.SingleOrDefaultAsync(w => w.Code == code, ct);
            if (wave is null) continue;
            var snapshot = services.GetRequiredService<SnapshotRequests>().Create(wave, Snapshot.Scheduler, null, allChannels: false);
            db.Snapshots.Add(snapshot);
            await db.SaveChangesAsync(ct);
            await services.GetRequiredService<ComputeWaveSnapshot>().Run(snapshot.Id, ct);
            if (publish)
                await db.Snapshots.Where(s => s.Id == snapshot.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.PublishedAt, clock.GetUtcNow()).SetProperty(x => x.PublishedBy, "demo"), ct);
        }
    }
}
