using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

public class ScheduleTests(JobsDatabase database) : JobTest(database)
{
    [Fact]
    public void RecurringJobs_ExistWithTheDefaultSchedulesInVietnamTime()
    {
        JobsSetup.ScheduleRecurringJobs(Database.Services.GetRequiredService<IRecurringJobManager>(), new JobsOptions());

        var jobs = Recurring();
        Assert.Equal("0 23 30 6 *", jobs["compute-half-year-1"].Cron);
        Assert.Equal("0 23 31 12 *", jobs["compute-half-year-2"].Cron);
        Assert.All(jobs.Values, j => Assert.Equal("Asia/Ho_Chi_Minh", j.TimeZoneId));
        Assert.All(jobs.Values, j => Assert.Equal(typeof(ComputeHalfYear), j.Job.Type));
    }

    [Fact]
    public void RecurringJobs_FollowTheConfiguration()
    {
        var manager = Database.Services.GetRequiredService<IRecurringJobManager>();
        JobsSetup.ScheduleRecurringJobs(manager, new JobsOptions { HalfYearCron = "0 6 L 6 *; 0 6 L 12 *; 0 6 1 9 *" });
        Assert.Equal(["0 6 L 6 *", "0 6 L 12 *", "0 6 1 9 *"],
            Recurring().OrderBy(j => j.Key).Select(j => j.Value.Cron));

        JobsSetup.ScheduleRecurringJobs(manager, new JobsOptions());
        Assert.Equal(["compute-half-year-1", "compute-half-year-2"], Recurring().Keys.Order());
    }

    [Fact]
    public async Task HalfYearRun_RequestsASnapshotOfEachDueWaveOnce()
    {
        await using var db = Database.NewDb();
        var h1 = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1, status: WaveStatus.Closed);
        var h2 = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        Database.Clock.Now = new DateTimeOffset(2025, 12, 31, 16, 0, 0, TimeSpan.Zero);   // 23:00 on 31/12 in Việt Nam

        var first = await RunHalfYear();
        var second = await RunHalfYear();

        var snapshot = await Load(Assert.Single(first));
        Assert.Equal(h2.Id, snapshot.WaveId);
        Assert.Equal(Snapshot.Scheduler, snapshot.RequestedBy);
        Assert.Equal(SnapshotStatus.Queued, snapshot.Status);
        Assert.NotNull(snapshot.JobId);
        Assert.Empty(second);
        Assert.False(await db.Snapshots.AnyAsync(s => s.WaveId == h1.Id, TestContext.Current.CancellationToken));
    }

    private async Task<IReadOnlyList<int>> RunHalfYear()
    {
        await using var scope = Database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ComputeHalfYear>().Run(CancellationToken.None);
    }

    private Dictionary<string, RecurringJobDto> Recurring()
    {
        using var connection = Database.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Where(j => j.Id.StartsWith(JobsSetup.HalfYearJobPrefix, StringComparison.Ordinal))
            .ToDictionary(j => j.Id);
    }
}
