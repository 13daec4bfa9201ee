using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.Auth;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;

namespace Sipas.Api.Tests.Auth;

/// <summary>
/// Sign-in that an outsider can use neither to lock staff out nor to probe accounts (docs/security.md §2, "Sign-in"):
/// the throttle per account and address, per account, per address, shared by API replicas through PostgreSQL; one
/// answer for every failure. The limits are the defaults: 10 failures per account and address, 50 per account (for
/// addresses where the account never signed in), 100 per address, in windows of 15 minutes.
/// </summary>
public class SignInThrottleTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string AddressHeader = "X-Test-Client-Address";
    private const string Password = "right-password-12";

    /// <summary>An API instance of its own (its own services, rate limiter and counters service) over the test database,
    /// where each request comes from the address in <see cref="AddressHeader"/>, as if over the internet.</summary>
    private WebApplicationFactory<Program> Instance() => App.WithWebHostBuilder(b =>
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromAddressHeader>()));

    private sealed class FromAddressHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, then) =>
            {
                if (context.Request.Headers[AddressHeader].ToString() is { Length: > 0 } address)
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return then(context);
            });
            next(app);
        };
    }

    private static async Task<HttpClient> From(WebApplicationFactory<Program> instance, string address)
    {
        var client = instance.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        await client.AddCsrfHeader();
        return client;
    }

    private static Task<HttpResponseMessage> SignIn(HttpClient client, string user, string password) =>
        client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(user, password), Ct);

    [Fact]
    public async Task Attacker_50WrongPasswordsFromOneAddress_StoppedAfter10_TheUserSignsInFromAnotherAddress()
    {
        await App.CreateUser("officer-1", Password, Roles.Supervisor);
        await using var api = Instance();
        var attacker = await From(api, "203.0.113.7");

        var statuses = new List<HttpStatusCode>();
        var throttled = new List<string>();
        for (var i = 0; i < 50; i++)
        {
            var response = await SignIn(attacker, "officer-1", $"guess-{i:00}-wrong");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.InRange(int.Parse(response.Headers.GetValues("Retry-After").Single()), 1, 15 * 60);
                throttled.Add(await response.Content.ReadAsStringAsync(Ct));
            }
        }
        // The same attacker on a name that does not exist meets the same wall: a 429 says nothing about existence.
        var unknown = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) unknown.Add((await SignIn(attacker, "nobody-here", $"guess-{i:00}-wrong")).StatusCode);
        var unknownThrottled = await (await SignIn(attacker, "nobody-here", "x-wrong")).Content.ReadAsStringAsync(Ct);

        var user = await From(api, "198.51.100.20");   // the officer, from an address never used before
        var signedIn = await SignIn(user, "officer-1", Password);
        var atTheAttackersAddress = await SignIn(await From(api, "203.0.113.7"), "officer-1", Password);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 40)), statuses);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 10).Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, 2)), unknown);
        Assert.Single(throttled.Append(unknownThrottled).Distinct());
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        // What the design gives up: at the attacker's own address the account waits for the window's end.
        Assert.Equal(HttpStatusCode.TooManyRequests, atTheAttackersAddress.StatusCode);
    }

    [Fact]
    public async Task Failures_From50Addresses_OverTwoInstances_ThrottleNewAddresses_NeverOneWhereTheUserSignedIn()
    {
        await App.CreateUser("officer-2", Password, Roles.Analyst);
        await using var first = Instance();
        await using var second = Instance();
        Assert.Equal(HttpStatusCode.OK, (await SignIn(await From(first, "192.0.2.10"), "officer-2", Password)).StatusCode);

        // 50 failures, one from each of 50 addresses, sent alternately to two API instances sharing the database.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            var client = await From(i % 2 == 0 ? first : second, $"203.0.113.{100 + i}");
            statuses.Add((await SignIn(client, "officer-2", $"guess-{i:00}-wrong")).StatusCode);
            statuses.Add((await SignIn(client, "ghost-2", $"guess-{i:00}-wrong")).StatusCode);
        }
        var newAddress = await SignIn(await From(second, "198.51.100.99"), "officer-2", Password);
        var newAddressGhost = await SignIn(await From(first, "198.51.100.98"), "ghost-2", "anything-at-all");
        var knownAddress = await SignIn(await From(second, "192.0.2.10"), "officer-2", Password);

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        // Each instance saw 25 failures per name: only counts shared through PostgreSQL reach the limit of 50.
        Assert.Equal(HttpStatusCode.TooManyRequests, newAddress.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, newAddressGhost.StatusCode);
        Assert.Equal(await newAddress.Content.ReadAsStringAsync(Ct), await newAddressGhost.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, knownAddress.StatusCode);
    }

    [Fact]
    public async Task UnknownUser_WrongPassword_DisabledAccount_AreOneAnswer_AfterTheSameWork()
    {
        await App.CreateUser("officer-3", Password, Roles.Surveyor);
        await App.CreateUser("retired-3", Password, Roles.Surveyor);
        await using (var db = Database.NewDb())
        {
            var retired = db.Users.Single(u => u.UserName == "retired-3");
            retired.DisabledAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync(Ct);
        }
        await using var api = Instance();
        var client = await From(api, "198.51.100.30");
        (string User, string Password)[] cases =
            [("nobody-3", Password), ("officer-3", "wrong-password-3"), ("retired-3", Password), ("retired-3", "wrong-password-3")];

        var answers = new List<(HttpStatusCode Status, string? Type, byte[] Body)>();
        var times = cases.ToDictionary(c => c, _ => new List<double>());
        for (var round = 0; round < 2; round++)   // 8 failures: below the limit of 10 per account and address
            foreach (var c in cases)
            {
                var watch = Stopwatch.StartNew();
                var response = await SignIn(client, c.User, c.Password);
                var body = await response.Content.ReadAsByteArrayAsync(Ct);
                times[c].Add(watch.Elapsed.TotalMilliseconds);
                answers.Add((response.StatusCode, response.Content.Headers.ContentType?.ToString(), body));
            }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.All(answers, a => Assert.Equal("application/problem+json", a.Type));
        Assert.Single(answers.Select(a => Convert.ToBase64String(a.Body)).Distinct());
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu / Wrong user name or password", System.Text.Encoding.UTF8.GetString(answers[0].Body));
        // The password hasher runs for an unknown name too: without it, that answer would come many times sooner.
        var wrong = times[cases[1]].Min();
        Assert.True(times[cases[0]].Min() > wrong / 3, $"unknown {times[cases[0]].Min():0.0} ms, wrong password {wrong:0.0} ms");
        // The disabled account's right password signed nobody in.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
    }
}
