using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Browser.Tests;

public class PublicResultsPageTests(BrowserHost host)
{
    [Fact]
    public async Task PublishedResults_OpenWithoutSignIn_InVietnamese_WithTheStoredFigures()
    {
        var id = await Snapshots.SeedAsync(host, "2025-H1", 2025, 1, responses: 400, seed: 61, publish: true);
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync($"/ket-qua/{id}", new() { WaitUntil = WaitUntilState.NetworkIdle });
        var tile = page.Locator("li.tile[data-indicator=SIPAS]");
        await Assertions.Expect(tile.Locator(".estimate")).ToBeVisibleAsync();

        SnapshotResult row;
        await using (var db = host.NewDb())
            row = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
                && r.GroupType == "province" && r.Section == "", TestContext.Current.CancellationToken);
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(Targets.Display(row.Estimate!.Value), await tile.Locator(".estimate").InnerTextAsync());
        Assert.Matches("Đạt chỉ tiêu|Chưa đạt chỉ tiêu", await tile.Locator(".verdict").InnerTextAsync());
        var ranks = await page.Locator("table.league-table td.rank").AllInnerTextsAsync();
        Assert.NotEmpty(ranks);
        Assert.All(ranks, r => Assert.Matches(@"^\d+ \(\d+–\d+\)$", r));
        await Assertions.Expect(page.Locator("svg.map path").First).ToBeAttachedAsync();
        Assert.Equal($"/api/public/results/snapshots/{id}/results.csv",
            await page.Locator(".open-data a").First.GetAttributeAsync("href"));

        var axe = await page.RunAxe();
        Assert.Empty(axe.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Target))})"));
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Satisfaction survey results");
    }
}
