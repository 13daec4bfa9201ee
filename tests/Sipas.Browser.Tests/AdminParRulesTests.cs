using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

public class AdminParRulesTests(BrowserHost host) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await host.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Admin_SetsABandedRule_SeesTheServersFieldErrorBesideItsBand_ThenSeesTheRuleListed()
    {
        await host.CreateUserAsync("admin-par", "admin-par-password", Roles.Admin);
        await using var desk = await host.NewDesktopAsync();
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/staff");
        await page.GetByLabel("Tên đăng nhập").FillAsync("admin-par");
        await page.GetByLabel("Mật khẩu").FillAsync("admin-par-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Điểm CCHC" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Quy tắc tính điểm CCHC" }).WaitForAsync();
        await page.GetByText("Chưa có mục nào.").WaitForAsync();

        await page.GetByLabel("Chỉ số", new() { Exact = true }).SelectOptionAsync("SIPAS");
        await page.GetByLabel("Năm", new() { Exact = true }).FillAsync("2026");
        await page.GetByLabel("Theo mức", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Điểm tối đa", new() { Exact = true }).FillAsync("10");
        await page.GetByLabel("Mức 1: ngưỡng (%)").FillAsync("90");
        await page.GetByLabel("Mức 1: điểm").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm mức" }).ClickAsync();
        await page.GetByLabel("Mức 2: ngưỡng (%)").FillAsync("85"); // lower than band 1: the server refuses it
        await page.GetByLabel("Mức 2: điểm").FillAsync("10");
        await page.GetByLabel("Căn cứ pháp lý").FillAsync("QĐ 12/QĐ-UBND");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đặt quy tắc" }).ClickAsync();
        await page.Locator("#r-band-1-min-err").GetByText("Các ngưỡng phải tăng dần").WaitForAsync();
        Assert.Equal("true", await page.GetByLabel("Mức 2: ngưỡng (%)").GetAttributeAsync("aria-invalid"));
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));

        await page.GetByLabel("Mức 2: ngưỡng (%)").FillAsync("95,5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đặt quy tắc" }).ClickAsync();
        await page.GetByText("Đã đặt quy tắc SIPAS năm 2026").WaitForAsync();
        var row = page.Locator("#r-rows-2026 tr[data-rule='SIPAS/2026']");
        Assert.Contains("≥ 95,5%: 10 điểm", await row.InnerTextAsync());
        Assert.Contains("Hiện hành", await row.InnerTextAsync());
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));

        await using var db = host.NewDb();
        var rule = await db.ParScoringRules.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("SIPAS", 2026, "bands", "admin-par"), (rule.Indicator, rule.Year, rule.Kind, rule.CreatedBy));
        Assert.Equal([90m, 95.5m], rule.BandMinPercent);
        Assert.Equal([6m, 10m], rule.BandPoints);
    }
}
