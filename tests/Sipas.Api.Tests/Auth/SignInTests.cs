using System.Net;
using System.Net.Http.Json;
using Sipas.Api.Auth;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;
using Sipas.Data;

namespace Sipas.Api.Tests.Auth;

public class SignInTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignIn_RightPassword_GivesTheProfileAndACookieSession()
    {
        await App.CreateUser("analyst-1", "right-password-12", Roles.Analyst);
        var client = App.NewClient();
        await client.AddCsrfHeader();

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("analyst-1", "right-password-12"), Ct);
        var me = await client.GetFromJsonAsync<StaffProfile>("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["analyst"], me!.Roles);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("sipas.auth=") && c.Contains("httponly") && c.Contains("samesite=strict"));
    }

    [Fact]
    public async Task SignIn_WrongPassword_Is401ProblemDetails()
    {
        await App.CreateUser("analyst-2", "right-password-12", Roles.Analyst);
        var client = App.NewClient();
        await client.AddCsrfHeader();

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("analyst-2", "wrong"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Sai tên đăng nhập hoặc mật khẩu", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task SignIn_NineFailures_DoNotLockTheAccount_TheRightPasswordStillSignsIn()
    {
        // No lockout an outsider could trigger; the throttle begins after 10 failures (SignInThrottleTests).
        await App.CreateUser("surveyor-3", "right-password-12", Roles.Surveyor);
        var client = App.NewClient();
        await client.AddCsrfHeader();
        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
            failures.Add((await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("surveyor-3", $"wrong-{i}"), Ct)).StatusCode);

        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("surveyor-3", "right-password-12"), Ct);

        Assert.All(failures, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = Database.NewDb();
        Assert.Null(db.Users.Single(u => u.UserName == "surveyor-3").LockoutEnd);
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        await App.CreateUser("admin-4", "right-password-12", Roles.Admin);

        var response = await App.NewClient().PostAsJsonAsync("/api/auth/sign-in", new SignInRequest("admin-4", "right-password-12"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-CSRF-TOKEN", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        var client = await App.SignedInClient(Roles.Supervisor);

        var response = await client.PostAsync("/api/auth/sign-out", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me", Ct)).StatusCode);
    }

    [Fact]
    public async Task StaffEndpoint_Anonymous_Is401ProblemDetailsNotARedirect()
    {
        var response = await App.NewClient().GetAsync("/api/questionnaires", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
