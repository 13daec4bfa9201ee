using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.LoadTests;

/// <summary>
/// The paper-form entry screen (`/staff/entry`) keyed with the keyboard alone in headless Chromium against the
/// Release API: a surveyor starts a form, types its serial, one key per criterion of the 22-item SIPAS form (one
/// "no opinion" 0, one blank Enter), checks the summary and saves, at a trained keyer's pace (default 360 ms per
/// keystroke, i.e. 10,000 keystrokes an hour) and then as fast as the browser can send keys (what the screen itself
/// costs). Ten forms each. Closes with <c>entry: 22-item form keyed in T s at P ms per keystroke (K keystrokes)</c>.
/// </summary>
public static class EntryBench
{
    private const string Answers = "445430554445454355334.";   // "." is Enter (blank)

    public static async Task<int> RunAsync(string[] args)
    {
        var pace = args.SkipWhile(a => a != "--pace").Skip(1).Select(int.Parse).FirstOrDefault(360);
        var forms = args.SkipWhile(a => a != "--forms").Skip(1).Select(int.Parse).FirstOrDefault(10);
        await using var platform = await Platform.StartAsync(new Dictionary<string, string> { ["Sipas:RateLimits:SignInPerMinute"] = "1000" });
        await platform.OpenWaveAsync(1);
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSipasDb(platform.ConnectionString);
        services.AddIdentityCore<SipasUser>().AddRoles<IdentityRole<Guid>>().AddEntityFrameworkStores<SipasDb>();
        await using var provider = services.BuildServiceProvider();
        const string password = "Entry-bench-password-1";
        await StaffAccounts.CreateAsync(provider, "dtv-bench", password, Roles.Surveyor);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SIPAS_CHROMIUM") ?? "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await (await browser.NewContextAsync(new() { BaseURL = platform.BaseUrl, Locale = "vi-VN" })).NewPageAsync();
        await page.GotoAsync("/staff");
        await page.GetByLabel("Tên đăng nhập").FillAsync("dtv-bench");
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập phiếu giấy" }).ClickAsync();
        await page.GetByLabel("Mẫu phiếu").SelectOptionAsync("sipas-dvhcc@2025.1");
        await page.GetByLabel("Lĩnh vực").SelectOptionAsync("construction");
        await page.GetByLabel("Cơ quan").SelectOptionAsync("so-xay-dung");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu nhập" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var paced = new List<double>();
        var fastest = new List<double>();
        var keystrokes = 0;
        for (var i = 0; i < 2 * forms; i++)
        {
            var delay = i < forms ? pace : 0;
            var serial = $"PB-{i + 1:0000}";
            var clock = Stopwatch.StartNew();
            keystrokes = 0;
            async Task Key(string key)
            {
                await page.Keyboard.PressAsync(key);
                keystrokes++;
                if (delay > 0) await Task.Delay(delay);
            }
            foreach (var c in serial) await Key(c.ToString());
            await Key("Enter");
            foreach (var c in Answers) await Key(c == '.' ? "Enter" : c.ToString());
            await page.GetByText($"Kiểm tra phiếu {serial}").WaitForAsync();
            await Key("Enter");
            await page.GetByText($"Đã lưu phiếu {serial}").WaitForAsync();
            (i < forms ? paced : fastest).Add(clock.Elapsed.TotalSeconds);
        }
        Console.WriteLine($"forms keyed: {2 * forms} ({keystrokes} keystrokes each: serial, Enter, 22 answers, Enter to save)");
        Console.WriteLine($"as fast as the browser sends keys: median {Median(fastest):0.00} s per form (what the screen itself costs)");
        Console.WriteLine($"at {pace} ms per keystroke: median {Median(paced):0.00} s, slowest {paced.Max():0.00} s per form");
        Console.WriteLine($"entry: 22-item form keyed in {Median(paced):0.0} s at {pace} ms per keystroke ({keystrokes} keystrokes)");
        return Median(paced) < 40 ? 0 : 1;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
