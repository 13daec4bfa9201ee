using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Npgsql;

namespace Sipas.LoadTests;

/// <summary>
/// 64 concurrent clients submit citizen responses for a fixed time; one in ten is sent twice (a retry). Then every
/// acknowledged response is looked for in the database: it must be there exactly once.
/// </summary>
public static class IngestBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 20);
        var clients = Option(args, "--clients", 64);
        // A production API has run for hours: its methods are compiled at their last tier. On two shared cores the
        // runtime needs more than ten seconds of this load to get there (a 20 s run right after a 3 s warm-up counted
        // 0.39 ms of API CPU a request, a 150 s run 0.14 ms), so both endpoints get the same, longer warm-up.
        var warmup = TimeSpan.FromSeconds(Option(args, "--warmup", 15));
        // 64 clients from one address, far faster than any desk: the limits are off (0) so the door itself is measured;
        // the quality checks, the hourly and per-device counts behind the flags, and the device credentials stay on.
        await using var platform = await Platform.StartAsync(new Dictionary<string, string>
        {
            ["Sipas:RateLimits:SubmitsPerServicePointPerMinute"] = "0",
            ["Sipas:RateLimits:SubmitsPerAddressPerMinute"] = "0",
            ["Sipas:RateLimits:SubmitsPerDevicePerServicePointPerDay"] = "0",
            ["Sipas:RateLimits:CredentialsPerAddressPerMinute"] = "0",
            // The ceiling beside the figure: the same body parsed and answered by an endpoint that does nothing else.
            ["Sipas:Bench:NoOpEndpoint"] = "true",
        });
        var points = await platform.OpenWaveAsync(20);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = new Uri(platform.BaseUrl), Timeout = TimeSpan.FromSeconds(30),
        };

        var acknowledged = new ConcurrentDictionary<Guid, string>();
        var latencies = new ConcurrentBag<double>();
        var failures = new ConcurrentDictionary<HttpStatusCode, int>();
        var retriesMismatched = 0;
        await Load(http, points, clients, warmup, null, null, null); // warm-up: JIT, pools, caches
        var meter = new CpuMeter(platform.ApiProcessId, platform.Cluster.Folder);
        var cpuBefore = meter.Read();
        var statsBefore = await DatabaseWork(platform.ConnectionString);
        var clock = Stopwatch.StartNew();
        await Load(http, points, clients, TimeSpan.FromSeconds(seconds), acknowledged, latencies, failures, () => Interlocked.Increment(ref retriesMismatched));
        var elapsed = clock.Elapsed.TotalSeconds;
        var cpuAfter = meter.Read();
        await Task.Delay(1500); // PostgreSQL flushes its statistics at most once a second
        var statsAfter = await DatabaseWork(platform.ConnectionString);

        // The same clients, bodies and seconds against the no-op endpoint, right after (warmed up the same way).
        var noOpAcknowledged = new ConcurrentDictionary<Guid, string>();
        var noOpLatencies = new ConcurrentBag<double>();
        await Load(http, points, clients, warmup, null, null, null, path: NoOpPath);
        var noOpClock = Stopwatch.StartNew();
        await Load(http, points, clients, TimeSpan.FromSeconds(seconds), noOpAcknowledged, noOpLatencies, null, path: NoOpPath);
        var noOpRate = noOpAcknowledged.Count / noOpClock.Elapsed.TotalSeconds;

        await using var connection = new NpgsqlConnection(platform.ConnectionString);
        await connection.OpenAsync();
        var ids = acknowledged.Keys.ToArray();
        // Duplicated: the same submission (same service point and answers) stored under two ids, plus retries that did
        // not get their original receipt. (Rows per id would be 0 by construction: the id is the primary key.)
        await using var check = new NpgsqlCommand(
            "SELECT (SELECT count(DISTINCT id) FROM sipas.responses WHERE id = ANY($1)), " +
            "(SELECT count(*) - count(DISTINCT content_hash) FROM sipas.responses WHERE channel = 'web')", connection);
        check.Parameters.AddWithValue(ids);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (distinct, sameContent) = (reader.GetInt64(0), reader.GetInt64(1));
        var lost = ids.Length - distinct;
        var duplicated = sameContent + retriesMismatched;

        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {clients} clients for {seconds} s after a {warmup.TotalSeconds:0} s warm-up (each endpoint); PostgreSQL fsync on, synchronous_commit on");
        Console.WriteLine($"acknowledged {ids.Length} responses ({sorted.Length} requests incl. retries); p50 {Percentile(0.5):0.0} ms, p95 {Percentile(0.95):0.0} ms, p99 {Percentile(0.99):0.0} ms");
        var requests = Math.Max(1, sorted.Length);
        Console.WriteLine($"cpu per request: API {(cpuAfter.Api - cpuBefore.Api) * 1000 / requests:0.00} ms, PostgreSQL {(cpuAfter.Database - cpuBefore.Database) * 1000 / requests:0.00} ms");
        Console.WriteLine($"database per request: {(statsAfter.Transactions - statsBefore.Transactions) / (double)requests:0.00} transactions, " +
            $"{(statsAfter.Rows - statsBefore.Rows) / (double)requests:0.00} rows written, {(statsAfter.Reads - statsBefore.Reads) / (double)requests:0.0} rows read");
        if (!failures.IsEmpty) Console.WriteLine($"not acknowledged: {string.Join(", ", failures.Select(f => $"{(int)f.Key}×{f.Value}"))}");
        var noOpSorted = noOpLatencies.Order().ToArray();
        Console.WriteLine($"no-op endpoint (same body parsed, 201, nothing stored): {noOpRate:0} requests/s, " +
            $"p99 {noOpSorted[(int)Math.Min(noOpSorted.Length - 1, Math.Ceiling(0.99 * noOpSorted.Length) - 1)]:0} ms");
        var rate = ids.Length / elapsed;
        Console.WriteLine($"ingest: {rate:0} submissions/s ({100 * rate / noOpRate:0}% of the no-op endpoint), p99 {Percentile(0.99):0} ms, lost {lost}, duplicated {duplicated}");
        return lost == 0 && duplicated == 0 ? 0 : 1;
    }

    /// <summary>Transactions, rows written and rows read in the bench database so far (pg_stat_database).</summary>
    private static async Task<(long Transactions, long Rows, long Reads)> DatabaseWork(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT xact_commit + xact_rollback, tup_inserted + tup_updated + tup_deleted, tup_returned + tup_fetched
            FROM pg_stat_database WHERE datname = current_database()
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private const string SubmitPath = "/api/public/service-points/{0}/responses", NoOpPath = "/api/bench/no-op/{0}";

    private static async Task Load(HttpClient http, string[] points, int clients, TimeSpan duration,
        ConcurrentDictionary<Guid, string>? acknowledged, ConcurrentBag<double>? latencies,
        ConcurrentDictionary<HttpStatusCode, int>? failures, Action? retryMismatch = null, string path = SubmitPath)
    {
        var end = DateTime.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            var random = new Random(client + (acknowledged is null ? 1000 : 0)); // the warm-up sends other answers than the run
            var device = await Credential(http);
            while (DateTime.UtcNow < end)
            {
                var id = Guid.NewGuid();
                var body = Body(id, random);
                var point = points[random.Next(points.Length)];
                var first = await Post(http, string.Format(path, point), device, body, latencies);
                if (first.Status is not (HttpStatusCode.Created or HttpStatusCode.OK))
                {
                    failures?.AddOrUpdate(first.Status, 1, (_, n) => n + 1);
                    continue;
                }
                acknowledged?.TryAdd(id, first.Body);
                if (random.Next(10) != 0) continue;
                var retry = await Post(http, string.Format(path, point), device, body, latencies);
                if (acknowledged is not null && (retry.Status != HttpStatusCode.OK || retry.Body != first.Body)) retryMismatch?.Invoke();
            }
        }));
    }

    /// <summary>A device credential from the server, as the citizen page asks for one (null if refused: the form is then flagged).</summary>
    internal static async Task<string?> Credential(HttpClient http)
    {
        using var response = await http.PostAsync("/api/public/devices", new StringContent("{}", Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode) return null;
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("credential").GetString();
    }

    private static async Task<(HttpStatusCode Status, string Body)> Post(HttpClient http, string path, string? device, string body,
        ConcurrentBag<double>? latencies)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (device is not null) request.Headers.Add("X-Sipas-Device", device);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            latencies?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return (response.StatusCode, text);
        }
        catch (HttpRequestException)
        {
            return (HttpStatusCode.ServiceUnavailable, "");
        }
    }

    private static readonly string[] Items =
        ["TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "TT5", "CC1", "CC2", "CC3", "CC4", "CC5", "CC6", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3", "PA4"];

    /// <summary>A valid citizen submission (22 criteria, SEX) with the given id; also used by <see cref="FaultRun"/>.</summary>
    internal static string Body(Guid id, Random random)
    {
        var answers = string.Join(',', Items.Select(item => $"\"{item}\":{(random.Next(20) == 0 ? 0 : 3 + random.Next(3))}"));
        return $"{{\"clientId\":\"{id}\",\"answers\":{{{answers},\"SEX\":\"{(random.Next(2) == 0 ? "nam" : "nu")}\"}}}}";
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}
