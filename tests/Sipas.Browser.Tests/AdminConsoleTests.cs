using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

public class AdminConsoleTests(BrowserHost host) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await host.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Admin_UploadsAQuestionnaireWithTwoFaults_FixesIt_Previews_Publishes_OpensAWave_AndTheCitizenPageIsLive()
    {
        await using (var db = host.NewDb())
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung", Ct);
            db.ServicePoints.Add(new ServicePoint
            {
                Code = "XD-Q1", NameVi = "Quầy tiếp nhận Sở Xây dựng", AgencyId = agency.Id, AreaCode = "construction",
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync(Ct);
        }
        await host.CreateUserAsync("admin-console", "admin-console-password", Roles.Admin);
        var good = (await File.ReadAllTextAsync(RepositoryData.Path("spec", "examples", "tiny", "questionnaire.json"), Ct))
            .Replace("\"code\": \"sipas-dvhcc\"", "\"code\": \"sipas-trinh-duyet\"")
            .Replace("Nơi ngồi chờ có đủ chỗ ngồi", "Chỗ ngồi chờ đủ cho mọi người");
        var faulty = good.Replace("\"family\": \"SIPAS\"", "\"family\": \"SIPASS\"")
            .Replace("\"code\": \"TC1\",\n          \"scale\": \"likert5\"", "\"code\": \"TC1\",\n          \"scale\": \"likert7\"");
        Assert.NotEqual(good.Replace("SIPASS", "SIPAS"), faulty.Replace("SIPASS", "SIPAS")); // both faults are in

        await using var desk = await host.NewDesktopAsync();
        var page = await desk.NewPageAsync();
        await page.GotoAsync("/staff");
        await page.GetByLabel("Tên đăng nhập").FillAsync("admin-console");
        await page.GetByLabel("Mật khẩu").FillAsync("admin-console-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Phiếu khảo sát" }).ClickAsync();
        await page.Locator("tr[data-key='sipas-dvhcc@2025.1']").WaitForAsync();

        // Two faults, both listed with their JSON paths; nothing stored.
        await page.GetByLabel("Nội dung JSON").FillAsync(faulty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và lưu bản nháp" }).ClickAsync();
        var faults = page.Locator("#q-faults");
        await faults.GetByText("$.family").WaitForAsync();
        var listed = await faults.InnerTextAsync();
        Assert.Contains("2 lỗi", listed);
        Assert.Contains("$.sections[0].items[0].scale", listed);
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));

        // Fixed: stored as a draft and previewed as citizens and surveyors will see it.
        await page.GetByLabel("Nội dung JSON").FillAsync(good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và lưu bản nháp" }).ClickAsync();
        await page.GetByText("Đã lưu bản nháp sipas-trinh-duyet@2025.1").WaitForAsync();
        await page.Locator("#q-citizen").GetByText("Chỗ ngồi chờ đủ cho mọi người").WaitForAsync();
        Assert.Equal(6, await page.Locator("#q-citizen input[type=radio][name='q-TC1']").CountAsync()); // 1-5 and "no opinion"
        Assert.Contains("TC1", await page.Locator("#q-surveyor").InnerTextAsync());
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));

        await page.Locator("tr[data-key='sipas-trinh-duyet@2025.1']").GetByRole(AriaRole.Button, new() { Name = "Ban hành" }).ClickAsync();
        await page.GetByText("Đã ban hành sipas-trinh-duyet@2025.1").WaitForAsync();

        // A wave with it, opened.
        await page.GetByRole(AriaRole.Link, new() { Name = "Đợt khảo sát" }).ClickAsync();
        await page.GetByText("Chưa có mục nào.").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo đợt khảo sát" }).ClickAsync();
        await page.GetByLabel("Mã", new() { Exact = true }).FillAsync("2026-Q1");
        await page.GetByLabel("Tên tiếng Việt").FillAsync("Đợt thử quý I năm 2026");
        await page.GetByLabel("Tên tiếng Anh").FillAsync("Trial wave, first quarter of 2026");
        await page.GetByLabel("Ngày bắt đầu").FillAsync("2026-01-01");
        await page.GetByLabel("Ngày kết thúc").FillAsync("2026-03-31");
        await page.GetByLabel("Kỳ đánh giá từ ngày").FillAsync("2025-10-01");
        await page.GetByLabel("Kỳ đánh giá đến ngày").FillAsync("2026-03-31");
        await page.GetByLabel("sipas-trinh-duyet@2025.1", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await page.GetByText("Đã tạo đợt 2026-Q1").WaitForAsync();
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));
        await page.Locator("tr[data-code='2026-Q1']").GetByRole(AriaRole.Button, new() { Name = "Mở đợt" }).ClickAsync();
        await page.GetByText("Đã mở đợt 2026-Q1").WaitForAsync();

        // The citizen page is live with the new questionnaire.
        var citizen = await (await host.NewPhoneAsync()).NewPageAsync();
        await citizen.GotoAsync("/s/XD-Q1");
        await citizen.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).ClickAsync();
        await citizen.GetByText("Chỗ ngồi chờ đủ cho mọi người").WaitForAsync();
        using var http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var survey = await http.GetFromJsonAsync<JsonElement>("/api/public/service-points/XD-Q1", Ct);
        Assert.Equal("sipas-trinh-duyet@2025.1", survey.GetProperty("questionnaire").GetProperty("key").GetString());
    }
}
