using System.Net;
using System.Net.Http.Json;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;

namespace Sipas.Api.Tests.Admin;

/// <summary>Every admin endpoint of this feature for every role: only admins reach them; staff cookies never open the machine endpoint.</summary>
public class AdminAccessTests(TestHost database) : ApiTest(database)
{
    private const string Anonymous = "anonymous";
    public static readonly string[] Everyone = [Anonymous, Roles.Surveyor, Roles.Supervisor, Roles.Analyst, Roles.Admin];

    public static readonly string[] Endpoints =
    [
        "GET /api/admin/waves", "POST /api/admin/waves", "GET /api/admin/waves/nope", "PUT /api/admin/waves/nope",
        "POST /api/admin/waves/nope/open", "POST /api/admin/waves/nope/close",
        "GET /api/admin/targets", "PUT /api/admin/targets/SIPAS/1999",
        "GET /api/admin/agencies", "POST /api/admin/agencies", "PUT /api/admin/agencies/nope",
        "POST /api/admin/agencies/nope/merge", "POST /api/admin/agencies/nope/retire",
        "GET /api/admin/communes", "POST /api/admin/communes", "PUT /api/admin/communes/nope",
        "POST /api/admin/communes/nope/merge", "POST /api/admin/communes/nope/retire",
        "GET /api/admin/users", "POST /api/admin/users", "PUT /api/admin/users/nope", "POST /api/admin/users/nope/disable",
        "POST /api/admin/users/nope/enable", "POST /api/admin/users/nope/reset-password",
        "GET /api/admin/audit",
        "GET /api/admin/clients", "POST /api/admin/clients", "PUT /api/admin/clients/nope", "POST /api/admin/clients/nope/revoke",
        "GET /api/admin/clients/nope/deliveries",
        "POST /api/admin/questionnaires/nope/1/copy",
    ];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Everyone)
            foreach (var endpoint in Endpoints)
                data.Add(role, endpoint);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OnlyAdminsReachTheAdminEndpoints(string role, string endpoint)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = role == Anonymous ? App.NewClient() : await App.SignedInClient(role);
        if (role == Anonymous) await client.AddCsrfHeader();
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1]);

        var response = method == "GET" ? await client.GetAsync(path, ct)
            : await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { }) }, ct);

        if (role == Anonymous) Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        else if (role != Roles.Admin) Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        else Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound or HttpStatusCode.BadRequest,
            $"{endpoint}: {response.StatusCode}");
        if (response.StatusCode >= HttpStatusCode.BadRequest)
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(Roles4))]
    public async Task StaffSessions_DoNotOpenTheMachineEndpoint(string role)
    {
        var client = await App.SignedInClient(role);

        var response = await client.PostAsJsonAsync("/api/integration/tthc-ratings", new { ratings = Array.Empty<object>() },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string> Roles4() => [Roles.Admin, Roles.Analyst, Roles.Supervisor, Roles.Surveyor];

    [Fact]
    public async Task UnsafeAdminRequestsWithoutTheCsrfToken_AreRefused()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        admin.DefaultRequestHeaders.Remove(Sipas.Api.Auth.CsrfFilter.HeaderName);

        var response = await admin.PostAsJsonAsync("/api/admin/users", new { userName = "x-csrf", displayName = "X", roles = new[] { "analyst" } },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = Database.NewDb();
        Assert.DoesNotContain(db.Users, u => u.UserName == "x-csrf");
    }
}
