using Microsoft.Extensions.DependencyInjection;
using Sipas.Analytics;
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

    /// <summary>
    /// A completed snapshot whose agency rows are the method vector of §9, a small sample among them, and one agency
    /// with an undefined estimate.
    /// </summary>
    public static async Task<int> LeagueSnapshot(SipasApp app, bool publish, string wave = "2025-H2")
    {
        await using var db = app.Database.NewDb();
        var w = await TestWaves.CreateAsync(db, wave, 2025, 2);
        var snapshot = new Snapshot { WaveId = w.Id, Status = SnapshotStatus.Completed, Progress = 100, Phase = "done", RequestedBy = "tester",
            RequestedAt = DateTimeOffset.UtcNow, CompletedAt = DateTimeOffset.UtcNow };
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync();
        SnapshotResult Row(string code, double? p, double? se, int n, ResultFlags flags = ResultFlags.None) => new()
        {
            SnapshotId = snapshot.Id, Indicator = "SIPAS", GroupType = "agency", GroupCode = code, NValid = n, Estimate = p, Se = se,
            CiLow = p - 0.05, CiHigh = p + 0.05, Flags = (short)flags,
        };
        db.SnapshotResults.AddRange(
            Row("a-080", 0.80, 0.05, 20, ResultFlags.SmallSample), Row("a-090-se0", 0.90, 0.0, 300), Row("a-090-se2", 0.90, 0.02, 250),
            Row("a-095", 0.95, 0.01, 400), Row("a-none", null, null, 0, ResultFlags.SmallSample | ResultFlags.Undefined),
            new SnapshotResult { SnapshotId = snapshot.Id, Indicator = "SIPAS", GroupType = "province", GroupCode = "40", NValid = 970,
                Estimate = 0.91, Se = 0.01, CiLow = 0.89, CiHigh = 0.93 });
        await db.SaveChangesAsync();
        if (publish)
        {
            snapshot.PublishedAt = DateTimeOffset.UtcNow;
            snapshot.PublishedBy = "tester";
            await db.SaveChangesAsync();
        }
        return snapshot.Id;
    }
}
