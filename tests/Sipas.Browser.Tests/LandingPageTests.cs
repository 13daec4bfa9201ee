using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Sipas.Browser.Tests;

public class LandingPageTests(BrowserHost host)
{
    [Fact]
    public async Task LandingPage_OpensInVietnamese_AndSwitchesToEnglish()
    {
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();

        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });
        var vietnamese = await page.Locator("main h2").First.InnerTextAsync();
        Assert.Equal("vi", await page.GetAttributeAsync("html", "lang"));
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        Assert.Equal("Đánh giá dịch vụ", vietnamese);
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        Assert.NotEqual(vietnamese, await page.Locator("main h2").First.InnerTextAsync());
    }

    [Fact]
    public async Task LandingPage_ServicePointCode_LeadsToTheSurveyLink()
    {
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/", new() { WaitUntil = WaitUntilState.NetworkIdle });

        var input = page.Locator("#code");
        await input.FillAsync("xd-01");
        await Assertions.Expect(input).ToHaveValueAsync("xd-01");
        await page.Locator("form.code-form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/s/XD-01", new() { WaitUntil = WaitUntilState.Commit });

        Assert.EndsWith("/s/XD-01", page.Url);
    }

    [Fact]
    public async Task LandingPage_HasNoAccessibilityViolations()
    {
        await using var phone = await host.NewPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.GotoAsync("/");

        var result = await page.RunAxe();

        Assert.Empty(result.Violations.Select(v => $"{v.Id}: {v.Help}"));
    }

    [Fact]
    public async Task CitizenPage_IsServedCompressed_AtTheShortLink()
    {
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{host.BaseUrl}/s/XD-01");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
    }

    [Fact]
    public async Task CitizenServiceWorker_IsServedAsScriptAndAlwaysRevalidated()
    {
        using var http = new HttpClient();

        using var response = await http.GetAsync($"{host.BaseUrl}/s/sw.js", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }
}
