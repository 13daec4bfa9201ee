using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Jobs;
using UglyToad.PdfPig;

namespace Sipas.Browser.Tests;

/// <summary>An analyst asks for every report kind of a snapshot on the dashboard, follows it, and downloads each PDF.</summary>
public class ReportDownloadsTests(BrowserHost host)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Analyst_AsksForEveryReportKind_AndDownloadsEachPdf()
    {
        var snapshotId = await Snapshots.SeedAsync(host, "2024-H2", 2024, 2, responses: 300, seed: 77);
        const string password = "browser-reports-password";
        await host.CreateUserAsync("analyst-reports", password, Roles.Analyst);
        await using var desktop = await host.NewDesktopAsync();
        var page = await desktop.NewPageAsync();
        await page.GotoAsync("/staff", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await page.Locator("#userName").FillAsync("analyst-reports");
        await page.Locator("#password").FillAsync(password);
        await page.Locator("form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("select#wave")).ToBeVisibleAsync();
        await page.Locator("select#wave").SelectOptionAsync("2024-H2");
        await Assertions.Expect(page.Locator("section.downloads")).ToBeVisibleAsync();

        // Every kind the dashboard offers, in Vietnamese: the province report and each further kind.
        var buttons = page.Locator("section.downloads li[data-report$=vi] button");
        await Assertions.Expect(buttons.First).ToBeVisibleAsync();
        var items = await page.Locator("section.downloads li[data-report$=vi]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.report)");
        Assert.Contains("vi", items);
        Assert.Contains("agency-scorecards-vi", items);
        foreach (var item in items)
            await page.Locator($"section.downloads li[data-report=\"{item}\"] button").ClickAsync();

        // The browser host runs no worker: render what the dashboard queued, as the worker would.
        List<SnapshotReport> queued = [];
        for (var i = 0; i < 50 && queued.Count < items.Length; i++)
        {
            await using var db = host.NewDb();
            queued = await db.SnapshotReports.AsNoTracking().Where(r => r.SnapshotId == snapshotId && r.Language == "vi").ToListAsync(Ct);
            if (queued.Count < items.Length) await Task.Delay(100, Ct);
        }
        Assert.Equal(items.Length, queued.Count);
        await using (var scope = host.Services.CreateAsyncScope())
            foreach (var report in queued)
                await scope.ServiceProvider.GetRequiredService<RenderWaveReport>().Run(snapshotId, report.Kind, "vi", Ct);

        foreach (var item in items)
        {
            var link = page.Locator($"section.downloads li[data-report=\"{item}\"] a[download]");
            await Assertions.Expect(link).ToBeVisibleAsync(new() { Timeout = 20_000 });
            var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
            var file = Path.Combine(Path.GetTempPath(), $"sipas-{item}-{Guid.NewGuid():N}.pdf");
            await download.SaveAsAsync(file);
            using var pdf = PdfDocument.Open(file);
            Assert.True(pdf.NumberOfPages >= 1, item);
            var text = string.Concat(pdf.GetPages().Select(p => p.Text)).Normalize(System.Text.NormalizationForm.FormC).Replace(" ", "");
            Assert.Contains(item == "vi" ? "NghệAn" : item.Contains("scorecards") ? "Phiếuđiểm" : "", text, StringComparison.Ordinal);
            Assert.True(text.Length > 200, $"{item}: {text.Length} characters");
            File.Delete(file);
        }
    }
}
