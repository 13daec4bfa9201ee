using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Analytics.Interchange;
using Sipas.Api.PublicResults;
using Sipas.Api.Results;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;

namespace Sipas.Api.Tests.PublicResults;

/// <summary>The public results: published snapshots only, the stored figures (which the PDF prints), cacheable.</summary>
public class PublicResultsTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly TheoryData<string> SnapshotEndpoints = new()
    {
        "/api/public/results/snapshots/{id}",
        "/api/public/results/snapshots/{id}/indicators",
        "/api/public/results/snapshots/{id}/rankings?indicator=SIPAS&groupType=agency",
        "/api/public/results/snapshots/{id}/rankings?indicator=SIPAS&groupType=unit",
        "/api/public/results/snapshots/{id}/results.csv",
        "/api/public/results/snapshots/{id}/rankings.csv",
    };

    [Theory]
    [MemberData(nameof(SnapshotEndpoints))]
    public async Task UnpublishedSnapshot_IsNotFound_ThroughEveryPublicEndpoint(string url)
    {
        var (_, draft) = await ResultsData.WaveWithSnapshot(App, responses: 80);
        var client = App.NewClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url.Replace("{id}", draft.ToString()), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url.Replace("{id}", "999999"), Ct)).StatusCode);
        Assert.Empty((await client.GetFromJsonAsync<List<PublishedSnapshot>>("/api/public/results", Ct))!);
    }

    [Theory]
    [MemberData(nameof(SnapshotEndpoints))]
    public async Task PublishedSnapshot_IsOpenToAnyone_AndCacheable(string url)
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 80, publish: true);
        var client = App.NewClient();

        var first = await client.GetAsync(url.Replace("{id}", id.ToString()), Ct);
        var etag = first.Headers.ETag;
        using var again = new HttpRequestMessage(HttpMethod.Get, url.Replace("{id}", id.ToString()));
        again.Headers.IfNoneMatch.Add(etag!);
        var second = await client.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(PublicCache.CacheControl, first.Headers.CacheControl!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task PublishedFigures_AreTheStoredRows()
    {
        var (wave, unpublished) = await ResultsData.WaveWithSnapshot(App, responses: 400);
        var id = await ResultsData.Snapshot(App, wave, publish: true);
        var client = App.NewClient();
        var analyst = await App.SignedInClient(Roles.Analyst);

        var list = await client.GetFromJsonAsync<List<PublishedSnapshot>>("/api/public/results", Ct);
        var tiles = await client.GetFromJsonAsync<List<PublicIndicator>>($"/api/public/results/snapshots/{id}/indicators", Ct);
        var agencies = await client.GetFromJsonAsync<LeagueTable>($"/api/public/results/snapshots/{id}/rankings?indicator=SIPAS&groupType=agency", Ct);
        var csv = await client.GetByteArrayAsync($"/api/public/results/snapshots/{id}/results.csv", Ct);

        Assert.Equal(id, Assert.Single(list!).Id);
        Assert.NotEqual(unpublished, id);
        await using var db = App.Database.NewDb();
        var province = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == "province" && r.Section == "", Ct);
        var verdict = await db.SnapshotVerdicts.SingleAsync(v => v.SnapshotId == id && v.Indicator == "SIPAS", Ct);
        var sipas = tiles!.Single(t => t.Indicator == "SIPAS");
        Assert.Equal((province.Estimate, province.CiLow, province.CiHigh, province.NValid), (sipas.Estimate, sipas.CiLow, sipas.CiHigh, sipas.NValid));
        Assert.Equal(verdict.Met!.Value ? "met" : "not met", sipas.Verdict);
        Assert.Equal(verdict.Display, sipas.Display);
        // The same league table as the analysts' (computed from the same stored rows).
        var staff = await analyst.GetFromJsonAsync<LeagueTable>($"/api/results/snapshots/{id}/rankings?indicator=SIPAS&groupType=agency", Ct);
        Assert.Equal(staff!.Ranked.Select(r => (r.GroupCode, r.RankDisplay, r.Estimate)), agencies!.Ranked.Select(r => (r.GroupCode, r.RankDisplay, r.Estimate)));
        // The open data is the analysts' results CSV, byte for byte: the rows the PDF report prints.
        Assert.Equal(await analyst.GetByteArrayAsync($"/api/results/snapshots/{id}/results.csv", Ct), csv);
    }

    [Fact]
    public async Task PublishedLeagueTable_FollowsSection9()
    {
        var id = await ResultsData.LeagueSnapshot(App, publish: true);

        var table = await App.NewClient().GetFromJsonAsync<LeagueTable>($"/api/public/results/snapshots/{id}/rankings?groupType=agency", Ct);
        var csv = await App.NewClient().GetStringAsync($"/api/public/results/snapshots/{id}/rankings.csv", Ct);

        Assert.Equal(["1 (1–1)", "2 (2–3)", "2 (2–4)", "4 (3–4)"], table!.Ranked.Select(r => r.RankDisplay));
        Assert.Equal("a-none", Assert.Single(table.Apart).GroupCode);
        Assert.StartsWith(RankingsCsv.Header + "\n", csv);
        Assert.Contains("a-090-se0,300,0.9,0,2,2,3,", csv);
    }

    [Fact]
    public async Task Dictionary_DescribesEveryColumnOfTheOpenData_AndTheLicence()
    {
        var text = await App.NewClient().GetStringAsync("/api/public/results/dictionary.csv", Ct);

        Assert.StartsWith(OpenDataDictionary.Header + "\n", text);
        Assert.Equal(ResultsCsv.Header.Split(','), OpenDataDictionary.Columns("results.csv"));
        Assert.Equal(RankingsCsv.Header.Split(','), OpenDataDictionary.Columns("rankings.csv"));
        Assert.Contains(OpenDataDictionary.Licence, text);
    }

    [Fact]
    public void EveryPublicResultsEndpoint_GoesThroughThePublicReadLimit()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/public/results") == true).ToList();

        Assert.True(endpoints.Count >= 7);
        Assert.All(endpoints, e => Assert.Equal(Setup.RateLimits.PublicRead, e.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName));
    }
}
