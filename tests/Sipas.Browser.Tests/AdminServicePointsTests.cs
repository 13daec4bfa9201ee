using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

public class AdminServicePointsTests(BrowserHost host) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await host.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Admin_SignsIn_CreatesAServicePoint_AndItsSurveyOpens()
    {
        await Fieldwork.OpenWaveWithServicePoint(host, "XD-A0");
        await host.CreateUserAsync("admin-browser", "admin-browser-password", Roles.Admin);
        await using var desk = await host.Browser.NewContextAsync(new() { BaseURL = host.BaseUrl, Locale = "vi-VN" });
        var page = await desk.NewPageAsync();

        await page.GotoAsync("/staff");
        await page.GetByLabel("Tên đăng nhập").FillAsync("admin-browser");
        await page.GetByLabel("Mật khẩu").FillAsync("admin-browser-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Quản lý điểm phục vụ" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Thêm điểm phục vụ" }).ClickAsync();
        await page.GetByLabel("Mã điểm phục vụ").FillAsync("xd-a9");
        await page.GetByLabel("Tên tiếng Việt").FillAsync("Quầy tiếp nhận hồ sơ xây dựng số 9");
        await page.GetByLabel("Lĩnh vực", new() { Exact = true }).SelectOptionAsync("construction");
        await page.GetByLabel("Cơ quan", new() { Exact = true }).SelectOptionAsync("so-xay-dung");
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.GetByText("Đã thêm điểm phục vụ XD-A9").WaitForAsync();

        await using var db = host.NewDb();
        var point = await db.ServicePoints.Include(p => p.Agency).SingleAsync(p => p.Code == "XD-A9", TestContext.Current.CancellationToken);
        Assert.Equal(("so-xay-dung", "construction"), (point.Agency!.Code, point.AreaCode));
        var citizen = await (await host.NewPhoneAsync()).NewPageAsync();
        await citizen.GotoAsync("/s/XD-A9");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).WaitForAsync();
    }
}
