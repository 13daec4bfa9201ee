using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Jobs;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

/// <summary>
/// The built web app under the Content-Security-Policy the server sends (no inline script or style attribute, same
/// origin only; the citizen page's own inline files by their hashes): every page's scripts run and styles apply,
/// and the browser reports no violation.
/// </summary>
public class ContentSecurityPolicyTests(BrowserHost host)
{
    private const string RecordViolations =
        "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile + ':' + e.lineNumber));";

    private static async Task<List<string>> Watch(IPage page)
    {
        var problems = new List<string>();
        await page.AddInitScriptAsync(RecordViolations);
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy")) problems.Add($"console: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"error: {e}");
        return problems;
    }

    private static async Task<List<string>> Violations(IPage page, List<string> problems) =>
        [.. problems, .. await page.EvaluateAsync<string[]>("() => window.__csp")];

    private static async Task AssertStyled(IPage page)
    {
        // The stylesheet gives the top bar its blue; without it the bar is transparent.
        var background = await page.Locator("header.bar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.NotEqual("rgba(0, 0, 0, 0)", background);
    }

    [Fact]
    public async Task LandingAndCitizenPages_RunUnderThePolicy_WithoutViolations()
    {
        await Fieldwork.OpenWaveWithServicePoint(host, "XD-CSP");
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        var problems = await Watch(page);

        var landing = await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.Contains("script-src 'self'", await landing!.HeaderValueAsync("content-security-policy"));
        await page.Locator("main h2").First.WaitForAsync(); // drawn by the landing page's script
        await AssertStyled(page);
        var landingViolations = await Violations(page, problems);

        var citizen = await page.GotoAsync("/s/XD-CSP", new() { WaitUntil = WaitUntilState.NetworkIdle });
        // The citizen page carries its JS and CSS inline, allowed by their hashes; the landing page names files.
        var citizenPolicy = await citizen!.HeaderValueAsync("content-security-policy");
        Assert.Contains("script-src 'self' 'sha256-", citizenPolicy);
        Assert.Contains("style-src 'self' 'sha256-", citizenPolicy);
        Assert.DoesNotContain("sha256", await landing.HeaderValueAsync("content-security-policy"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).ClickAsync();
        await page.Locator("input[type=radio]").First.WaitForAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.ready.then(() => true)", null, new() { Timeout = 15_000 });
        await AssertStyled(page);

        Assert.Empty(landingViolations);
        Assert.Empty(await Violations(page, problems));
    }

    [Fact]
    public async Task StaffDashboard_RunsUnderThePolicy_WithoutViolations_AndItsLegendKeepsItsColours()
    {
        await SeedSnapshot();
        const string password = "browser-test-password-csp";
        await host.CreateUserAsync("analyst-csp", password, Roles.Analyst);
        await using var desktop = await host.NewDesktopAsync();
        var page = await desktop.NewPageAsync();
        var problems = await Watch(page);

        await page.GotoAsync("/staff", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("#userName").FillAsync("analyst-csp");
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await page.Locator("li.tile .estimate").First.WaitForAsync();
        var swatch = page.Locator(".legend .swatch:not(.nodata)").First;
        await swatch.WaitForAsync();
        var colour = await swatch.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

        await AssertStyled(page);
        Assert.NotEqual("rgba(0, 0, 0, 0)", colour);
        Assert.Empty(await Violations(page, problems));
    }

    private async Task SeedSnapshot()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        var wave = await TestWaves.CreateAsync(db, "CSP-H2", 2024, 2);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 200, seed: 7);
        var snapshot = scope.ServiceProvider.GetRequiredService<SnapshotRequests>().Create(wave, "tester", null, false);
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync();
        await scope.ServiceProvider.GetRequiredService<ComputeWaveSnapshot>().Run(snapshot.Id, CancellationToken.None);
    }
}
