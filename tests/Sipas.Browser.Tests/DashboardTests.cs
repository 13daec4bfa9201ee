using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Browser.Tests;

public class DashboardTests(BrowserHost host)
{
    [Fact]
    public async Task Analyst_SeesTheSnapshotsFiguresOnTheTiles_AndDrillsDownToACriterion()
    {
        var snapshotId = await SeedSnapshot();
        const string password = "browser-test-password";
        await host.CreateUserAsync("analyst-browser", password, Roles.Analyst);
        await using var desktop = await host.NewDesktopAsync();
        var page = await desktop.NewPageAsync();

        await page.GotoAsync("/staff", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("#userName").FillAsync("analyst-browser");
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
        var tile = page.Locator("li.tile[data-indicator=SIPAS]");
        await Assertions.Expect(tile.Locator(".estimate")).ToBeVisibleAsync();

        SnapshotResult row;
        await using (var db = host.NewDb())
            row = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == snapshotId && r.Channel == "" && r.Indicator == "SIPAS"
                && r.GroupType == "province" && r.Section == "", TestContext.Current.CancellationToken);
        Assert.Equal(Targets.Display(row.Estimate!.Value), await tile.Locator(".estimate").InnerTextAsync());
        var ci = await tile.Locator(".ci").InnerTextAsync();
        Assert.Contains(Targets.Display(row.CiLow!.Value), ci);
        Assert.Contains(Targets.Display(row.CiHigh!.Value), ci);
        Assert.Matches("Đạt chỉ tiêu|Chưa đạt chỉ tiêu", await tile.Locator(".verdict").InnerTextAsync());

        // area → agency → commune → element → criterion
        for (var level = 0; level < 6; level++)
        {
            var next = page.Locator("table.drill tbody th button.link").First;
            if (await next.CountAsync() == 0) break;
            var caption = await page.Locator("#drill-caption").InnerTextAsync();
            await next.ClickAsync();
            await Assertions.Expect(page.Locator("#drill-caption")).Not.ToHaveTextAsync(caption);
        }
        await Assertions.Expect(page.Locator("#drill-caption")).ToHaveTextAsync("Tiêu chí");
        var criteria = await page.Locator("table.drill tbody tr").AllInnerTextsAsync();
        Assert.True(criteria.Count > 1);
        Assert.Contains(criteria, c => c.Contains('%'));
        // Criteria carry their stored mean score (1..5) in Vietnamese decimals.
        await Assertions.Expect(page.Locator("table.drill thead")).ToContainTextAsync("Điểm trung bình (1–5)");
        var shown = (await page.Locator("table.drill tbody td.mean").AllInnerTextsAsync()).Where(m => m.Length > 0).ToList();
        Assert.NotEmpty(shown);
        await using (var db = host.NewDb())
        {
            var stored = (await db.SnapshotResults.Where(r => r.SnapshotId == snapshotId && r.Channel == "" && r.Item != ""
                    && r.GroupType == "area-agency-unit" && r.MeanScore != null).Select(r => r.MeanScore!.Value)
                    .ToListAsync(TestContext.Current.CancellationToken))
                .Select(m => m.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture).Replace('.', ',')).ToHashSet();
            Assert.All(shown, m => Assert.Contains(m, stored));
        }

        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "sipas-dashboard.png"), FullPage = true });
        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})"));
    }

    private Task<int> SeedSnapshot() => Snapshots.SeedAsync(host, "2025-H2", 2025, 2, responses: 500, seed: 42);
}
