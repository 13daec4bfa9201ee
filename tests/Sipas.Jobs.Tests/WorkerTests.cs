using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Data;
using Sipas.Data.Seed;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

public class WorkerTests(JobsDatabase database) : JobTest(database)
{
    [Fact]
    public async Task EnqueuedSnapshot_IsComputedByAHangfireServer()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 120, seed: 31);
        var storage = Database.Services.GetRequiredService<JobStorage>();
        using var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 1, ServerName = "jobs-test",
            Activator = new AspNetCoreJobActivator(Database.Services.GetRequiredService<IServiceScopeFactory>()),
        }, storage);

        int id;
        await using (var scope = Database.Services.CreateAsyncScope())
            id = (await scope.ServiceProvider.GetRequiredService<SnapshotRequests>().Enqueue(wave, "tester", null, false, TestContext.Current.CancellationToken)).Id;

        var snapshot = await Load(id);
        for (var i = 0; i < 120 && snapshot.Status != SnapshotStatus.Completed; i++)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            snapshot = await Load(id);
        }
        Assert.Equal(SnapshotStatus.Completed, snapshot.Status);
        Assert.NotEmpty(await Rows(id));
    }

    [Fact]
    public async Task DemoSnapshots_PublishTheFirstHalfAndComputeTheSecond()
    {
        await using (var scope = Database.Services.CreateAsyncScope())
        {
            await DemoData.SeedAsync(scope.ServiceProvider.GetRequiredService<SipasDb>(), Database.Clock, TestContext.Current.CancellationToken);
            await DemoSnapshots.SeedAsync(scope.ServiceProvider, TestContext.Current.CancellationToken);
        }

        await using var db = Database.NewDb();
        var snapshots = await db.Snapshots.Include(s => s.Wave).OrderBy(s => s.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([("2025-H1", true), ("2025-H2", false)], snapshots.Select(s => (s.Wave!.Code, s.IsPublished)));
        Assert.All(snapshots, s => Assert.Equal(SnapshotStatus.Completed, s.Status));
        Assert.Equal(4, await db.SnapshotVerdicts.CountAsync(v => v.SnapshotId == snapshots[0].Id, TestContext.Current.CancellationToken));
    }
}
