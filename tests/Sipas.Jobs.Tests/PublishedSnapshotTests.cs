using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

public class PublishedSnapshotTests(JobsDatabase database) : JobTest(database)
{
    [Fact]
    public async Task PublishedSnapshot_RefusesChangesThroughEf()
    {
        var id = await ComputedSnapshot();
        await Publish(id);

        await using var db = Database.NewDb();
        var snapshot = await db.Snapshots.SingleAsync(s => s.Id == id, TestContext.Current.CancellationToken);
        snapshot.Phase = "edited";
        await Assert.ThrowsAsync<PublishedSnapshotException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));

        await using var other = Database.NewDb();
        var row = await other.SnapshotResults.FirstAsync(r => r.SnapshotId == id, TestContext.Current.CancellationToken);
        row.Estimate = 0.5;
        await Assert.ThrowsAsync<PublishedSnapshotException>(() => other.SaveChangesAsync(TestContext.Current.CancellationToken));
        other.ChangeTracker.Clear();
        other.SnapshotResults.Remove(row);
        await Assert.ThrowsAsync<PublishedSnapshotException>(() => other.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("UPDATE sipas.snapshots SET phase = 'edited' WHERE id = {0}")]
    [InlineData("DELETE FROM sipas.snapshots WHERE id = {0}")]
    [InlineData("UPDATE sipas.snapshot_results SET estimate = 0.5 WHERE snapshot_id = {0}")]
    [InlineData("DELETE FROM sipas.snapshot_results WHERE snapshot_id = {0}")]
    [InlineData("DELETE FROM sipas.snapshot_verdicts WHERE snapshot_id = {0}")]
    [InlineData("INSERT INTO sipas.snapshot_results (snapshot_id, channel, indicator, group_type, group_code, section, item, n_valid, flags) VALUES ({0}, '', 'SIPAS', 'province', '99', '', '', 1, 0)")]
    public async Task PublishedSnapshot_RefusesChangesInSql(string sql)
    {
        var id = await ComputedSnapshot();
        await Publish(id);

        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            new NpgsqlCommand(string.Format(sql, id), connection).ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

        Assert.Equal(PostgresErrorCodes.CheckViolation, error.SqlState);
    }

    [Fact]
    public async Task PublishedSnapshot_IsNeverRecomputed()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 200, seed: 11);
        var id = await NewSnapshot(wave);
        await Compute(id);
        await Publish(id);
        var before = await Rows(id);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 50, seed: 12);

        await Compute(id);

        Assert.Equal(before.Select(r => (r.GroupCode, r.Estimate)), (await Rows(id)).Select(r => (r.GroupCode, r.Estimate)));
    }

    [Fact]
    public async Task LateResponses_MakeANewSnapshotThatSaysWhatChanged_AndLeaveThePublishedOneUnchanged()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 300, seed: 13);
        var first = await NewSnapshot(wave);
        await Compute(first);
        await Publish(first);
        var published = await Rows(first);
        var publishedHash = (await Load(first)).DataHash;

        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 120, seed: 14, level: 0.3);
        var second = await NewSnapshot(wave);
        await Compute(second);

        Assert.Equal(published.Select(r => (r.Channel, r.GroupType, r.GroupCode, r.Section, r.Item, r.Estimate)),
            (await Rows(first)).Select(r => (r.Channel, r.GroupType, r.GroupCode, r.Section, r.Item, r.Estimate)));
        Assert.Equal(publishedHash, (await Load(first)).DataHash);
        var snapshot = await Load(second);
        Assert.Equal(first, snapshot.SupersedesId);
        var changes = snapshot.Changes!.RootElement;
        Assert.True(changes.GetProperty("dataHashChanged").GetBoolean());
        Assert.Equal(300, changes.GetProperty("responsesBefore").GetInt32());
        Assert.Equal(420, changes.GetProperty("responsesAfter").GetInt32());
        var moved = changes.GetProperty("moved").EnumerateArray().Select(m => m.GetProperty("indicator").GetString()).ToList();
        Assert.Contains("SIPAS", moved);
    }

    private async Task<int> ComputedSnapshot()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 150, seed: 10);
        var id = await NewSnapshot(wave);
        await Compute(id);
        return id;
    }
}
