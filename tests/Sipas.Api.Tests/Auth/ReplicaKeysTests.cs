using System.Net;
using System.Net.Http.Json;
using Sipas.Api.Auth;
using Sipas.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Tests.Auth;

public class ReplicaKeysTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionAndToken_FromOneReplica_AreValidOnAnother()
    {
        await App.CreateUser("analyst-replica", "right-password-12", Roles.Analyst);
        await using var other = new SipasApp(Database);
        var first = App.NewClient();
        await first.AddCsrfHeader();
        var signIn = await first.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("analyst-replica", "right-password-12"), Ct);
        var cookies = string.Join("; ", signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var antiforgeryCookie = await CsrfCookie(App);

        var second = other.CreateClient(new() { HandleCookies = false });
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        me.Headers.Add("Cookie", cookies);
        var meResponse = await second.SendAsync(me, Ct);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in")
        {
            Content = JsonContent.Create(new SignInRequest("analyst-replica", "wrong-password")),
        };
        post.Headers.Add("Cookie", antiforgeryCookie.Cookie);
        post.Headers.Add(CsrfFilter.HeaderName, antiforgeryCookie.Token);
        var postResponse = await second.SendAsync(post, Ct);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, meResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, postResponse.StatusCode); // the token was accepted; the password was not
        await using var db = Database.NewDb();
        Assert.True(await db.DataProtectionKeys.CountAsync(Ct) > 0, "the key ring lives in the database, not on one machine's disk");
    }

    private static async Task<(string Cookie, string Token)> CsrfCookie(SipasApp app)
    {
        var client = app.CreateClient(new() { HandleCookies = false });
        var response = await client.GetAsync("/api/auth/csrf", Ct);
        var token = (await response.Content.ReadFromJsonAsync<CsrfToken>(Ct))!.Token;
        return (string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])), token);
    }
}
