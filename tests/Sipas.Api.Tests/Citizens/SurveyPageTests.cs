using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sipas.Api.Citizens;
using Sipas.Api.Setup;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;

namespace Sipas.Api.Tests.Citizens;

/// <summary>
/// <c>/s/{code}</c> in one response: the page's built CSS and JS inline, allowed by their SHA-256 in that response's
/// Content-Security-Policy, over a web root of its own (a page shaped as Vite builds it, files with CR LF and
/// Vietnamese letters), so that what is inlined and hashed is known here.
/// </summary>
public sealed class SurveyPageTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public override async ValueTask DisposeAsync() => await Admin.AdminData.RemoveTestReferenceRowsAsync(Database);

    private const string Shell = """
        <!doctype html>
        <html lang="vi">
          <head>
            <meta charset="utf-8" />
            <title>Đánh giá sự hài lòng — Sipas</title>
            <link rel="icon" href="data:," />
            <script type="module" crossorigin src="/assets/survey-T1.js"></script>
            <link rel="stylesheet" crossorigin href="/assets/survey-T1.css">
          </head>
          <body>
            <main id="main"><p>Đang tải phiếu khảo sát…</p></main>
          </body>
        </html>
        """;
    private const string Script = "document.getElementById('main').dataset.ran = 'đã chạy';\r\nconsole.log(`a<b && c>d`);\n";
    private const string Style = "main{color:#0b4f9c}\r\n.lang::after{content:'»'}\n";

    [Fact]
    public async Task ThePage_CarriesItsCssAndJsInline_AllowedByTheirHashes_AndOnlyThose()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-I1");
        using var root = new WebRoot(Script, Style);
        await using var app = root.App(App);

        var response = await app.CreateClient().GetAsync("/s/XD-I1", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);
        var policy = Header(response, "Content-Security-Policy")!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("/assets/", html);
        // Line ends as the browser's parser leaves them (LF), so that its hash is the one the server computed.
        Assert.Contains("<style>main{color:#0b4f9c}\n.lang::after{content:'»'}\n</style>", html);
        Assert.Contains("<script type=\"module\">document.getElementById('main').dataset.ran = 'đã chạy';\nconsole.log(`a<b && c>d`);\n</script></body>", html);
        Assert.Contains($"id=\"{SurveyPage.DataId}\"", html);
        var scripts = Blocks(html, "script type=\"module\"", "script");
        var styles = Blocks(html, "style", "style");
        Assert.Equal((1, 1), (scripts.Count, styles.Count));
        Assert.Equal(
            WebSecurity.ContentSecurityPolicy
                .Replace("script-src 'self';", $"script-src 'self' {Sha256(scripts[0])};")
                .Replace("style-src 'self';", $"style-src 'self' {Sha256(styles[0])};"),
            policy);
        Assert.DoesNotContain("unsafe", policy);
        Assert.Equal("no-cache", Header(response, "Cache-Control"));
    }

    [Fact]
    public async Task EveryOtherPage_KeepsTheSitesPolicy_AndACodeOrTokenThatCannotTakeRatingsStillGetsTheInlineFiles()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-I2");
        using var root = new WebRoot(Script, Style);
        await using var app = root.App(App);
        var client = app.CreateClient();

        foreach (var path in new[] { "/", "/survey.html", "/assets/survey-T1.js", "/s/XD-I2/khac", "/r/abc/khac", "/api/public/service-points/XD-I2" })
            Assert.Equal((path, WebSecurity.ContentSecurityPolicy), (path, Header(await client.GetAsync(path, Ct), "Content-Security-Policy")));
        foreach (var path in new[] { "/s/KHONG-CO", "/r/abc" })
        {
            var unknown = await client.GetAsync(path, Ct);
            var html = await unknown.Content.ReadAsStringAsync(Ct);

            Assert.Equal((path, HttpStatusCode.OK), (path, unknown.StatusCode));
            Assert.DoesNotContain(SurveyPage.DataId, html);
            Assert.Contains(Sha256(Blocks(html, "script type=\"module\"", "script").Single()), Header(unknown, "Content-Security-Policy"));
        }
    }

    [Fact]
    public async Task ThePage_IsRevalidatedByItsETag_WithA304()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-I3");
        using var root = new WebRoot(Script, Style);
        await using var app = root.App(App);
        var client = app.CreateClient();

        var first = await client.GetAsync("/s/XD-I3", Ct);
        var etag = first.Headers.ETag!;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/s/XD-I3");
        again.Headers.IfNoneMatch.Add(etag);
        var revalidated = await client.SendAsync(again, Ct);
        var other = await client.GetAsync("/s/KHONG-CO", Ct);

        Assert.True(etag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(Header(first, "Content-Security-Policy"), Header(revalidated, "Content-Security-Policy"));
        Assert.NotEqual(etag, other.Headers.ETag);
    }

    [Theory]
    [InlineData("console.log('</script><script>alert(1)</script>');", Style)]
    [InlineData("/* <!-- */ console.log(1);", Style)]
    [InlineData(Script, "main::after{content:'</style>'}")]
    public async Task AFileThatWouldEndItsElementEarly_IsNotInlined_ThePageAsBuiltUnderTheSitesPolicy(string script, string style)
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-I4");
        using var root = new WebRoot(script, style);
        await using var app = root.App(App);

        var response = await app.CreateClient().GetAsync("/s/XD-I4", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("src=\"/assets/survey-T1.js\"", html);
        Assert.Contains("href=\"/assets/survey-T1.css\"", html);
        Assert.Contains($"id=\"{SurveyPage.DataId}\"", html);
        Assert.Equal(WebSecurity.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Contains(App.Logs.Lines, l => l.StartsWith("Warning") && l.Contains("would end its inline element early"));
    }

    [Fact]
    public async Task AnInvitationLinksPage_CarriesItsSurveyForItsToken_AndAForgedOrUsedOneTheShellAlone()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var token = await Invitations.TokenAsync(App, "000.00.XD.H40-251114-0009", Ct);
        using var root = new WebRoot(Script, Style);
        await using var app = root.App(App);
        var client = app.CreateClient();

        var page = await client.GetAsync($"/r/{token}", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var api = await (await App.NewClient().GetAsync($"/api/public/invitations/{token}", Ct)).Content.ReadAsStringAsync(Ct);
        var forged = await (await client.GetAsync($"/r/{token[..^2]}AA", Ct)).Content.ReadAsStringAsync(Ct);
        var device = App.NewClient();
        device.DefaultRequestHeaders.Add("X-Sipas-Device", App.Credential());
        var rated = await device.PostAsJsonAsync($"/api/public/invitations/{token}/responses",
            new { clientId = Guid.NewGuid(), answers = Fieldwork.VariedAnswers() }, Ct);
        var used = await (await client.GetAsync($"/r/{token}", Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.DoesNotContain("/assets/", html);
        var block = Regex.Match(html, $"<script type=\"application/json\" id=\"{SurveyPage.DataId}\" data-invitation=\"{token}\">(.*?)</script>");
        Assert.True(block.Success, html);
        // The same survey as the invitation's API (the page escapes no Vietnamese letter, the API may).
        Assert.Equal(JsonNode.Parse(api)!.ToJsonString(), JsonNode.Parse(block.Groups[1].Value)!.ToJsonString());
        Assert.DoesNotContain("unsafe", Header(page, "Content-Security-Policy"));
        Assert.Equal(HttpStatusCode.Created, rated.StatusCode);
        foreach (var shell in new[] { forged, used })
        {
            Assert.DoesNotContain(SurveyPage.DataId, shell);
            Assert.Contains("<script type=\"module\">", shell);
        }
    }

    [Fact]
    public async Task ThePagesOfBothDoors_CountAgainstThePublicReadLimit_AsTheSurveysApiDoes()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-I5");
        var token = await Invitations.TokenAsync(App, "000.00.XD.H40-251114-0010", Ct);
        using var root = new WebRoot(Script, Style);
        await using var app = root.App(App).WithWebHostBuilder(b => b.UseSetting("Sipas:RateLimits:PublicReadsPerMinute", "3"));
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { "/s/XD-I5", $"/r/{token}", "/s/XD-I5", $"/r/{token}" })
            statuses.Add((await client.GetAsync(path, Ct)).StatusCode);
        var refused = await client.GetAsync($"/api/public/invitations/{token}", Ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    /// <summary>The text of each <c>&lt;{open}&gt;…&lt;/{close}&gt;</c> block, as the browser hashes it.</summary>
    private static List<string> Blocks(string html, string open, string close) =>
        [.. Regex.Matches(html, $"<{Regex.Escape(open)}>(.*?)</{close}>", RegexOptions.Singleline).Select(m => m.Groups[1].Value)];

    private static string Sha256(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : null;

    /// <summary>A built web app of its own in a temporary folder: index.html, survey.html and the page's two files.</summary>
    private sealed class WebRoot : IDisposable
    {
        private readonly string path = Path.Combine(Path.GetTempPath(), $"sipas-web-{Guid.NewGuid():N}");

        public WebRoot(string script, string style)
        {
            Directory.CreateDirectory(Path.Combine(path, "assets"));
            File.WriteAllText(Path.Combine(path, "index.html"), "<!doctype html><title>Sipas</title>");
            File.WriteAllText(Path.Combine(path, "survey.html"), Shell);
            File.WriteAllText(Path.Combine(path, "assets", "survey-T1.js"), script);
            File.WriteAllText(Path.Combine(path, "assets", "survey-T1.css"), style);
        }

        public WebApplicationFactory<Program> App(SipasApp app) => app.WithWebHostBuilder(b => b.UseSetting("Sipas:WebRoot", path));

        public void Dispose() => Directory.Delete(path, recursive: true);
    }
}
