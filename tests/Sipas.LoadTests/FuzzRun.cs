using Sipas.Testing;

namespace Sipas.LoadTests;

/// <summary>
/// <c>./sipas fuzz [--minutes N] [--clients N] [--seed N]</c>: the public endpoints of the API (its own process, its
/// own PostgreSQL) under mutated requests (<see cref="Fuzzer"/>) for N minutes; then no 5xx, every 4xx a
/// ProblemDetails, no stored garbage, and the API still ready.
/// </summary>
public static class FuzzRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var minutes = Option(args, "--minutes", 5);
        var seconds = Option(args, "--seconds", minutes * 60);
        var clients = Option(args, "--clients", 8);
        var seed = Option(args, "--seed", 20251125);
        await using var platform = await Platform.StartAsync(new Dictionary<string, string>
        {
            ["Sipas:RateLimits:SubmitsPerServicePointPerMinute"] = "100000000",
            ["Sipas:RateLimits:SubmitsPerAddressPerMinute"] = "100000000",
            ["Sipas:RateLimits:SubmitsPerDevicePerServicePointPerDay"] = "100000000",
            ["Sipas:RateLimits:CredentialsPerAddressPerMinute"] = "100000000",
            ["Sipas:RateLimits:PublicReadsPerMinute"] = "100000000",
            ["Sipas:RateLimits:SignInPerMinute"] = "100000000",
        });
        var points = await platform.OpenWaveAsync(1);
        using var http = new HttpClient { BaseAddress = new Uri(platform.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Console.WriteLine($"fuzzing {platform.BaseUrl} for {seconds} s with {clients} clients (seed {seed})");

        var report = await new Fuzzer(http, points[0], seed).RunAsync(TimeSpan.FromSeconds(seconds), clients);

        await using var db = platform.NewDb();
        var garbage = await Fuzzer.StoredGarbageAsync(db, report.Acknowledged.Keys.ToList());
        var ready = (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
        foreach (var kind in report.Faults.GroupBy(f => $"{f.Status} {f.Body[..Math.Min(f.Body.Length, 60)]}").OrderByDescending(g => g.Count()).Take(10))
            Console.WriteLine($"FAULT ×{kind.Count()}: {kind.First().Status} {(kind.First().Request.Length > 400 ? kind.First().Request[..150] + " … " + kind.First().Request[^250..] : kind.First().Request)} → {kind.First().Body}");
        foreach (var row in garbage.Take(20)) Console.WriteLine($"GARBAGE {row}");
        var serverErrors = report.ByStatus.Where(s => s.Key is >= 500 and < 598).Sum(s => s.Value);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; {report.Elapsed.TotalMinutes:0.0} min, {clients} clients");
        Console.WriteLine($"statuses: {report.Statuses}");
        Console.WriteLine($"fuzz: {report.Requests} requests ({report.ByStatus.GetValueOrDefault(599)} without an answer) ({report.Requests / report.Elapsed.TotalSeconds:0}/s), {report.Stored} acknowledged submissions " +
                          $"({report.Acknowledged.Count} distinct ids), refused by Kestrel before the app {report.RefusedByServer}, 5xx {serverErrors}, " +
                          $"faults {report.Faults.Count}, stored garbage {garbage.Count}, " +
                          $"max latency {report.MaxMilliseconds:0} ms, API ready after: {(ready ? "yes" : "NO")}");
        return report.Faults.IsEmpty && garbage.Count == 0 && ready ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
}
