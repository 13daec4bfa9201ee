using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sipas.Bench;
using Sipas.Data;
using Sipas.Jobs;
using Sipas.Testing;

namespace Sipas.LoadTests;

/// <summary>
/// The analysts' dashboard over a snapshot of a big wave: N generated responses (1,000,000 by default, 150
/// agencies, 130 communes) loaded with binary COPY, the snapshot computed by the worker's job, then 64 signed-in
/// analysts (the figure) replay what the dashboard asks for (waves, run history, tiles, change, the drill-down
/// at every level with its sections and criteria, the commune map) against the API process for a fixed time.
/// <c>--clients 16,64,64</c> replays once per count over the same setup. Each replay closes with
/// <c>dashboard: p95 X ms over N requests</c>, after the CPU each request cost the API, PostgreSQL and this load
/// generator (all three share the machine) and the machine's load average.
/// </summary>
public static class DashboardBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var responses = Option(args, "--responses", 1_000_000);
        var seconds = Option(args, "--seconds", 20);
        var clientCounts = args.SkipWhile(a => a != "--clients").Skip(1).Take(1)
            .SelectMany(a => a.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse).DefaultIfEmpty(64).ToArray();
        // All analysts sign in from one address within a second: above the sign-in limit meant for people.
        await using var platform = await Platform.StartAsync(new Dictionary<string, string> { ["Sipas:RateLimits:SignInPerMinute"] = "1000" });
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSipasDb(platform.ConnectionString)
            .AddScoped<ComputeWaveSnapshot>();
        services.AddIdentityCore<SipasUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<SipasDb>();
        await using var provider = services.BuildServiceProvider();

        var load = Stopwatch.StartNew();
        int snapshotId;
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
            var wave = await BenchData.CreateWave(db);
            await BenchData.LoadResponses(scope.ServiceProvider.GetRequiredService<NpgsqlDataSource>(), db, wave, responses);
            var snapshot = new Snapshot { WaveId = wave.Id, RequestedAt = DateTimeOffset.UtcNow, RequestedBy = "bench", Channels = wave.OfficialChannels };
            db.Snapshots.Add(snapshot);
            await db.SaveChangesAsync();
            snapshotId = snapshot.Id;
            await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(snapshotId, CancellationToken.None);
        }
        await using (var connection = new NpgsqlConnection(platform.ConnectionString))
        {
            await connection.OpenAsync();
            await new NpgsqlCommand("VACUUM ANALYZE sipas.snapshot_results", connection).ExecuteNonQueryAsync();
        }
        const string password = "Dashboard-bench-password-1";
        await StaffAccounts.CreateAsync(provider, "analyst-bench", password, Roles.Analyst);
        Console.WriteLine($"setup: {responses} responses and their snapshot in {load.Elapsed.TotalSeconds:F0} s (not timed)");

        var (paths, walked) = await DashboardPaths(platform.BaseUrl, password, snapshotId);
        await FirstReads(platform.BaseUrl, password, [.. paths.Select(p => p.Path).Distinct().Except(walked)]);
        var meter = new CpuMeter(platform.ApiProcessId, platform.Cluster.Folder);
        if (args.Contains("--profile")) await Profile(platform.BaseUrl, password, paths, meter);
        var failed = 0;
        foreach (var clients in clientCounts)
            failed += await Measure(platform.BaseUrl, password, paths, clients, seconds, snapshotId, meter);
        return failed == 0 ? 0 : 1;
    }

    /// <summary>One replay by <paramref name="clients"/> analysts, after a 3 s warm-up; returns the failed requests.</summary>
    private static async Task<int> Measure(string baseUrl, string password, List<(string Kind, string Path)> paths, int clients,
        int seconds, int snapshotId, CpuMeter meter)
    {
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>();
        var failures = 0;
        // Two sign-ins at a time: each hashes a password (about 0.1 s of CPU), which is not what is measured.
        using var gate = new SemaphoreSlim(2);
        var sessions = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            await gate.WaitAsync();
            try
            {
                return await SignIn(baseUrl, password);
            }
            finally
            {
                gate.Release();
            }
        }));
        await Replay(sessions, paths, TimeSpan.FromSeconds(3), null, () => { });   // warm-up: JIT, pools, plans
        var (load, cpu, self, machine) = (LoadAverage(), meter.Read(), Environment.CpuUsage.TotalTime, MachineCpu());
        var clock = Stopwatch.StartNew();
        await Replay(sessions, paths, TimeSpan.FromSeconds(seconds), latencies, () => Interlocked.Increment(ref failures));
        var elapsed = clock.Elapsed.TotalSeconds;
        var (cpuAfter, selfAfter, machineAfter) = (meter.Read(), Environment.CpuUsage.TotalTime, MachineCpu());

        var all = latencies.Values.SelectMany(v => v).Order().ToArray();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {clients} analysts for {seconds} s; snapshot {snapshotId}");
        foreach (var (kind, values) in latencies.OrderBy(k => k.Key))
        {
            var sorted = values.Order().ToArray();
            Console.WriteLine($"  {kind,-22} {sorted.Length,7} requests  p50 {Percentile(sorted, 0.5),6:0.0} ms  p95 {Percentile(sorted, 0.95),6:0.0} ms  p99 {Percentile(sorted, 0.99),6:0.0} ms");
        }
        var requests = Math.Max(1, all.Length);
        var busy = machineAfter.Busy - machine.Busy;
        Console.WriteLine($"cpu per request: API {(cpuAfter.Api - cpu.Api) * 1000 / requests:0.000} ms, PostgreSQL " +
            $"{(cpuAfter.Database - cpu.Database) * 1000 / requests:0.000} ms, load generator {(selfAfter - self).TotalMilliseconds / requests:0.000} ms; " +
            $"machine busy {100 * busy / Math.Max(1e-9, machineAfter.Total - machine.Total):0}% of {Environment.ProcessorCount} cores");
        Console.WriteLine($"load average: {load} before, {LoadAverage()} after");
        Console.WriteLine($"{all.Length / elapsed:0} requests/s; failed {failures}");
        Console.WriteLine($"dashboard: p95 {Percentile(all, 0.95):0} ms over {all.Length} requests");
        foreach (var s in sessions) s.Dispose();
        return failures;
    }

    /// <summary>
    /// Each distinct request once, one analyst, before any replay: what a first read costs (nothing of it cached yet
    /// by the API), apart from the replay that follows, which reads what was read before. The requests the walk of the
    /// drill-down already made are left out.
    /// </summary>
    private static async Task FirstReads(string baseUrl, string password, List<string> paths)
    {
        using var http = await SignIn(baseUrl, password);
        var times = new List<double>();
        foreach (var path in paths)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        var sorted = times.Order().ToArray();
        Console.WriteLine($"first reads ({sorted.Length} distinct requests, one analyst): p50 {Percentile(sorted, 0.5):0.0} ms, " +
            $"p95 {Percentile(sorted, 0.95):0.0} ms, max {sorted[^1]:0.0} ms");
    }

    /// <summary>
    /// What each kind of request costs by itself: one analyst's session sends 1,000 of that kind, 8 at a time (enough to
    /// keep the API busy, so idle threads spinning for work are not counted), and the CPU the API and PostgreSQL spent
    /// is divided by them. <c>/health/live</c> (anonymous, no database) is the floor of any request to the API, and
    /// <c>/api/auth/me</c> a signed-in one that reads the account (two small queries).
    /// </summary>
    private static async Task Profile(string baseUrl, string password, List<(string Kind, string Path)> paths, CpuMeter meter)
    {
        using var http = await SignIn(baseUrl, password);
        var kinds = paths.GroupBy(p => p.Kind).Select(g => (g.Key, g.Select(p => p.Path).Distinct().ToArray()))
            .Prepend(("auth/me (reads the account)", ["/api/auth/me"])).Prepend(("health/live (anonymous)", ["/health/live"])).ToList();
        // Every kind first, then a pause: the JIT's second tier compiles in the background meanwhile, and would otherwise
        // be counted against whichever kind came first.
        foreach (var (_, kindPaths) in kinds) await Send(kindPaths, 300);
        await Task.Delay(TimeSpan.FromSeconds(3));
        const int count = 1000;
        foreach (var (kind, kindPaths) in kinds)
        {
            var (before, started) = (meter.Read(), Stopwatch.GetTimestamp());
            await Send(kindPaths, count);
            var (after, elapsed) = (meter.Read(), Stopwatch.GetElapsedTime(started).TotalSeconds);
            Console.WriteLine($"  profile {kind,-28} API {(after.Api - before.Api) * 1000 / count:0.000} ms, PostgreSQL " +
                $"{(after.Database - before.Database) * 1000 / count:0.000} ms of CPU a request ({count / elapsed:0} requests/s)");
        }

        async Task Send(string[] kindPaths, int total)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                for (var i = Interlocked.Increment(ref next); i < total; i = Interlocked.Increment(ref next))
                {
                    using var response = await http.GetAsync(kindPaths[i % kindPaths.Length]);
                    await response.Content.ReadAsByteArrayAsync();
                    response.EnsureSuccessStatusCode();
                }
            }));
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages, as <c>uptime</c> prints them.</summary>
    private static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>Every process's CPU time on the machine (seconds of busy and of all time, every core), from /proc/stat.</summary>
    private static (double Busy, double Total) MachineCpu()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(double.Parse).ToArray();
        var idle = fields[3] + fields[4];   // idle, iowait
        return ((fields.Sum() - idle) / 100, fields.Sum() / 100);
    }

    /// <summary>What the dashboard asks for, walked from the snapshot's own rows: every level of the drill-down.</summary>
    private static async Task<(List<(string Kind, string Path)> Paths, HashSet<string> Walked)> DashboardPaths(string baseUrl,
        string password, int id)
    {
        using var http = await SignIn(baseUrl, password);
        var walked = new HashSet<string>();
        Task<List<string>> Rows(string path, string property = "groupCode")
        {
            walked.Add(path);
            return DashboardBench.Rows(http, path, property);
        }
        var snapshot = $"/api/results/snapshots/{id}";
        var paths = new List<(string, string)>
        {
            ("waves", "/api/results/waves"), ("runs", "/api/results/runs"), ("snapshot", snapshot),
            ("indicators", $"{snapshot}/indicators"), ("change", $"{snapshot}/change"),
            ("areas", $"{snapshot}/rows?groupType=area&indicator=SIPAS"),
            ("map (communes)", $"{snapshot}/rows?groupType=unit&indicator=SIPAS"),
        };
        var areas = await Rows($"{snapshot}/rows?groupType=area&indicator=SIPAS");
        foreach (var area in areas)
        {
            paths.Add(("area → agencies", $"{snapshot}/rows?groupType=area-agency&indicator=SIPAS&parent={area}"));
            foreach (var agency in (await Rows($"{snapshot}/rows?groupType=area-agency&indicator=SIPAS&parent={area}")).Take(3))
            {
                paths.Add(("agency → communes", $"{snapshot}/rows?groupType=area-agency-unit&indicator=SIPAS&parent={Uri.EscapeDataString(agency)}"));
                var sections = $"{snapshot}/rows?groupType=area-agency&indicator=SIPAS&groupCode={Uri.EscapeDataString(agency)}";
                paths.Add(("agency → sections", sections));
                foreach (var section in (await Rows(sections, "section")).Where(s => s.Length > 0).Take(2))
                    paths.Add(("section → criteria", $"{sections}&section={Uri.EscapeDataString(section)}"));
            }
        }
        return (paths, walked);
    }

    private static async Task<List<string>> Rows(HttpClient http, string path, string property = "groupCode")
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(path));
        return [.. document.RootElement.EnumerateArray().Select(r => r.GetProperty(property).GetString()!)];
    }

    private static async Task<HttpClient> SignIn(string baseUrl, string password)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseCookies = true, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30),
        };
        await Csrf(http);
        (await http.PostAsJsonAsync("/api/auth/sign-in", new { userName = "analyst-bench", password })).EnsureSuccessStatusCode();
        await Csrf(http);
        return http;
    }

    private static async Task Csrf(HttpClient http)
    {
        using var token = JsonDocument.Parse(await http.GetStringAsync("/api/auth/csrf"));
        http.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token.RootElement.GetProperty("token").GetString());
    }

    private static Task Replay(HttpClient[] sessions, List<(string Kind, string Path)> paths, TimeSpan duration,
        ConcurrentDictionary<string, ConcurrentBag<double>>? latencies, Action failed)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        return Task.WhenAll(sessions.Select(async (http, client) =>
        {
            var random = new Random(client);
            while (Stopwatch.GetTimestamp() < end)
            {
                var (kind, path) = paths[random.Next(paths.Count)];
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!response.IsSuccessStatusCode) failed();
                latencies?.GetOrAdd(kind, _ => []).Add(ms);
            }
        }));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);
}
