using System.Net;
using System.Text;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Security;

/// <summary>
/// The authorisation matrix: every endpoint of the app × every role (anonymous, surveyor, supervisor, analyst,
/// admin), the expectation derived from the endpoint's own metadata and checked by a real request. An endpoint
/// added without a policy or an explicit AllowAnonymous fails here.
/// </summary>
public class AuthorizationMatrixTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryEndpoint_HasAuthorizationMetadata()
    {
        var endpoints = await CatalogEndpoint.ReadAsync(App.Services);

        Assert.True(endpoints.Count > 40, $"only {endpoints.Count} endpoints found");
        Assert.Empty(endpoints.Where(e => e.Fault is not null).Select(e => $"{e}: {e.Fault}"));
    }

    [Fact]
    public async Task EveryStaffApiEndpoint_RequiresSignIn()
    {
        var endpoints = await CatalogEndpoint.ReadAsync(App.Services);

        // Anonymous by design: the citizen page, public reference data, QR codes, sign-in, health, API documents, pages,
        // and client systems' ratings (/api/integration: no session, each request carries the system's key).
        var anonymousApi = endpoints.Where(e => e.Anonymous && e.Pattern.StartsWith("/api/")
            && !e.Pattern.StartsWith("/api/public/") && !e.Pattern.StartsWith("/api/reference/") && !e.Pattern.StartsWith("/api/integration/")
            && e.Pattern is not ("/api/service-points/{code}/qr.svg" or "/api/auth/csrf" or "/api/auth/sign-in"));

        Assert.Empty(anonymousApi.Select(e => e.ToString()));
    }

    [Fact]
    public async Task EveryEndpointAndRole_IsAllowedOrDeniedAsItsMetadataSays()
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var values = new Dictionary<string, string>
        {
            ["code"] = point.Code, ["wave"] = wave.Code, ["id"] = "1", ["serial"] = "1", ["version"] = "2025.1",
            ["language"] = "vi", ["agencyCode"] = "so-xay-dung", ["documentName"] = "v1", ["path"] = "x", ["kind"] = "agency-scorecards",
            ["type"] = "agency",
        };
        var endpoints = await CatalogEndpoint.ReadAsync(App.Services);
        var sessions = new Sessions(App);
        var faults = new List<string>();
        var checks = 0;

        foreach (var role in CatalogEndpoint.EveryRole)
        {
            using var client = await sessions.ClientAsync(role);
            foreach (var endpoint in endpoints.OrderBy(e => e.Pattern.Contains("sign-out")))
            {
                var allowed = endpoint.Allows(role);
                if (allowed is null) { faults.Add($"{endpoint}: {endpoint.Fault}"); continue; }
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.PathFor(values));
                if (endpoint.IsUnsafe) request.Content = new StringContent(endpoint.ContentType.Contains("json") ? "{}" : "", Encoding.UTF8, endpoint.ContentType);
                using var response = await client.SendAsync(request, Ct);
                checks++;
                var status = (int)response.StatusCode;
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                if (allowed.Value)
                {
                    // An anonymous endpoint may still refuse in its handler (client systems sign each request with a key).
                    if ((status is 401 or 403 && !endpoint.Anonymous) || status >= 500)
                        faults.Add($"{role} {endpoint} ({request.RequestUri}): expected to pass authorization, got {status}");
                }
                else
                {
                    var expected = role == CatalogEndpoint.AnonymousRole ? 401 : 403;
                    if (status != expected || !problem)
                        faults.Add($"{role} {endpoint} ({request.RequestUri}): expected {expected} ProblemDetails, got {status} {response.Content.Headers.ContentType}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{endpoints.Count} endpoints (method × route) × {CatalogEndpoint.EveryRole.Length} roles: {checks} requests, " +
            $"{endpoints.Count(e => e.Anonymous)} anonymous, {endpoints.Count(e => !e.Anonymous)} under a policy");
        Assert.True(faults.Count == 0, string.Join('\n', faults));
        Assert.True(checks >= 5 * 40, $"{checks} requests");
    }

    [Theory]
    [InlineData("anonymous", false)]
    [InlineData(Roles.Surveyor, false)]
    [InlineData(Roles.Supervisor, false)]
    [InlineData(Roles.Analyst, false)]
    [InlineData(Roles.Admin, true)]
    public async Task HangfireDashboard_OnlyAdmins(string role, bool allowed)
    {
        using var client = await new Sessions(App).ClientAsync(role);

        var response = await client.GetAsync("/hangfire", Ct);

        if (allowed) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{response.StatusCode}");
    }
}
