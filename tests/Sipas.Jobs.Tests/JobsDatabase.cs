using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Sipas.Data;
using Sipas.Testing;

[assembly: AssemblyFixture(typeof(Sipas.Jobs.Tests.JobsDatabase))]

namespace Sipas.Jobs.Tests;

/// <summary>The test database with the jobs' services over it (Hangfire storage in its schema, no server).</summary>
public sealed class JobsDatabase : TestDatabase
{
    public ServiceProvider Services { get; private set; } = null!;
    public FixedClock Clock { get; } = new(new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero));

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddLogging();
        services.AddSipasDb(ConnectionString);
        services.AddSipasJobs(ConnectionString, runServer: false);
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(
            new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services = services.BuildServiceProvider();
    }

    public override async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>Base for job tests: an emptied database and helpers to run the jobs directly.</summary>
public abstract class JobTest(JobsDatabase database) : IAsyncLifetime
{
    protected JobsDatabase Database { get; } = database;

    public virtual async ValueTask InitializeAsync() => await Database.ResetAsync();
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>A queued snapshot of <paramref name="wave"/>, saved but not enqueued.</summary>
    protected async Task<int> NewSnapshot(Wave wave, bool allChannels = false, string by = "tester")
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        var snapshot = scope.ServiceProvider.GetRequiredService<SnapshotRequests>().Create(wave, by, null, allChannels);
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync();
        return snapshot.Id;
    }

    protected async Task Compute(int snapshotId)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(snapshotId, CancellationToken.None);
    }

    protected async Task Publish(int snapshotId)
    {
        await using var db = Database.NewDb();
        var snapshot = await db.Snapshots.FindAsync(snapshotId);
        snapshot!.PublishedAt = Database.Clock.GetUtcNow();
        snapshot.PublishedBy = "tester";
        await db.SaveChangesAsync();
    }

    protected async Task<List<SnapshotResult>> Rows(int snapshotId)
    {
        await using var db = Database.NewDb();
        return [.. db.SnapshotResults.Where(r => r.SnapshotId == snapshotId)
            .OrderBy(r => r.Channel).ThenBy(r => r.Indicator).ThenBy(r => r.GroupType).ThenBy(r => r.GroupCode)
            .ThenBy(r => r.Section).ThenBy(r => r.Item)];
    }

    protected async Task<Snapshot> Load(int snapshotId)
    {
        await using var db = Database.NewDb();
        return await db.Snapshots.FindAsync(snapshotId) ?? throw new InvalidOperationException("no snapshot");
    }
}
