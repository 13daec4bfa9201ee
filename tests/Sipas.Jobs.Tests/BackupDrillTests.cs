using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sipas.Data;
using Sipas.Data.Local;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

/// <summary>
/// The backup drill of docs/operations.md §6, automated: the production backup script dumps the database, the
/// documented pg_restore command restores the dump into a freshly created PostgreSQL cluster, the migration step
/// runs on it, and the snapshot computed again from the restored data is the one computed before the backup.
/// </summary>
public class BackupDrillTests(JobsDatabase database) : JobTest(database)
{
    [Fact]
    public async Task Backup_RestoredIntoAFreshCluster_GivesTheSameSnapshotAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var db = Database.NewDb())
        {
            var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
            await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 400, seed: 21);
            await TestWaves.AddResponsesAsync(db, wave, "TTHC", 200, seed: 22);
        }
        await using var source = Database.NewDb();
        var waveId = await source.Waves.Select(w => w.Id).SingleAsync(ct);
        var original = await NewSnapshot(await source.Waves.SingleAsync(ct));
        await Compute(original);
        await Publish(original);
        var before = Describe(await Rows(original));
        var beforeHash = (await Load(original)).DataHash;
        var responses = await source.Responses.CountAsync(ct);

        var work = Directory.CreateTempSubdirectory("sipas-drill-");
        // Its own folder (not under the 0700 temp subdirectory: initdb may run as the postgres user).
        var cluster = await LocalPostgres.OpenAsync(Path.Combine(Path.GetTempPath(), $"sipas-drill-pg-{Guid.NewGuid():N}"), ["fsync=off"], ct);
        try
        {
            // 1. The nightly backup, exactly as the CronJob runs it.
            var backups = Path.Combine(work.FullName, "backups");
            var script = Path.Combine(RepositoryData.RepositoryRoot, "deploy", "k8s", "base", "backup", "pg-dump.sh");
            var backupLog = await Run("bash", [script], new() { ["SIPAS_DATABASE_URL"] = Url(Database.ConnectionString), ["BACKUP_DIR"] = backups });
            var dump = Assert.Single(Directory.GetFiles(backups, "sipas-*.dump"));
            Assert.Contains("backup: " + dump, backupLog);
            Assert.True(File.Exists(dump + ".sha256"));

            // 2. A fresh cluster and database; the restore command of operations.md §6.
            await cluster.StartAsync(ct);
            await cluster.EnsureDatabaseAsync("sipas", ct);
            var restored = cluster.ConnectionString("sipas");
            await Run("pg_restore", ["--dbname=" + Url(restored), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                "--single-transaction", dump], []);

            // 3. The migration step on the restored database: nothing left to apply.
            await using (var db = new SipasDb(SipasDbSetup.Configure(new DbContextOptionsBuilder<SipasDb>(), restored).Options))
            {
                Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
                await db.Database.MigrateSipasAsync(ct);
                await JobsSetup.InstallSchemaAsync(restored, ct);
                Assert.Equal(responses, await db.Responses.CountAsync(ct));
                var copy = await db.Snapshots.SingleAsync(s => s.Id == original, ct);
                Assert.True(copy.IsPublished);   // the published snapshot came back, still locked
            }

            // 4. The same snapshot, computed again from the restored data by the jobs' own services.
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(Database.Clock);
            services.AddLogging();
            services.AddSipasDb(restored);
            services.AddSipasJobs(restored, runServer: false);
            services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(
                new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
            await using var provider = services.BuildServiceProvider();
            int again;
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
                var snapshot = scope.ServiceProvider.GetRequiredService<SnapshotRequests>()
                    .Create(await db.Waves.SingleAsync(w => w.Id == waveId, ct), "drill", null, false);
                db.Snapshots.Add(snapshot);
                await db.SaveChangesAsync(ct);
                again = snapshot.Id;
                await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(again, ct);
            }
            await using (var db = new SipasDb(SipasDbSetup.Configure(new DbContextOptionsBuilder<SipasDb>(), restored).Options))
            {
                var recomputed = await db.Snapshots.SingleAsync(s => s.Id == again, ct);
                Assert.Equal(SnapshotStatus.Completed, recomputed.Status);
                Assert.Equal(beforeHash, recomputed.DataHash);
                var rows = await db.SnapshotResults.Where(r => r.SnapshotId == again)
                    .OrderBy(r => r.Channel).ThenBy(r => r.Indicator).ThenBy(r => r.GroupType).ThenBy(r => r.GroupCode)
                    .ThenBy(r => r.Section).ThenBy(r => r.Item).ToListAsync(ct);
                Assert.Equal(before, Describe(rows));
            }
        }
        finally
        {
            await cluster.DestroyAsync();
            work.Delete(recursive: true);
        }
    }

    /// <summary>A libpq URL (what SIPAS_DATABASE_URL holds in production) for an Npgsql connection string.</summary>
    private static string Url(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var credentials = Uri.EscapeDataString(b.Username ?? "postgres") +
            (string.IsNullOrEmpty(b.Password) ? "" : ":" + Uri.EscapeDataString(b.Password));
        return $"postgresql://{credentials}@{b.Host}:{b.Port}/{Uri.EscapeDataString(b.Database!)}";
    }

    /// <summary>Runs a command with PostgreSQL's client tools on PATH; its output, or a failure with it.</summary>
    private static async Task<string> Run(string file, string[] args, Dictionary<string, string> environment)
    {
        var bin = Path.GetDirectoryName(LocalPostgres.Binary("pg_dump"))!;
        var info = new ProcessStartInfo(file == "pg_restore" ? Path.Combine(bin, file) : file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        foreach (var (k, v) in environment) info.Environment[k] = v;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{file} exited with {process.ExitCode}: {await error}{await output}");
        return await output + await error;
    }

    private static List<string> Describe(List<SnapshotResult> rows) =>
        [.. rows.Select(r => $"{r.Channel}|{r.Indicator}|{r.GroupType}|{r.GroupCode}|{r.Section}|{r.Item}|{r.NValid}|{r.NPositive:R}|{r.Estimate:R}|{r.Se:R}|{r.CiLow:R}|{r.CiHigh:R}|{r.NEff:R}|{r.Flags}|{r.Alpha:R}|{r.MeanScore:R}")];
}
