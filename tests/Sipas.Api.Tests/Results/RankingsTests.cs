using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Api.Results;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Jobs.Exports;
using Sipas.Testing;

namespace Sipas.Api.Tests.Results;

/// <summary>League tables (method.md §9) read from a snapshot's stored rows, over HTTP and a real PostgreSQL.</summary>
public class RankingsTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("agency")]
    [InlineData("unit")]
    public async Task LeagueTable_EqualsRankingsOverTheStoredRows(string groupType)
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 600);
        var client = await App.SignedInClient(Roles.Analyst);

        var table = await client.GetFromJsonAsync<LeagueTable>(
            $"/api/results/snapshots/{id}/rankings?indicator=SIPAS&groupType={groupType}", Ct);

        await using var db = App.Database.NewDb();
        var stored = await db.SnapshotResults.AsNoTracking().Where(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == groupType && r.Section == "" && r.Item == "").ToListAsync(Ct);
        var expected = Rankings.Table([.. stored.Select(r => SnapshotTables.ToResultRow("", r))]);
        var shown = table!.Ranked.Concat(table.Apart).ToList();
        Assert.True(stored.Count > 1);
        Assert.Equal(expected.Select(e => e.GroupCode), shown.Select(s => s.GroupCode));
        Assert.Equal(expected.Select(e => (e.Place?.Rank, e.Place?.Low, e.Place?.High)), shown.Select(s => (s.Rank, s.RankLow, s.RankHigh)));
        Assert.All(shown, s =>
        {
            var row = stored.Single(r => r.GroupCode == s.GroupCode);
            Assert.Equal((row.Estimate, row.Se, row.CiLow, row.CiHigh, row.NValid), (s.Estimate, s.Se, s.CiLow, s.CiHigh, s.NValid));
            Assert.Equal(row.NValid < 30, s.Flags.Contains("small-sample"));
            Assert.NotEqual("", s.NameVi);
        });
        Assert.Equal(groupType == "unit", table.Approximate);
    }

    [Fact]
    public async Task LeagueTable_FollowsSection9_OnSeededRows()
    {
        var id = await ResultsData.LeagueSnapshot(App, publish: false);
        var client = await App.SignedInClient(Roles.Analyst);

        var table = await client.GetFromJsonAsync<LeagueTable>($"/api/results/snapshots/{id}/rankings?indicator=SIPAS&groupType=agency", Ct);

        // The method vector: 0.95, 0.90, 0.90, 0.80 with SEs 0.01, 0.02, 0, 0.05 → 1 (1–1), 2 (2–4), 2 (2–3), 4 (3–4);
        // ties come by group code.
        Assert.Equal(["a-095", "a-090-se0", "a-090-se2", "a-080"], table!.Ranked.Select(r => r.GroupCode));
        Assert.Equal(["1 (1–1)", "2 (2–3)", "2 (2–4)", "4 (3–4)"], table.Ranked.Select(r => r.RankDisplay));
        Assert.Equal(["small-sample"], table.Ranked[3].Flags);   // a small sample is ranked, and flagged
        var apart = Assert.Single(table.Apart);                    // an undefined estimate is listed apart, unranked
        Assert.Equal(("a-none", null, null, ""), (apart.GroupCode, apart.Rank, apart.RankHigh, apart.RankDisplay));
        Assert.Contains("undefined", apart.Flags);
        Assert.Equal("95,00%", table.Ranked[0].Display);
        Assert.False(table.Approximate);
    }

    [Fact]
    public async Task LeagueTable_RefusesOtherGroupTypes_AndUnknownSnapshots()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        var client = await App.SignedInClient(Roles.Analyst);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/results/snapshots/{id}/rankings?groupType=area", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/results/snapshots/999999/rankings", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await App.NewClient().GetAsync($"/api/results/snapshots/{id}/rankings", Ct)).StatusCode);
    }
}
