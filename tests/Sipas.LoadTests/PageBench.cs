using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;

namespace Sipas.LoadTests;

/// <summary>
/// The citizen page's first load in headless Chromium on an emulated slow 3G (400 ms round trip, 400 kbit/s both
/// ways) with a 4× CPU slowdown, empty cache: bytes on the wire, requests, and the time until the survey can be
/// started (the "Bắt đầu" button is there).
/// </summary>
public static class PageBench
{
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
        var page = await (await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true, Locale = "vi-VN",
        })).NewPageAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new() { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new()
        {
            ["offline"] = false, ["latency"] = 400, ["downloadThroughput"] = 400_000 / 8, ["uploadThroughput"] = 400_000 / 8,
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
        await page.GotoAsync($"{platform.BaseUrl}/s/XD-01", new PageGotoOptions { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).WaitForAsync(new() { Timeout = 60_000 });
        var usable = clock.Elapsed.TotalSeconds;
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var pageBytes = bytes.Where(b => urls.TryGetValue(b.Key, out var url) && !url.Contains("/api/")).Sum(b => b.Value);
        var apiBytes = bytes.Where(b => urls.TryGetValue(b.Key, out var url) && url.Contains("/api/")).Sum(b => b.Value);
        foreach (var (id, size) in bytes.OrderBy(b => urls.GetValueOrDefault(b.Key)))
            Console.WriteLine($"  {size,8:0} B  {urls.GetValueOrDefault(id, id)}");
        Console.WriteLine($"page (HTML, JS, CSS) {pageBytes / 1024:0.0} KB on the wire, API {apiBytes / 1024:0.0} KB; slow 3G 400 ms RTT 400 kbit/s, CPU ×4");
        Console.WriteLine($"citizen page: {pageBytes / 1024:0.0} KB compressed, {bytes.Count} requests, usable in {usable:0.00} s on slow 3G");
        return pageBytes <= 35 * 1024 && usable <= 3 ? 0 : 1;
    }
}
