using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Results;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Results;

/// <summary>The dashboard's integrity panel reads the snapshot's stored counts and the <c>unflagged</c> scope.</summary>
public class IntegrityResultsTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snapshot_SaysHowManyWereExcludedAndWhy_AndEachTileCarriesItsValueWithoutTheFlaggedResponses()
    {
        await using var db = App.Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2, officialChannels: [.. Channels.All]);
        var all = await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 400, seed: 77);
        // Flagged responses answered low on purpose, so leaving them out moves the figure.
        foreach (var r in all.Take(60)) (r.Flags, r.Scores) = ([ResponseFlags.StraightLine], [.. r.Scores.Select(_ => (short?)1)]);
        foreach (var r in all.Take(5)) r.Review = ReviewDecisions.Exclude;
        foreach (var r in all.Skip(5).Take(2)) r.Flags = [ResponseFlags.StraightLine, ResponseFlags.TooFast];
        await db.SaveChangesAsync(Ct);
        var id = await ResultsData.Snapshot(App, wave);
        var analyst = await App.SignedInClient(Roles.Analyst);

        var snapshot = await analyst.GetFromJsonAsync<SnapshotSummary>($"/api/results/snapshots/{id}", Ct);
        var tiles = await analyst.GetFromJsonAsync<List<IndicatorTile>>($"/api/results/snapshots/{id}/indicators", Ct);
        var web = await analyst.GetFromJsonAsync<List<IndicatorTile>>($"/api/results/snapshots/{id}/indicators?channel=web-unverified", Ct);

        Assert.Equal((5, 55), (snapshot!.ResponsesExcluded, snapshot.ResponsesFlaggedKept));
        var straight = snapshot.Integrity!.Single(c => c.Cause == ResponseFlags.StraightLine);
        Assert.Equal((5, 55, ResponseFlags.Explained[ResponseFlags.StraightLine].Vi), (straight.Excluded, straight.FlaggedKept, straight.Vi));
        Assert.Equal((0, 2), (snapshot.Integrity!.Single(c => c.Cause == ResponseFlags.TooFast).Excluded,
            snapshot.Integrity!.Single(c => c.Cause == ResponseFlags.TooFast).FlaggedKept));
        var sipas = tiles!.Single(t => t.Indicator == "SIPAS");
        var unflagged = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == id && r.Channel == "unflagged" && r.Indicator == "SIPAS"
            && r.GroupType == "province" && r.Section == "", Ct);
        Assert.Equal(unflagged.Estimate, sipas.UnflaggedEstimate);
        Assert.Equal(Analytics.Targets.Display(unflagged.Estimate!.Value), sipas.UnflaggedDisplay);
        Assert.True(sipas.UnflaggedEstimate > sipas.Estimate, $"{sipas.UnflaggedDisplay} vs {sipas.Display}");
        Assert.Equal(unflagged.NValid, sipas.UnflaggedNValid);
        // A channel's tiles carry no second value; the web channel's unverified ratings are a scope of their own.
        var webSipas = web!.Single(t => t.Indicator == "SIPAS");
        Assert.NotNull(webSipas.Estimate);
        Assert.Null(webSipas.UnflaggedEstimate);
    }
}
