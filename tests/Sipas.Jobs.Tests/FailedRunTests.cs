using Npgsql;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

public class FailedRunTests(JobsDatabase database) : JobTest(database)
{
    [Fact]
    public async Task FailingRun_LeavesThePreviousSnapshotInPlace()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 200, seed: 21);
        var previous = await NewSnapshot(wave);
        await Compute(previous);
        var rows = await Rows(previous);
        await BreakOneResponse(wave.Id);

        var failing = await NewSnapshot(wave);
        await Assert.ThrowsAsync<InvalidDataException>(() => Compute(failing));
        await Assert.ThrowsAsync<InvalidDataException>(() => Compute(previous));   // a re-run that fails changes nothing

        var failed = await Load(failing);
        Assert.Equal(SnapshotStatus.Failed, failed.Status);
        Assert.Contains("scored answers", failed.Error);
        Assert.Empty(await Rows(failing));
        var kept = await Load(previous);
        Assert.Equal(SnapshotStatus.Completed, kept.Status);
        Assert.Equal(100, kept.Progress);
        Assert.Equal(rows.Select(r => (r.GroupCode, r.Section, r.Item, r.Estimate)),
            (await Rows(previous)).Select(r => (r.GroupCode, r.Section, r.Item, r.Estimate)));
    }

    /// <summary>A row written outside the API with one answer too few: the job must refuse the whole wave.</summary>
    private async Task BreakOneResponse(int waveId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await new NpgsqlCommand($"""
            UPDATE sipas.responses SET scores = scores[2:]
            WHERE id = (SELECT id FROM sipas.responses WHERE wave_id = {waveId} ORDER BY id LIMIT 1)
            """, connection).ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
