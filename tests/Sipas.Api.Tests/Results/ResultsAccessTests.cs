using System.Net;
using System.Net.Http.Json;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;

namespace Sipas.Api.Tests.Results;

/// <summary>Every dashboard endpoint × every role: analysts and admins in, everyone else out.</summary>
public class ResultsAccessTests(TestHost database) : ApiTest(database)
{
    public static readonly TheoryData<string, string> Endpoints = new()
    {
        { "GET", "/api/results/waves" },
        { "GET", "/api/results/runs" },
        { "POST", "/api/results/waves/{wave}/snapshots" },
        { "GET", "/api/results/snapshots/{id}" },
        { "POST", "/api/results/snapshots/{id}/publish" },
        { "GET", "/api/results/snapshots/{id}/indicators" },
        { "GET", "/api/results/snapshots/{id}/rows?groupType=area" },
        { "GET", "/api/results/snapshots/{id}/change" },
    };

    public static IEnumerable<TheoryDataRow<string, string, string>> Cases() =>
        from endpoint in Endpoints
        from role in new[] { "anonymous", Roles.Surveyor, Roles.Supervisor, Roles.Analyst, Roles.Admin }
        select new TheoryDataRow<string, string, string>(endpoint.Data.Item1, endpoint.Data.Item2, role);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ResultsEndpoint_IsForAnalystsAndAdminsOnly(string method, string url, string role)
    {
        var (wave, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        var client = role == "anonymous" ? App.NewClient() : await App.SignedInClient(role);
        if (role == "anonymous") await client.AddCsrfHeader();
        var path = url.Replace("{wave}", wave.Code).Replace("{id}", id.ToString());

        var response = method == "GET"
            ? await client.GetAsync(path, TestContext.Current.CancellationToken)
            : await client.PostAsJsonAsync(path, new { }, TestContext.Current.CancellationToken);

        var expected = role switch
        {
            "anonymous" => HttpStatusCode.Unauthorized,
            Roles.Analyst or Roles.Admin => method == "POST" && url.EndsWith("/snapshots") ? HttpStatusCode.Accepted : HttpStatusCode.OK,
            _ => HttpStatusCode.Forbidden,
        };
        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("anonymous", HttpStatusCode.Unauthorized)]
    [InlineData(Roles.Surveyor, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Supervisor, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Analyst, HttpStatusCode.Forbidden)]
    [InlineData(Roles.Admin, HttpStatusCode.OK)]
    public async Task HangfireDashboard_IsForAdminsOnly(string role, HttpStatusCode expected)
    {
        var client = role == "anonymous" ? App.NewClient() : await App.SignedInClient(role);

        var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/results/waves/{wave}/snapshots")]
    [InlineData("/api/results/snapshots/{id}/publish")]
    public async Task UnsafeResultsEndpoint_WithoutCsrfToken_IsRefused(string url)
    {
        var (wave, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        var client = await App.SignedInClient(Roles.Analyst);
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        var response = await client.PostAsJsonAsync(url.Replace("{wave}", wave.Code).Replace("{id}", id.ToString()), new { },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
