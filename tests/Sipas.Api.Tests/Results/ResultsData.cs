using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Jobs;
using Sipas.Testing;

namespace Sipas.Api.Tests.Results;

/// <summary>Waves with responses and computed snapshots, made through the same job the worker runs.</summary>
public static class ResultsData
{
    public static async Task<(Wave Wave, int SnapshotId)> WaveWithSnapshot(SipasApp app, string code = "2025-H2", int half = 2,
        int responses = 400, int seed = 1, double level = 0.85, bool publish = false)
    {
        await using var db = app.Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, code, 2025, half);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", responses, seed, level);
        await TestWaves.AddResponsesAsync(db, wave, "HEALTH", responses / 4, seed + 100, level);
        return (wave, await Snapshot(app, wave, publish));
    }

    public static async Task<int> Snapshot(SipasApp app, Wave wave, bool publish = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        var snapshot = scope.ServiceProvider.GetRequiredService<SnapshotRequests>().Create(wave, "tester", null, false);
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(snapshot.Id, CancellationToken.None);
        if (publish)
        {
            await using var fresh = app.Database.NewDb();
            var stored = await fresh.Snapshots.FindAsync(snapshot.Id);
            stored!.PublishedAt = DateTimeOffset.UtcNow;
            stored.PublishedBy = "tester";
            await fresh.SaveChangesAsync();
        }
        return snapshot.Id;
    }
}
