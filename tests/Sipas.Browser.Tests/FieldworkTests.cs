using System.Net;
using System.Net.Http.Json;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

/// <summary>A surveyor's offline interview with a sync cut halfway, and a supervisor's reconciliation, in headless Chromium.</summary>
public class FieldworkTests(BrowserHost host) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await host.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Criteria = ["TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "TT5", "CC1", "CC2", "CC3",
        "CC4", "CC5", "CC6", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3", "PA4"];

    private static async Task SignIn(IPage page, string userName, string password)
    {
        await page.GotoAsync("/staff");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(password);
        await page.Keyboard.PressAsync("Enter");
    }

    private static async Task Until(Func<Task<bool>> done, string what)
    {
        for (var i = 0; i < 300; i++)
        {
            if (await done()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException(what);
    }

    [Fact]
    public async Task ASurveyorInterviewsOffline_ItWaitsOnTheDevice_AndASyncCutHalfwayAndRetriedStoresItOnce()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(host, "XD-F1");
        await host.CreateUserAsync("dtv-ngoai-tuyen", "dtv-ngoai-tuyen-password", Roles.Surveyor);
        await using (var db = host.NewDb())
        {
            var surveyor = await db.Users.SingleAsync(u => u.UserName == "dtv-ngoai-tuyen", Ct);
            db.Assignments.Add(new Assignment
            {
                WaveId = wave.Id, UserId = surveyor.Id, Stratum = "so-xay-dung/construction", UnitCode = "16681",
                AssignedAt = DateTimeOffset.UtcNow, AssignedBy = surveyor.Id,
            });
            await db.SaveChangesAsync(Ct);
        }
        await using var link = new NetworkLink(new Uri(host.BaseUrl));
        await using var tablet = await host.NewPhoneAsync(baseUrl: link.BaseUrl);
        var page = await tablet.NewPageAsync();
        var violations = new List<string>();

        await SignIn(page, "dtv-ngoai-tuyen", "dtv-ngoai-tuyen-password");
        await page.GetByRole(AriaRole.Link, new() { Name = "Phỏng vấn ngoại tuyến" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Phân công của tôi" }).WaitForAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 15_000 });

        // No network from here: the installed screen reloads from the service worker with the data kept on the device.
        link.Cut();
        await page.ReloadAsync();
        await page.GetByText("Đang dùng dữ liệu lưu trên máy").WaitForAsync();
        violations.AddRange((await page.RunAxe()).Violations.Select(v => $"offline list: {v.Id} {v.Help}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Phỏng vấn mới: so-xay-dung/construction · 16681" }).ClickAsync();
        await page.GetByLabel("Hoàn thành phỏng vấn").CheckAsync();
        await page.GetByLabel("Mẫu phiếu", new() { Exact = true }).SelectOptionAsync("sipas-dvhcc@2025.1");
        Assert.Equal("construction", await page.GetByLabel("Lĩnh vực", new() { Exact = true }).InputValueAsync());
        Assert.Equal("so-xay-dung", await page.GetByLabel("Cơ quan", new() { Exact = true }).InputValueAsync());
        foreach (var code in Criteria) await page.Locator($"#field-a-{code}").SelectOptionAsync(code == "CC2" ? "0" : "4");
        violations.AddRange((await page.RunAxe()).Violations.Select(v => $"form: {v.Id} {v.Help}"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Kết thúc phỏng vấn" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Chờ gửi (1)" }).WaitForAsync();
        await page.GetByText("Không kết nối được máy chủ; các cuộc phỏng vấn vẫn được giữ trên máy.").WaitForAsync();
        await using (var db = host.NewDb())
            Assert.Equal(0, await db.Responses.CountAsync(Ct));

        // The network returns, but the first sync is cut after the server has stored the interview.
        var dropped = link.DropNextResponseTo("POST /api/surveyors/interviews");
        link.Restore();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi ngay" }).ClickAsync();
        await dropped.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await Until(async () => { await using var db = host.NewDb(); return await db.Responses.AnyAsync(Ct); }, "the interview is stored");
        // The device never heard the answer: the interview still waits there.
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi ngay" }).WaitForAsync();
        await page.GetByText("Không kết nối được máy chủ; các cuộc phỏng vấn vẫn được giữ trên máy.").WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Chờ gửi (1)" }).WaitForAsync();

        // The retry sends the same UUID: the server answers with the original receipt and stores nothing new.
        link.Restore();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi ngay" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Máy chủ đã xác nhận (1)" }).WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Chờ gửi (0)" }).WaitForAsync();
        violations.AddRange((await page.RunAxe()).Violations.Select(v => $"confirmed: {v.Id} {v.Help}"));

        await using var check = host.NewDb();
        var response = Assert.Single(await check.Responses.AsNoTracking().ToListAsync(Ct));
        Assert.Equal((Channels.Interview, "16681", "so-xay-dung/construction"), (response.Channel, response.UnitCode, response.Stratum));
        Assert.Equal(Criteria.Select(c => (short?)(c == "CC2" ? 0 : 4)), response.Scores);
        var attempt = Assert.Single(await check.ContactAttempts.AsNoTracking().ToListAsync(Ct));
        Assert.Equal((Dispositions.Completed, (Guid?)response.Id), (attempt.Disposition, attempt.ResponseId));
        Assert.Empty(violations);
    }

    [Fact]
    public async Task ASessionExpiredWhileOffline_KeepsTheInterview_AndAsksToSignInAgainBeforeSendingIt()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(host, "XD-F2");
        await host.CreateUserAsync("dtv-het-phien", "dtv-het-phien-password", Roles.Surveyor);
        await using (var db = host.NewDb())
        {
            var surveyor = await db.Users.SingleAsync(u => u.UserName == "dtv-het-phien", Ct);
            db.Assignments.Add(new Assignment
            {
                WaveId = wave.Id, UserId = surveyor.Id, Stratum = "so-xay-dung/construction", AssignedAt = DateTimeOffset.UtcNow, AssignedBy = surveyor.Id,
            });
            await db.SaveChangesAsync(Ct);
        }
        await using var link = new NetworkLink(new Uri(host.BaseUrl));
        await using var tablet = await host.NewPhoneAsync(baseUrl: link.BaseUrl);
        var page = await tablet.NewPageAsync();
        await SignIn(page, "dtv-het-phien", "dtv-het-phien-password");
        await page.GetByRole(AriaRole.Link, new() { Name = "Phỏng vấn ngoại tuyến" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Phân công của tôi" }).WaitForAsync();
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null", null, new() { Timeout = 15_000 });

        link.Cut();
        await page.ReloadAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Phỏng vấn mới: so-xay-dung/construction" }).ClickAsync();
        await page.GetByLabel("Từ chối trả lời").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kết thúc phỏng vấn" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Chờ gửi (1)" }).WaitForAsync();
        await tablet.ClearCookiesAsync(); // the session ends while the tablet is offline

        link.Restore();
        // The outbox retries on its own too: whichever comes first, its retry or the surveyor's "Gửi ngay", meets the
        // expired session (the button is gone once the screen asks to sign in again).
        var expired = page.GetByText("Phiên đăng nhập đã hết hạn. Đăng nhập lại để gửi");
        var sendNow = page.GetByRole(AriaRole.Button, new() { Name = "Gửi ngay" });
        await expired.Or(sendNow).First.WaitForAsync();
        if (!await expired.IsVisibleAsync()) await sendNow.ClickAsync();
        await expired.WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Chờ gửi (1)" }).WaitForAsync();
        await using (var db = host.NewDb())
            Assert.Equal(0, await db.ContactAttempts.CountAsync(Ct));

        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập lại" }).ClickAsync();
        Assert.Equal("dtv-het-phien", await page.GetByLabel("Tên đăng nhập").InputValueAsync());
        await page.GetByLabel("Mật khẩu").FillAsync("dtv-het-phien-password");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Máy chủ đã xác nhận (1)" }).WaitForAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Chờ gửi (0)" }).WaitForAsync();

        await using var check = host.NewDb();
        var attempt = Assert.Single(await check.ContactAttempts.AsNoTracking().ToListAsync(Ct));
        Assert.Equal((Dispositions.Refused, (Guid?)null), (attempt.Disposition, attempt.ResponseId));
        Assert.Equal(0, await check.Responses.CountAsync(Ct));
    }

    /// <summary>An HTTP client signed in as a staff member (cookies and antiforgery header), straight to the server.</summary>
    private async Task<HttpClient> StaffClient(string userName, string role)
    {
        var password = $"{userName}-password";
        await host.CreateUserAsync(userName, password, role);
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(host.BaseUrl) };
        async Task Csrf()
        {
            var token = await client.GetFromJsonAsync<Sipas.Api.Auth.CsrfToken>("/api/auth/csrf", Ct);
            client.DefaultRequestHeaders.Remove(Sipas.Api.Auth.CsrfFilter.HeaderName);
            client.DefaultRequestHeaders.Add(Sipas.Api.Auth.CsrfFilter.HeaderName, token!.Token);
        }
        await Csrf();
        (await client.PostAsJsonAsync("/api/auth/sign-in", new { userName, password }, Ct)).EnsureSuccessStatusCode();
        await Csrf();
        return client;
    }

    [Fact]
    public async Task ASupervisorSeesBothKeyingsSideBySide_PicksOneValueTypesAnother_AndTheFormBecomesAResponse()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(host, "XD-R1");
        using var first = await StaffClient("dtv-nhap-mot", Roles.Surveyor);
        using var second = await StaffClient("dtv-nhap-hai", Roles.Surveyor);
        object Form(int tc3, int tt1)
        {
            var answers = Fieldwork.SipasAnswers();
            (answers["TC3"], answers["TT1"]) = (tc3, tt1);
            return new { wave = wave.Code, questionnaire = "sipas-dvhcc@2025.1", serial = "PG-7", agency = "so-xay-dung", area = "construction", answers };
        }
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync("/api/surveyors/keyings", Form(4, 5), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await second.PostAsJsonAsync("/api/surveyors/keyings", Form(2, 1), Ct)).StatusCode);
        await host.CreateUserAsync("giam-sat-vien", "giam-sat-vien-password", Roles.Supervisor);
        await using var desk = await host.NewDesktopAsync();
        var page = await desk.NewPageAsync();

        await SignIn(page, "giam-sat-vien", "giam-sat-vien-password");
        await page.GetByRole(AriaRole.Link, new() { Name = "Giám sát điều tra" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Đối chiếu phiếu PG-7" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Đối chiếu phiếu PG-7" }).WaitForAsync();
        await page.GetByText("2 mục khác nhau").WaitForAsync();
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));
        await page.GetByLabel("Lần 2: 2", new() { Exact = true }).CheckAsync();
        await page.Locator("#sv-pick-TT1-other").CheckAsync();
        await page.GetByLabel("Giá trị khác cho TT1").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu quyết định" }).ClickAsync();
        await page.GetByText("Đã lưu quyết định cho phiếu PG-7.").WaitForAsync();
        await page.GetByText("Không có phiếu nào chờ đối chiếu.").WaitForAsync();

        await using var db = host.NewDb();
        var response = Assert.Single(await db.Responses.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(Channels.Paper, response.Channel);
        Assert.Equal((short?)2, response.Scores[2]);
        Assert.Equal((short?)3, response.Scores[Array.IndexOf(Criteria, "TT1")]);
        Assert.All(await db.PaperKeyings.AsNoTracking().ToListAsync(Ct), k => Assert.Equal((PaperKeyingStatus.Reconciled, (Guid?)response.Id), (k.Status, k.ResponseId)));
    }
}
