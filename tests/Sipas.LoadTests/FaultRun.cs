using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Npgsql;

namespace Sipas.LoadTests;

/// <summary>
/// <c>./sipas fault [api|database|all] [--seconds N] [--clients N]</c>: faults under citizen load, on the platform as
/// the benchmarks run it (the built API as its own process, PostgreSQL with fsync and synchronous commit on).
/// <list type="bullet">
/// <item><c>api</c>: 64 clients submit; the API process is killed (SIGKILL) mid-load and started again. Clients
/// retry with the same UUID until acknowledged. Every acknowledged response must be stored exactly once, and every
/// one re-sent afterwards must get its original receipt.</item>
/// <item><c>database</c>: 64 clients submit; PostgreSQL is stopped mid-load (fast shutdown) and started again after
/// a few seconds. The API must answer 503 ProblemDetails quickly (no request longer than its timeouts) and recover
/// by itself; nothing acknowledged is lost.</item>
/// </list>
/// </summary>
public static class FaultRun
{
    private sealed class Load
    {
        public readonly ConcurrentDictionary<Guid, (string Body, string Receipt, string Point)> Acknowledged = new();
        public readonly ConcurrentDictionary<int, long> Statuses = new();
        public readonly ConcurrentQueue<(DateTime At, double Ms, int Status)> Requests = new();
        public readonly ConcurrentQueue<string> Faults = new();
        public readonly DateTime Started = DateTime.UtcNow;
        public long Retries;
        public long GaveUp;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var which = args.FirstOrDefault(a => !a.StartsWith("--") && !int.TryParse(a, out _)) ?? "all";
        var seconds = Option(args, "--seconds", 20);
        var clients = Option(args, "--clients", 64);
        var outage = Option(args, "--outage", 8);
        var results = new List<(bool Pass, string Line)>();
        await using var platform = await Platform.StartAsync(new Dictionary<string, string>
        {
            ["Sipas:RateLimits:SubmitsPerServicePointPerMinute"] = "100000000",
            ["Sipas:RateLimits:SubmitsPerAddressPerMinute"] = "100000000",
            ["Sipas:RateLimits:SubmitsPerDevicePerServicePointPerDay"] = "100000000",
            ["Sipas:RateLimits:CredentialsPerAddressPerMinute"] = "100000000",
            ["Logging:LogLevel:Default"] = "Error",
        });
        var points = await platform.OpenWaveAsync(20);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}; " +
                          $"{clients} clients, {seconds} s of load per section; PostgreSQL fsync on, synchronous_commit on");

        if (which is "api" or "all") results.AddRange(await KillApi(platform, points, clients, seconds));
        if (which is "database" or "all") results.AddRange(await RestartDatabase(platform, points, clients, seconds, outage));

        Console.WriteLine();
        foreach (var (pass, line) in results) Console.WriteLine($"{(pass ? "PASS" : "FAIL")}  {line}");
        var failed = results.Count(r => !r.Pass);
        Console.WriteLine($"fault: {results.Count - failed} passed, {failed} failed");
        return failed == 0 ? 0 : 1;
    }

    private static async Task<List<(bool, string)>> KillApi(Platform platform, string[] points, int clients, int seconds)
    {
        Console.WriteLine($"\n== api: SIGKILL of the API process at {seconds / 3} s of {seconds} s, then started again");
        using var http = Client(platform, clients);
        var load = new Load();
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        var running = Run(http, points, clients, end, load);
        await Task.Delay(TimeSpan.FromSeconds(seconds / 3.0));
        var before = load.Acknowledged.Count;
        var oldPid = platform.ApiProcessId;
        var killed = Stopwatch.StartNew();
        await platform.KillApiAsync();
        var killedAt = DateTime.UtcNow;
        await platform.StartApiAsync();
        var downtime = killed.Elapsed;
        Console.WriteLine($"killed pid {oldPid} with {before} acknowledged; new pid {platform.ApiProcessId} ready after {downtime.TotalSeconds:0.0} s");
        await running;
        return await Check(platform, http, load, "api killed", killedAt, killedAt + downtime, downtime);
    }

    private static async Task<List<(bool, string)>> RestartDatabase(Platform platform, string[] points, int clients, int seconds, int outage)
    {
        Console.WriteLine($"\n== database: PostgreSQL stopped (fast shutdown) at {seconds / 3} s for {outage} s, then started again");
        using var http = Client(platform, clients);
        var load = new Load();
        var end = DateTime.UtcNow + TimeSpan.FromSeconds(seconds + outage);
        var running = Run(http, points, clients, end, load);
        await Task.Delay(TimeSpan.FromSeconds(seconds / 3.0));
        var stopping = DateTime.UtcNow;
        await platform.Cluster.StopAsync();
        var stopped = DateTime.UtcNow;
        Console.WriteLine($"PostgreSQL stopped in {(stopped - stopping).TotalSeconds:0.0} s");
        await Task.Delay(TimeSpan.FromSeconds(outage));
        var starting = DateTime.UtcNow;
        await platform.Cluster.StartAsync();
        var back = DateTime.UtcNow;
        Console.WriteLine($"PostgreSQL started again in {(back - starting).TotalSeconds:0.0} s");
        await running;
        return await Check(platform, http, load, "PostgreSQL restarted", stopping, back, null);
    }

    /// <summary>64 clients, each submitting one response after the other and retrying each with the same id until acknowledged.</summary>
    private static Task Run(HttpClient http, string[] points, int clients, DateTime end, Load load) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client + Environment.TickCount);
            while (DateTime.UtcNow < end)
            {
                var id = Guid.NewGuid();
                var body = IngestBench.Body(id, random);
                var point = points[random.Next(points.Length)];
                var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(60);
                for (var attempt = 0; ; attempt++)
                {
                    if (attempt > 0) Interlocked.Increment(ref load.Retries);
                    var (status, text) = await Post(http, point, body, load);
                    if (status is 200 or 201)
                    {
                        if (!load.Acknowledged.TryAdd(id, (body, text, point))) load.Faults.Enqueue($"{id} acknowledged twice");
                        break;
                    }
                    if (status is not (503 or 599 or 429)) load.Faults.Enqueue($"{id}: {status} {text[..Math.Min(text.Length, 200)]}");
                    if (DateTime.UtcNow > giveUp)
                    {
                        Interlocked.Increment(ref load.GaveUp);
                        break;
                    }
                    await Task.Delay(250);
                }
            }
        }));

    private static async Task<(int Status, string Body)> Post(HttpClient http, string point, string body, Load load)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/service-points/{point}/responses")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var at = DateTime.UtcNow;
        var started = Stopwatch.GetTimestamp();
        int status;
        string text;
        try
        {
            using var response = await http.SendAsync(request);
            status = (int)response.StatusCode;
            text = await response.Content.ReadAsStringAsync();
            if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                load.Faults.Enqueue($"{status} without ProblemDetails");
            if (status == 503 && response.Headers.RetryAfter is null) load.Faults.Enqueue("503 without Retry-After");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = e is TaskCanceledException ? 598 : 599; // 598: the client's own timeout ran out; 599: no connection
            text = e.Message;
        }
        load.Requests.Enqueue((at, Stopwatch.GetElapsedTime(started).TotalMilliseconds, status));
        load.Statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
        return (status, text);
    }

    private static async Task<List<(bool, string)>> Check(Platform platform, HttpClient http, Load load, string what,
        DateTime faultFrom, DateTime faultTo, TimeSpan? downtime)
    {
        var results = new List<(bool, string)>();
        var ids = load.Acknowledged.Keys.ToArray();
        // Not from the pool: a restart of PostgreSQL leaves pooled connections of this process broken.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(platform.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var check = new NpgsqlCommand(
            "SELECT (SELECT count(*) - count(DISTINCT content_hash) FROM sipas.responses WHERE channel = 'web' AND received_at >= $2), " +
            "(SELECT count(DISTINCT id) FROM sipas.responses WHERE id = ANY($1)), " +
            "(SELECT count(*) FROM sipas.responses WHERE NOT (id = ANY($1)) AND channel = 'web' AND received_at >= $2)", connection);
        check.Parameters.AddWithValue(ids);
        check.Parameters.AddWithValue(load.Started);
        // Duplicated: the same submission (the same content: service point, answers) stored under two ids, which
        // is what a retry going wrong would do. Counting rows per id would be 0 by construction (the id is the key).
        long sameContent, distinct, unacknowledged;
        await using (var reader = await check.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            (sameContent, distinct, unacknowledged) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }
        var lost = ids.Length - distinct;
        var duplicated = sameContent;

        // Every acknowledged response sent again with its id: 200 and the very receipt it got the first time.
        var mismatched = 0;
        foreach (var chunk in load.Acknowledged.Chunk(64))
            await Task.WhenAll(chunk.Select(async a =>
            {
                var (status, text) = await Post(http, a.Value.Point, a.Value.Body, new Load());
                if (status != 200 || text != a.Value.Receipt) Interlocked.Increment(ref mismatched);
            }));

        var during = load.Requests.Where(r => r.At >= faultFrom && r.At <= faultTo).ToList();
        // Recovery: from the end of the fault until the first acknowledgement of a request sent after it arrived.
        var after = load.Requests.Where(r => r.At > faultTo && r.Status is 200 or 201).Select(r => r.At.AddMilliseconds(r.Ms)).Order().FirstOrDefault();
        var recovery = after == default ? double.NaN : (after - faultTo).TotalSeconds;
        var statuses = string.Join(", ", load.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
        var duringStatuses = string.Join(", ", during.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"));
        var maxDuring = during.Count == 0 ? 0 : during.Max(r => r.Ms);
        Console.WriteLine($"{what}: requests {load.Requests.Count} ({statuses}); during the fault {during.Count} ({duringStatuses}), " +
                          $"max latency {maxDuring:0} ms; retries {load.Retries}, gave up {load.GaveUp}");

        results.Add((lost == 0 && duplicated == 0 && load.GaveUp == 0,
            $"{what}: acknowledged {ids.Length}, stored {distinct}, lost {lost}, duplicated {duplicated}, stored but not acknowledged {unacknowledged}, " +
            $"clients that gave up {load.GaveUp}"));
        results.Add((mismatched == 0,
            $"{what}: {ids.Length} acknowledged responses re-sent with their UUID: {ids.Length - mismatched} got 200 and their original receipt, {mismatched} did not"));
        results.Add((load.Faults.IsEmpty,
            $"{what}: every refusal a 503 ProblemDetails with Retry-After or a refused connection; other answers: {load.Faults.Count}" +
            (load.Faults.IsEmpty ? "" : $" (first: {load.Faults.First()})")));
        if (downtime is null)
        {
            var slow = during.Count(r => r.Ms > 15_000);
            results.Add((slow == 0 && during.Any(r => r.Status == 503) && !double.IsNaN(recovery),
                $"{what}: during the outage {during.Count(r => r.Status == 503)} answers were 503, the slowest took {maxDuring:0} ms " +
                $"(none over 15 s: {slow == 0}); first acknowledgement {recovery:0.00} s after PostgreSQL was back, without restarting the API"));
        }
        else
            results.Add((!double.IsNaN(recovery),
                $"{what}: API down {downtime.Value.TotalSeconds:0.0} s (kill to ready); first acknowledgement {recovery:0.00} s after it was ready"));
        return results;
    }

    private static HttpClient Client(Platform platform, int clients) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = new Uri(platform.BaseUrl), Timeout = TimeSpan.FromSeconds(30),
        };

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}
