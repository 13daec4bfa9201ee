using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sipas.Data;
using Sipas.Data.Local;
using Sipas.Data.Seed;
using Sipas.Bench;
using Sipas.Jobs;
using Sipas.Jobs.Exports;

// sipas-bench snapshot [--responses N] [--keep]: creates a throwaway local PostgreSQL (synchronous_commit on, the
// default), migrates it, loads N generated SIPAS responses of one wave with binary COPY (not timed), then times
// ComputeWaveSnapshot.Run, the same job the worker runs, twice (the first snapshot in a new worker process, then a second
// of the same wave in the same process), beside the COPY-only time of the same rows (CopyOnly). The last line is
// `snapshot: N responses in T s (R× the COPY-only time); a second in the same worker process T2 s (R2×)`.
// sipas-bench export [--responses N] [--out FILE] [--keep]: the same cluster and data (with demographics and
// comments), then times ResponsesExport.WriteAsync, the microdata download's code, streaming the responses CSV to a
// byte-counting sink (or FILE), beside the COPY-only time. The last line is `export: N rows in T s (R rows/s; X× the COPY-only time)`.
var mode = args.FirstOrDefault();
if (mode is not ("snapshot" or "export"))
{
    Console.Error.WriteLine("usage: sipas-bench snapshot|export [--responses N] [--out FILE] [--keep]");
    return 2;
}
var count = args.SkipWhile(a => a != "--responses").Skip(1).Select(int.Parse).FirstOrDefault(1_000_000);
var folder = Path.Combine(Path.GetTempPath(), $"sipas-bench-pg-{Guid.NewGuid():N}");
var cluster = await LocalPostgres.OpenAsync(folder, ["synchronous_commit=on", "shared_buffers=512MB", "max_wal_size=4GB"]);
try
{
    await cluster.StartAsync();
    await cluster.EnsureDatabaseAsync("sipas");
    var connectionString = cluster.ConnectionString("sipas");
    var services = new ServiceCollection()
        .AddSingleton(TimeProvider.System)
        .AddLogging(l => l.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
            .AddFilter("Microsoft", LogLevel.Warning))
        .AddSipasDb(connectionString)
        .AddScoped<ComputeWaveSnapshot>()
        .BuildServiceProvider();

    var watch = Stopwatch.StartNew();
    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        await db.Database.MigrateSipasAsync();
        await ReferenceData.SeedAsync(db, TimeProvider.System);
        var wave = await BenchData.CreateWave(db);
        await BenchData.LoadResponses(scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(), db, wave, count,
            otherAnswers: mode == "export");
    }
    var snapshotId = await RequestSnapshotAsync(services);
    Console.WriteLine($"load: {count} responses in {watch.Elapsed.TotalSeconds:F1} s (binary COPY, then VACUUM ANALYZE; not timed)");
    var dataSource = services.GetRequiredService<NpgsqlDataSource>();
    int waveId;
    await using (var scope = services.CreateAsyncScope())
        waveId = await scope.ServiceProvider.GetRequiredService<SipasDb>().Waves.Select(w => w.Id).SingleAsync();
    await CopyOnly.TimeAsync(dataSource, waveId); // warms the cache as much for the figure as for the floor
    if (mode == "export") return await Export(services, args, count, (await CopyOnly.TimeAsync(dataSource, waveId)).Seconds);

    // The first snapshot in a new worker process pays for compiling the job's code (its JIT time is printed); a worker
    // that has run one before does not. Both are timed: a second snapshot of the same wave right after the first.
    var first = await TimedRun(services, snapshotId, "first snapshot in this process");
    var second = await TimedRun(services, await RequestSnapshotAsync(services), "second snapshot in the same process");
    var (copySeconds, copyBytes) = await CopyOnly.TimeAsync(dataSource, waveId);
    Console.WriteLine($"copy only (the wave's rows out by binary COPY, {copyBytes / 1e6:F0} MB, same run): {copySeconds:F2} s");
    Console.WriteLine($"snapshot: {count} responses in {first:F2} s ({first / copySeconds:F1}× the COPY-only time); " +
        $"a second in the same worker process {second:F2} s ({second / copySeconds:F1}×)");
    return 0;
}
finally
{
    NpgsqlConnection.ClearAllPools();
    if (!args.Contains("--keep")) await cluster.DestroyAsync();
    else Console.Error.WriteLine($"kept {folder}");
}

