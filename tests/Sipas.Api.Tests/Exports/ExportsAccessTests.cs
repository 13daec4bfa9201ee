using System.Net;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;

namespace Sipas.Api.Tests.Exports;

/// <summary>Every export × every role: analysts and admins download, everyone else is refused.</summary>
public class ExportsAccessTests(TestHost database) : ApiTest(database)
{
    public static readonly string[] Endpoints =
    [
        "/api/results/snapshots/{id}/results.csv",
        "/api/results/snapshots/{id}/summary.xlsx",
        "/api/results/waves/{wave}/responses",
        "/api/results/waves/{wave}/responses.csv?questionnaire=sipas-dvhcc@2025.1",
    ];

    public static IEnumerable<TheoryDataRow<string, string>> Cases() =>
        from endpoint in Endpoints
        from role in new[] { "anonymous", Roles.Surveyor, Roles.Supervisor, Roles.Analyst, Roles.Admin }
        select new TheoryDataRow<string, string>(endpoint, role);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Export_IsForAnalystsAndAdminsOnly(string url, string role)
    {
        var (wave, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        var client = role == "anonymous" ? App.NewClient() : await App.SignedInClient(role);

        var response = await client.GetAsync(url.Replace("{wave}", wave.Code).Replace("{id}", id.ToString()),
            TestContext.Current.CancellationToken);

        var expected = role switch
        {
            "anonymous" => HttpStatusCode.Unauthorized,
            Roles.Analyst or Roles.Admin => HttpStatusCode.OK,
            _ => HttpStatusCode.Forbidden,
        };
        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
            Assert.DoesNotContain("response_id", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
