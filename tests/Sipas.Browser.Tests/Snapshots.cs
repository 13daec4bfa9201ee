using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Data;
using Sipas.Jobs;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

/// <summary>A wave with SIPAS responses and a snapshot computed by the job the worker runs, published if asked.</summary>
public static class Snapshots
{
    /// <remarks>The browser tests share one database: each caller takes a wave code and a seed of its own.</remarks>
    public static async Task<int> SeedAsync(BrowserHost host, string code, int year, int half, int responses, int seed, bool publish = false)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        var wave = await TestWaves.CreateAsync(db, code, year, half);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", responses, seed);
        var snapshot = scope.ServiceProvider.GetRequiredService<SnapshotRequests>().Create(wave, "tester", null, false);
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(snapshot.Id, CancellationToken.None);
        if (publish)
        {
            await using var fresh = host.NewDb();
            var stored = await fresh.Snapshots.SingleAsync(s => s.Id == snapshot.Id);
            stored.PublishedAt = DateTimeOffset.UtcNow;
            stored.PublishedBy = "tester";
            await fresh.SaveChangesAsync();
        }
        return snapshot.Id;
    }
}
