using Npgsql;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

public class JobLockTests(JobsDatabase database) : JobTest(database)
{
    [Fact]
    public async Task SnapshotsOfOneWave_RunOneAtATime_WhileOtherWavesGoOn()
    {
        await using var db = Database.NewDb();
        var h1 = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        var h2 = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        await TestWaves.AddResponsesAsync(db, h1, "SIPAS", 120, seed: 12);
        await TestWaves.AddResponsesAsync(db, h2, "SIPAS", 120, seed: 13);
        var (first, second) = (await NewSnapshot(h1), await NewSnapshot(h2));

        // Another run of wave H1 holds its lock (as a run on another worker would).
        await using var other = new NpgsqlConnection(Database.ConnectionString);
        await other.OpenAsync(TestContext.Current.CancellationToken);
        await new NpgsqlCommand($"SELECT pg_advisory_lock({JobLocks.Snapshot}, {h1.Id})", other).ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var waiting = Compute(first);
        await Compute(second);   // another wave is not held up

        Assert.Equal(SnapshotStatus.Completed, (await Load(second)).Status);
        await Task.WhenAny(waiting, Task.Delay(1000, TestContext.Current.CancellationToken));
        Assert.False(waiting.IsCompleted);
        Assert.Equal(SnapshotStatus.Queued, (await Load(first)).Status);   // has not even started

        await new NpgsqlCommand($"SELECT pg_advisory_unlock({JobLocks.Snapshot}, {h1.Id})", other).ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        await waiting.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(SnapshotStatus.Completed, (await Load(first)).Status);
    }

    [Fact]
    public async Task LockOfAWorkerThatDied_IsReleasedWithItsConnection()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 60, seed: 14);
        var id = await NewSnapshot(wave);
        var dead = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Pooling = false }.ConnectionString);
        await dead.OpenAsync(TestContext.Current.CancellationToken);
        await new NpgsqlCommand($"SELECT pg_advisory_lock({JobLocks.Snapshot}, {wave.Id})", dead).ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

        var waiting = Compute(id);
        await Task.WhenAny(waiting, Task.Delay(500, TestContext.Current.CancellationToken));
        Assert.False(waiting.IsCompleted);
        await dead.DisposeAsync();   // the session ends: PostgreSQL drops its advisory locks

        await waiting.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.Equal(SnapshotStatus.Completed, (await Load(id)).Status);
    }
}
