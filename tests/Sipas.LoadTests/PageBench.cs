using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Sipas.LoadTests;

/// <summary>
/// The citizen page's first load in headless Chromium with a 4× CPU slowdown, empty cache, on each network profile
/// in turn (<see cref="Profiles"/>): bytes on the wire, requests, and the time until the survey can be started (the
/// "Bắt đầu" button is there). Each figure is printed with its profile's name and parameters.
/// </summary>
public static class PageBench
{
    /// <summary>A network emulated with the Chrome DevTools Protocol's <c>Network.emulateNetworkConditions</c>.</summary>
    private sealed record Profile(string Name, int RoundTripMs, int DownKbits, int UpKbits)
    {
        public string Parameters => $"{RoundTripMs} ms round trip, {DownKbits} kbit/s down, {UpKbits} kbit/s up";
    }

    private static readonly Profile[] Profiles =
    [
        // The profile of every figure before issue 15; the budget (35 KB, 3 s) is checked on it.
        new("slow 3G 400 ms", 400, 400, 400),
        // Chrome DevTools' own Slow 3G preset (front_end/core/sdk/NetworkManager.ts, Slow3GConditions):
        // latency 400 ms × 5, download and upload 500 kbit/s × 0.8.
        new("Chrome Slow 3G", 2000, 400, 400),
    ];

    private const double BudgetKb = 35, BudgetSeconds = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        await using var platform = await Platform.StartAsync(new Dictionary<string, string>());
        await platform.OpenWaveAsync(1);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SIPAS_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        var summary = new List<string>();
        var withinBudget = true;
        foreach (var profile in Profiles)
        {
            var (pageBytes, requests, usable) = await LoadAsync(browser, platform.BaseUrl, profile);
            summary.Add($"citizen page: {pageBytes / 1024:0.0} KB compressed, {requests} requests, usable in {usable:0.00} s " +
                        $"on {profile.Name} ({profile.Parameters}, CPU ×4)");
            if (profile == Profiles[0]) withinBudget = pageBytes <= BudgetKb * 1024 && usable <= BudgetSeconds;
        }
        Console.WriteLine($"budget ({BudgetKb} KB, {BudgetSeconds} s usable) checked on {Profiles[0].Name}: {(withinBudget ? "met" : "NOT met")}");
        foreach (var line in summary) Console.WriteLine(line);
        return withinBudget ? 0 : 1;
    }

    /// <summary>One first load in a new browser context (nothing cached, nothing shared with the previous profile).</summary>
    private static async Task<(double PageBytes, int Requests, double Usable)> LoadAsync(IBrowser browser, string baseUrl, Profile profile)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, Locale = "vi-VN",
        });
        var page = await context.NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new()
        {
            ["offline"] = false, ["latency"] = profile.RoundTripMs,
            ["downloadThroughput"] = profile.DownKbits * 1000 / 8, ["uploadThroughput"] = profile.UpKbits * 1000 / 8,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new() { ["rate"] = 4 });

        var urls = new Dictionary<string, string>();
        var bytes = new Dictionary<string, double>();
        cdp.Event("Network.responseReceived").OnEvent += (_, e) =>
        {
            if (e is { } json) urls[json.GetProperty("requestId").GetString()!] = json.GetProperty("response").GetProperty("url").GetString()!;
        };
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } json) bytes[json.GetProperty("requestId").GetString()!] = json.GetProperty("encodedDataLength").GetDouble();
        };

        var clock = Stopwatch.StartNew();
        await page.GotoAsync($"{baseUrl}/s/XD-01", new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).WaitForAsync(new() { Timeout = 60_000 });
        var usable = clock.Elapsed.TotalSeconds;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var pageBytes = bytes.Where(b => urls.TryGetValue(b.Key, out var url) && !url.Contains("/api/")).Sum(b => b.Value);
        var apiBytes = bytes.Where(b => urls.TryGetValue(b.Key, out var url) && url.Contains("/api/")).Sum(b => b.Value);
        Console.WriteLine($"{profile.Name}: {profile.Parameters}, CPU ×4");
        foreach (var (id, size) in bytes.OrderBy(b => urls.GetValueOrDefault(b.Key)))
            Console.WriteLine($"  {size,8:0} B  {urls.GetValueOrDefault(id, id)}");
        Console.WriteLine($"page (HTML, JS, CSS) {pageBytes / 1024:0.0} KB on the wire, API {apiBytes / 1024:0.0} KB; usable in {usable:0.00} s on {profile.Name}");
        return (pageBytes, bytes.Count, usable);
    }
}
