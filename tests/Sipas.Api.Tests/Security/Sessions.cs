using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Sipas.Api.Auth;
using Sipas.Api.Tests.Infrastructure;

namespace Sipas.Api.Tests.Security;

/// <summary>
/// One signed-in session per role, kept as the cookie and CSRF header values a browser would send, so a test can
/// send any number of requests as that role from clients that keep no cookies (a sign-out ends nothing for the next).
/// </summary>
public sealed class Sessions(SipasApp app)
{
    public const string Password = "test-password-123";
    private readonly Dictionary<string, Session> signedIn = [];

    public sealed record Session(string Cookie, string Csrf);

    public HttpClient Bare() =>
        app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, AllowAutoRedirect = false });

    /// <summary>A client that sends the role's session cookie and, unless told not to, its CSRF header.</summary>
    public async Task<HttpClient> ClientAsync(string role, bool csrf = true)
    {
        if (!signedIn.TryGetValue(role, out var session))
            signedIn[role] = session = await SignInAsync(role);
        var client = Bare();
        if (session.Cookie.Length > 0) client.DefaultRequestHeaders.Add("Cookie", session.Cookie);
        if (csrf) client.DefaultRequestHeaders.Add(CsrfFilter.HeaderName, session.Csrf);
        return client;
    }

    private async Task<Session> SignInAsync(string role)
    {
        var cookies = new Dictionary<string, string>();
        var csrf = await CsrfAsync(cookies);
        if (role == CatalogEndpoint.AnonymousRole) return new(Join(cookies), csrf);

        var userName = $"{role}-{Guid.NewGuid():N}"[..20];
        await app.CreateUser(userName, Password, role);
        using var client = Bare();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = JsonContent.Create(new SignInRequest(userName, Password)),
        };
        request.Headers.Add("Cookie", Join(cookies));
        request.Headers.Add(CsrfFilter.HeaderName, csrf);
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Keep(response, cookies);
        return new(Join(cookies), await CsrfAsync(cookies)); // the token is bound to the signed-in user
    }

    private async Task<string> CsrfAsync(Dictionary<string, string> cookies)
    {
        using var client = Bare();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/csrf");
        if (cookies.Count > 0) request.Headers.Add("Cookie", Join(cookies));
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Keep(response, cookies);
        return (await response.Content.ReadFromJsonAsync<CsrfToken>())!.Token;
    }

    private static void Keep(HttpResponseMessage response, Dictionary<string, string> cookies)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
        foreach (var value in values)
        {
            var pair = value.Split(';')[0];
            var eq = pair.IndexOf('=');
            cookies[pair[..eq]] = pair[(eq + 1)..];
        }
    }

    private static string Join(Dictionary<string, string> cookies) => string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
}
