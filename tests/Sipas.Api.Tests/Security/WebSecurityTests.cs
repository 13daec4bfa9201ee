using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Sipas.Api.Auth;
using Sipas.Api.Setup;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Security;

/// <summary>Response headers, cookies, antiforgery on every unsafe staff endpoint, sign-in throttling.</summary>
public class WebSecurityTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/api/reference/areas")]
    [InlineData("/api/no-such-thing")]
    [InlineData("/api/public/service-points/NOPE")]
    [InlineData("/api/results/waves")]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path)
    {
        var response = await App.NewClient().GetAsync(path, Ct);

        Assert.Equal(WebSecurity.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", WebSecurity.ContentSecurityPolicy);
        Assert.DoesNotContain("unsafe", WebSecurity.ContentSecurityPolicy);
    }

    [Fact]
    public async Task ApiReference_GetsTheToolPagesPolicy_StillUnframeable()
    {
        var response = await App.NewClient().GetAsync("/api-docs/", Ct);

        Assert.Equal(WebSecurity.ToolPagesPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
    }

    [Fact]
    public async Task Hsts_OnlyWhenTheRequestCameOverTls_ThroughTheProxy()
    {
        var client = App.NewClient();
        using var plain = new HttpRequestMessage(HttpMethod.Get, "/api/reference/areas");
        plain.Headers.Host = "sipas.nghean.gov.vn";
        using var tls = new HttpRequestMessage(HttpMethod.Get, "/api/reference/areas");
        tls.Headers.Host = "sipas.nghean.gov.vn";
        tls.Headers.Add("X-Forwarded-Proto", "https");

        var overPlain = await client.SendAsync(plain, Ct);
        var overTls = await client.SendAsync(tls, Ct);

        Assert.Null(Header(overPlain, "Strict-Transport-Security"));
        Assert.Equal("max-age=31536000; includeSubDomains", Header(overTls, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task SessionAndAntiforgeryCookies_AreHttpOnlySameSiteStrict_AndSecureBehindTls()
    {
        await App.CreateUser("cookie-admin", Sessions.Password, Roles.Admin);
        var client = new Sessions(App).Bare(); // a cookie jar would not send Secure cookies back over plain HTTP
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var csrf = await client.GetAsync("/api/auth/csrf", Ct);
        var token = (await csrf.Content.ReadFromJsonAsync<CsrfToken>(Ct))!.Token;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = JsonContent.Create(new SignInRequest("cookie-admin", Sessions.Password)),
        };
        request.Headers.Add("Cookie", csrf.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        request.Headers.Add(CsrfFilter.HeaderName, token);

        var signIn = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookies = csrf.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("sipas.auth="));
        Assert.Contains(cookies, c => c.StartsWith("sipas.csrf="));
        Assert.All(cookies, c =>
        {
            var attributes = c.ToLowerInvariant();
            Assert.Contains("samesite=strict", attributes);
            Assert.Contains("httponly", attributes);
            Assert.Contains("secure", attributes);
        });
    }

    /// <summary>Every unsafe endpoint behind sign-in (derived from the endpoint metadata), called by an admin, who passes every policy.</summary>
    [Fact]
    public async Task EveryUnsafeStaffEndpoint_WithoutTheCsrfHeader_IsRefusedAndStoresNothing()
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var values = new Dictionary<string, string>
        {
            ["code"] = point.Code, ["wave"] = wave.Code, ["id"] = "1", ["serial"] = "1", ["version"] = "2025.1", ["language"] = "vi",
            ["kind"] = "agency-scorecards", ["type"] = "agency",
        };
        var unsafeStaff = (await CatalogEndpoint.ReadAsync(App.Services))
            .Where(e => e.IsUnsafe && (!e.Anonymous || e.Pattern == "/api/auth/sign-in")).ToList();
        using var admin = await new Sessions(App).ClientAsync(Roles.Admin, csrf: false);
        var before = await RowCounts.OfAsync(Database);
        var faults = new List<string>();

        foreach (var endpoint in unsafeStaff)
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.PathFor(values))
            {
                Content = new StringContent(endpoint.ContentType.Contains("json") ? "{}" : "", Encoding.UTF8, endpoint.ContentType),
            };
            var response = await admin.SendAsync(request, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains(CsrfFilter.HeaderName))
                faults.Add($"{endpoint}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }

        Assert.True(unsafeStaff.Count >= 15, $"{unsafeStaff.Count} unsafe staff endpoints");
        Assert.True(faults.Count == 0, string.Join('\n', faults));
        Assert.Empty(RowCounts.Changed(before, await RowCounts.OfAsync(Database)));
    }

    [Fact]
    public async Task SignIn_TooManyAttemptsFromOneClient_Is429()
    {
        await using var strict = App.WithWebHostBuilder(b => b.UseSetting("Sipas:RateLimits:SignInPerMinute", "3"));
        var client = strict.CreateClient(new() { HandleCookies = true });
        await client.AddCsrfHeader();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest($"nobody-{i}", "wrong-password-1"), Ct)).StatusCode);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values) : null;
}
