using System.Net;
using System.Net.Http.Json;
using System.Text;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Surveyors;

/// <summary>Every surveyor, supervisor and fieldwork endpoint for every role: surveyors key, supervisors reconcile, import and plan.</summary>
public class SurveyorsAccessTests(TestHost database) : ApiTest(database)
{
    private const string Anonymous = "anonymous";
    public static readonly string[] Everyone = [Anonymous, Roles.Surveyor, Roles.Supervisor, Roles.Analyst, Roles.Admin];

    public static TheoryData<string, string, string[]> Cases()
    {
        var data = new TheoryData<string, string, string[]>();
        foreach (var role in Everyone)
        {
            data.Add(role, "GET /api/surveyors/forms", [Roles.Surveyor, Roles.Admin]);
            data.Add(role, "POST /api/surveyors/keyings", [Roles.Surveyor, Roles.Admin]);
            data.Add(role, "GET /api/supervisor/reconciliations", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "GET /api/supervisor/reconciliations/{wave}/1", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "POST /api/supervisor/reconciliations/{wave}/1", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "GET /api/supervisor/keyers", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "POST /api/supervisor/imports/responses", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "PUT /api/supervisor/waves/{wave}/frame", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "POST /api/supervisor/waves/{wave}/plan", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "GET /api/supervisor/waves/{wave}/progress", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "POST /api/supervisor/waves/{wave}/assignments", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "GET /api/surveyors/assignments", [Roles.Surveyor, Roles.Admin]);
            data.Add(role, "POST /api/surveyors/interviews", [Roles.Surveyor, Roles.Admin]);
            data.Add(role, "GET /api/supervisor/waves", [Roles.Supervisor, Roles.Admin]);
            data.Add(role, "GET /api/supervisor/waves/{wave}/fieldwork", [Roles.Supervisor, Roles.Admin]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OnlyTheRolesAllowedReachTheEndpoint(string role, string endpoint, string[] allowed)
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var client = role == Anonymous ? App.NewClient() : await App.SignedInClient(role);
        if (role == Anonymous) await client.AddCsrfHeader();
        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1].Replace("{wave}", wave.Code));
        var ct = TestContext.Current.CancellationToken;

        var response = method == "GET" ? await client.GetAsync(path, ct)
            : path.EndsWith("/imports/responses") ? await client.PostAsync(path, new StringContent("", Encoding.UTF8, "text/csv"), ct)
            : path.EndsWith("/frame") ? await client.PutAsync(path, new StringContent("wave,stratum,population\n", Encoding.UTF8, "text/csv"), ct)
            : path.EndsWith("/plan") ? await client.PostAsJsonAsync(path, new { method = "default" }, ct)
            : path.EndsWith("/assignments") ? await client.PostAsJsonAsync(path, new { userName = "x", stratum = "x" }, ct)
            : path.EndsWith("/keyings") ? await client.Key(Keying.Form(wave, "1"))
            : path.EndsWith("/interviews") ? await client.PostAsJsonAsync(path, Interviews.Interviewing.Completed(wave, Guid.NewGuid()), ct)
            : await client.PostAsJsonAsync(path, new { agency = "so-xay-dung", area = "construction", answers = Fieldwork.SipasAnswers() }, ct);

        var expected = role == Anonymous ? HttpStatusCode.Unauthorized
            : allowed.Contains(role) ? (HttpStatusCode?)null : HttpStatusCode.Forbidden;
        if (expected is { } status) Assert.Equal(status, response.StatusCode);
        else Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NotFound
            or HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{role} {endpoint}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.StatusCode >= HttpStatusCode.BadRequest
            ? response.Content.Headers.ContentType?.MediaType : "application/problem+json");
    }

    [Fact]
    public async Task UnsafeRequestsWithoutTheCsrfToken_AreRefused()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var surveyor = await App.SignedInClient(Roles.Surveyor);
        surveyor.DefaultRequestHeaders.Remove(Sipas.Api.Auth.CsrfFilter.HeaderName);

        var response = await surveyor.Key(Keying.Form(wave, "1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
