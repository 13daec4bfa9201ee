using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

/// <summary>A supervisor reviews a burst of flagged web ratings at one service point and excludes the whole group, in headless Chromium.</summary>
public class ReviewTests(BrowserHost host) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await host.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASupervisorExcludesABurstAtOneServicePoint_WithAReason_AndSeesTheHistory()
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(host, "XD-V1");
        List<Response> burst;
        await using (var db = host.NewDb())
        {
            var all = await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 30, seed: 5, channels: [Channels.Web]);
            burst = all.Take(7).ToList();
            foreach (var r in all) r.ServicePointId = point.Id;
            foreach (var r in burst) (r.Flags, r.ReceivedAt) = ([ResponseFlags.Burst], new DateTimeOffset(2025, 9, 14, 2, 10, 0, TimeSpan.Zero));
            await db.SaveChangesAsync(Ct);
        }
        await host.CreateUserAsync("giam-sat-ra-soat", "giam-sat-ra-soat-password", Roles.Supervisor);
        await using var desk = await host.NewDesktopAsync();
        var page = await desk.NewPageAsync();

        await page.GotoAsync("/staff");
        await page.GetByLabel("Tên đăng nhập").FillAsync("giam-sat-ra-soat");
        await page.GetByLabel("Mật khẩu").FillAsync("giam-sat-ra-soat-password");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Link, new() { Name = "Giám sát điều tra" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rà soát phiếu có cảnh báo" }).ClickAsync();
        await page.GetByText("7 phiếu có cảnh báo hoặc đã quyết định: 7 chưa xem xét, 0 giữ lại, 0 bị loại.").WaitForAsync();
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Điểm phục vụ: {point.NameVi} — Xem 7 phiếu" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ — Điểm phục vụ {point.NameVi}" }).WaitForAsync();
        await page.GetByLabel("Loại khỏi kết quả").CheckAsync();
        await page.GetByLabel("Lý do (bắt buộc, tối đa 500 ký tự)").FillAsync("Đột biến lúc 9 giờ ngày 14/09: cùng một máy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Áp dụng cho cả nhóm (7 phiếu)" }).ClickAsync();
        await page.GetByText("Đã lưu: 7 phiếu thay đổi, 0 phiếu giữ nguyên.").WaitForAsync();
        Assert.Equal(7, await page.GetByText("Bị loại: Đột biến lúc 9 giờ ngày 14/09: cùng một máy").CountAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Lịch sử" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Cell, new() { Name = "Đang áp dụng" }).WaitForAsync();
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));

        await using var check = host.NewDb();
        var reviewed = await check.Responses.AsNoTracking().Where(r => r.WaveId == wave.Id && r.Review != null).ToListAsync(Ct);
        Assert.Equal(burst.Select(r => r.Id).Order(), reviewed.Select(r => r.Id).Order());
        Assert.All(reviewed, r => Assert.Equal(ReviewDecisions.Exclude, r.Review));
        Assert.Equal(7, await check.ResponseReviews.CountAsync(r => r.DecidedBy == "giam-sat-ra-soat", Ct));
    }
}