/// <summary>A snapshot of the bench's one wave requested, as an analyst's button does; its id.</summary>
static async Task<int> RequestSnapshotAsync(ServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
    var wave = await db.Waves.SingleAsync();
    var snapshot = new Snapshot { WaveId = wave.Id, RequestedAt = DateTimeOffset.UtcNow, RequestedBy = "bench", Channels = wave.OfficialChannels };
    db.Snapshots.Add(snapshot);
    await db.SaveChangesAsync();
    return snapshot.Id;
}

/// <summary>Runs the snapshot job on <paramref name="snapshotId"/>, prints what it did and cost, and returns its seconds.</summary>
static async Task<double> TimedRun(ServiceProvider services, int snapshotId, string which)
{
    var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";
    // The job's own peak, not the loader's: collect what loading left, then reset the peak working set (Linux: 5 in clear_refs).
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var before = Process.GetCurrentProcess().WorkingSet64 >> 20;
    try { File.WriteAllText("/proc/self/clear_refs", "5"); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var (jit, jitted, paused) = (System.Runtime.JitInfo.GetCompilationTime(), System.Runtime.JitInfo.GetCompiledMethodCount(), GC.GetTotalPauseDuration());
    var watch = Stopwatch.StartNew();
    await using (var scope = services.CreateAsyncScope())
        await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(snapshotId, CancellationToken.None);
    var elapsed = watch.Elapsed.TotalSeconds;
    cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    (jit, jitted, paused) = (System.Runtime.JitInfo.GetCompilationTime() - jit, System.Runtime.JitInfo.GetCompiledMethodCount() - jitted,
        GC.GetTotalPauseDuration() - paused);

    await using (var scope = services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        var s = await db.Snapshots.SingleAsync(x => x.Id == snapshotId);
        var rows = await db.SnapshotResults.CountAsync(r => r.SnapshotId == snapshotId);
        var province = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == snapshotId && r.Channel == ""
            && r.GroupType == "province" && r.Section == "");
        Console.WriteLine($"{which}: {elapsed:F2} s, status {s.Status}, {s.ResponsesRead} read, {s.ResponsesCounted} counted, {rows} result rows, " +
            $"SIPAS province {province.Estimate:F6} [{province.CiLow:F6}, {province.CiHigh:F6}], peak {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB " +
            $"(working set before the run {before} MB), job CPU in this process {cpu.TotalSeconds:F2} s " +
            $"(JIT {jit.TotalSeconds:F2} s for {jitted} methods, GC pauses {paused.TotalSeconds:F2} s), load average before the run {load}");
    }
    return elapsed;
}

static async Task<int> Export(ServiceProvider services, string[] args, int count, double copySeconds)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
    var wave = await db.Waves.SingleAsync();
    var version = await db.Questionnaires.SingleAsync(q => q.Family == "SIPAS" && q.Status == QuestionnaireStatus.Published);
    var questionnaire = version.Read();
    var path = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
    await using var file = path is null ? null : File.Create(path);
    var sink = new CountingStream(file);

    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    await using (var connection = await scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync())
    {
        var rows = await ResponsesExport.WriteAsync(connection, wave.Id, wave.Code, version.Id, questionnaire, sink);
        var elapsed = watch.Elapsed.TotalSeconds;
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (rows != count) throw new InvalidDataException($"exported {rows} rows of {count}");
        Console.WriteLine($"{sink.Bytes / 1e6:F1} MB of CSV ({sink.Bytes / rows} bytes a row, {questionnaire.Sections.Sum(s => s.Items.Count)} item columns), " +
            $"peak {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MB, CPU in this process {cpu.TotalSeconds:F2} s" +
            (path is null ? "" : $", written to {path}"));
        Console.WriteLine($"copy only (the wave's rows out by binary COPY, same run): {copySeconds:F2} s ({rows / copySeconds:N0} rows/s)");
        Console.WriteLine($"export: {rows} rows in {elapsed:F2} s ({rows / elapsed:N0} rows/s; {elapsed / copySeconds:F1}× the COPY-only time)");
    }
    return 0;
}
