using Microsoft.Extensions.Configuration;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Sipas.Api.Citizens;
using Sipas.Testing;

namespace Sipas.Browser.Tests;

public class CitizenSurveyTests(BrowserHost host) : IAsyncLifetime
{
    public async ValueTask InitializeAsync() => await host.ResetAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Answers every step ("Hài lòng" on each criterion) up to the review page, checking each page with axe.</summary>
    private static async Task AnswerEveryStep(IPage page, List<string> violations)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).ClickAsync();
        for (var step = 0; step < 20; step++)
        {
            await page.Locator("h1, h2").First.WaitForAsync();
            violations.AddRange((await page.RunAxe()).Violations.Select(v => $"step {step}: {v.Id} {v.Help}"));
            foreach (var option in await page.Locator("input[type=radio][value='4']").AllAsync())
                await option.CheckAsync();
            var review = page.GetByRole(AriaRole.Button, new() { Name = "Xem lại", Exact = true });
            if (await review.CountAsync() > 0)
            {
                await review.ClickAsync();
                return;
            }
            await page.GetByRole(AriaRole.Button, new() { Name = "Tiếp tục" }).ClickAsync();
        }
        throw new InvalidOperationException("the survey never reached its review step");
    }

    [Fact]
    public async Task ThePage_CarriesItsSurvey_SoTheFirstScreenAsksTheApiForNothing_AndAnUnknownCodeStillSaysSo()
    {
        await Fieldwork.OpenWaveWithServicePoint(host, "XD-B7");
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        var asked = new List<string>();
        page.Request += (_, request) => asked.Add(new Uri(request.Url).AbsolutePath);

        await page.GotoAsync("/s/xd-b7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).WaitForAsync();

        Assert.DoesNotContain(asked, p => p.StartsWith("/api/public/service-points", StringComparison.Ordinal));
        var data = await page.Locator("script#survey-data").TextContentAsync();
        Assert.Contains("\"XD-B7\"", data);
        Assert.DoesNotContain("</", data);

        var unknown = await phone.NewPageAsync();
        await unknown.GotoAsync("/s/KHONG-CO");
        await unknown.GetByText("Không tìm thấy").First.WaitForAsync();
        Assert.Equal(0, await unknown.Locator("script#survey-data").CountAsync());
    }

    [Fact]
    public async Task ThePage_ComesInOneResponse_ItsInlineFilesAllowedByTheirHashes_AndOpensOfflineAfterwards()
    {
        await Fieldwork.OpenWaveWithServicePoint(host, "XD-B8");
        await using var link = new NetworkLink(new Uri(host.BaseUrl));
        await using var phone = await host.NewPhoneAsync(baseUrl: link.BaseUrl);
        var page = await phone.NewPageAsync();
        var problems = new List<string>();
        await page.AddInitScriptAsync("window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));");
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"console: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"error: {e}");
        var asked = new List<string>();
        page.Request += (_, request) => asked.Add(new Uri(request.Url).AbsolutePath);

        var response = await page.GotoAsync("/s/XD-B8");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).WaitForAsync();
        var firstScreen = asked.ToList();
        var policy = await response!.HeaderValueAsync("content-security-policy");
        // The browser's own SHA-256 of each inline script and style, as the policy names them.
        var hashes = await page.EvaluateAsync<string[]>("""
            () => Promise.all([...document.querySelectorAll('script[type=module], style')].map(async e => {
              const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(e.textContent)));
              return "'sha256-" + btoa(String.fromCharCode(...digest)) + "'";
            }))
            """);
        var external = await page.EvaluateAsync<int>("() => document.querySelectorAll('script[src], link[rel=stylesheet]').length");
        var background = await page.Locator("header.bar").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");

        Assert.Equal("/s/XD-B8", firstScreen[0]);
        Assert.All(firstScreen.Skip(1), p => Assert.Contains(p, new[] { "/api/public/devices", "/s/sw.js" }));
        Assert.Equal((2, 0), (hashes.Length, external));
        Assert.All(hashes, h => Assert.Contains(h, policy));
        Assert.DoesNotContain("unsafe", policy);
        Assert.NotEqual("rgba(0, 0, 0, 0)", background); // the inline stylesheet applies
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__csp"));

        // The page never fetched its files, yet the worker keeps them: with no network the page opens again.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.ready.then(() => true)", null, new() { Timeout = 15_000 });
        Assert.Empty(problems);
        link.Cut();
        var offline = await phone.NewPageAsync();
        offline.PageError += (_, e) => problems.Add($"offline error: {e}");
        await offline.GotoAsync("/s/XD-B8");
        await offline.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).ClickAsync();
        await offline.Locator("input[type=radio]").First.WaitForAsync();
        // The kept copy is the page as built (survey.html naming its hashed files), served by the worker.
        Assert.Equal(1, await offline.EvaluateAsync<int>("() => document.querySelectorAll('script[src]').length"));
        Assert.DoesNotContain(problems, p => p.StartsWith("offline error"));
    }

    [Fact]
    public async Task Survey_FilledOnAPhone_NetworkLostReloadedAndRegained_IsStoredExactlyOnce()
    {
        await Fieldwork.OpenWaveWithServicePoint(host, "XD-B1");
        await using var link = new NetworkLink(new Uri(host.BaseUrl));
        await using var phone = await host.NewPhoneAsync(baseUrl: link.BaseUrl);
        var page = await phone.NewPageAsync();
        var violations = new List<string>();

        await page.GotoAsync("/s/XD-B1");
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true)", null, new() { Timeout = 15_000 });
        await AnswerEveryStep(page, violations);
        violations.AddRange((await page.RunAxe()).Violations.Select(v => $"review: {v.Id} {v.Help}"));

        link.Cut();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await page.GetByText("Chưa gửi được").First.WaitForAsync();
        violations.AddRange((await page.RunAxe()).Violations.Select(v => $"queued: {v.Id} {v.Help}"));
        await page.ReloadAsync(); // no network: the service worker serves the page, the outbox keeps the answers
        await page.GetByText("Chưa gửi được").First.WaitForAsync();
        violations.AddRange((await page.RunAxe()).Violations.Select(v => $"offline reload: {v.Id} {v.Help}"));
        await using (var db = host.NewDb())
            Assert.Equal(0, await db.Responses.CountAsync(TestContext.Current.CancellationToken));

        link.Restore();
        await WaitForStoredAsync(host, 1);
        // A closed tab and a later visit resend nothing that was already acknowledged.
        await page.CloseAsync();
        var again = await phone.NewPageAsync();
        await again.GotoAsync("/s/XD-B1");
        await again.WaitForLoadStateAsync(LoadState.NetworkIdle);

        await using var check = host.NewDb();
        var response = Assert.Single(await check.Responses.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal("web", response.Channel);
        Assert.All(response.Scores, s => Assert.Equal((short)4, s));
        // The page asked the server for a device credential when the form started and sent it with the rating.
        Assert.NotNull(response.DeviceHash);
        Assert.DoesNotContain("unverified-device", response.Flags);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task AnInvitationLink_OpensTheSurvey_WithoutADossierQuestion_AndGivesOneVerifiedRating()
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(host, "XD-B9");
        var keys = new Sipas.Api.Intake.InstallationKeys(new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Sipas:DossierHashKey"] = "test-only-dossier-hash-key" }).Build());
        var invitation = Guid.NewGuid();
        await using (var db = host.NewDb())
        {
            var client = new Sipas.Data.ClientSystem
            {
                Code = "mot-cua-b9", Name = "Một cửa", KeyPrefix = "b9b9b9b9b9", KeyHash = new byte[32], AgencyIds = [point.AgencyId],
                CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "test",
            };
            db.ClientSystems.Add(client);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            db.Invitations.Add(new Sipas.Data.Invitation
            {
                Id = invitation, ClientId = client.Id, WaveId = wave.Id, QuestionnaireId = wave.Questionnaires
                    .Where(q => q.Family == "SIPAS").OrderByDescending(q => q.PublishedAt).First().Id,
                AgencyId = point.AgencyId, AreaCode = point.AreaCode, ServicePointId = point.Id,
                DossierHash = new Sipas.Api.Intake.DossierHasher(keys).Hash("HS-B9")!, CreatedAt = DateTimeOffset.UtcNow,
                ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }
        var token = new Sipas.Api.Intake.InvitationTokens(keys).Issue(invitation);
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync($"/r/{token}");
        await AnswerEveryStep(page, []);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await WaitForStoredAsync(host, 1);

        await using var check = host.NewDb();
        var response = Assert.Single(await check.Responses.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(invitation, response.InvitationId);
        Assert.NotNull(response.DossierHash);
        var again = await phone.NewPageAsync();
        await again.GotoAsync($"/r/{token}");
        await again.GetByText("đã được dùng").First.WaitForAsync();
    }

    [Fact]
    public async Task Survey_HalfFilled_SurvivesAClosedTab()
    {
        await Fieldwork.OpenWaveWithServicePoint(host, "XD-B3");
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/s/XD-B3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu" }).ClickAsync();
        await page.Locator("input[type=radio][value='5']").First.CheckAsync();

        await page.CloseAsync();
        var again = await phone.NewPageAsync();
        await again.GotoAsync("/s/XD-B3");

        await again.GetByText("Câu trả lời đang làm dở trước đó đã được khôi phục").WaitForAsync();
    }

    [Fact]
    public async Task Survey_Sent_ShowsTheReceiptOfTheStoredResponse()
    {
        await Fieldwork.OpenWaveWithServicePoint(host, "XD-B2");
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync("/s/XD-B2");
        await AnswerEveryStep(page, []);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await page.GetByText("Cảm ơn Ông/Bà!").WaitForAsync();
        Assert.Empty((await page.RunAxe()).Violations.Select(v => $"{v.Id}: {v.Help}"));

        await using var db = host.NewDb();
        var response = await db.Responses.AsNoTracking().SingleAsync(TestContext.Current.CancellationToken);
        Assert.Contains(ResponseReceipt.Number(response.Id), await page.Locator("main").InnerTextAsync());
    }

    [Fact]
    public async Task Survey_UnknownShortLink_SaysSoInVietnamese()
    {
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync("/s/KHONG-CO");

        await page.GetByText("Không tìm thấy điểm phục vụ").First.WaitForAsync();
        Assert.Empty((await page.RunAxe()).Violations);
    }

    private static async Task WaitForStoredAsync(BrowserHost host, int count)
    {
        for (var i = 0; i < 600; i++)
        {
            await using var db = host.NewDb();
            if (await db.Responses.CountAsync() >= count) return;
            await Task.Delay(100);
        }
    }
}
