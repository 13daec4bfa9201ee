using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

/// <summary>
/// Issue 14: a flag never leaves a response out by itself; only a supervisor's "exclude" in force does. The snapshot
/// records the exclusions and the flagged-but-kept responses by cause, and stores the figures without the flagged
/// responses (<c>unflagged</c>) and the web channel's verified and unverified ratings apart.
/// </summary>
public class IntegritySnapshotTests(JobsDatabase database) : JobTest(database)
{
    [Fact]
    public async Task Snapshot_CountsEveryResponseNotExcluded_RecordsTheCauses_AndStoresTheScopesAsTheEngineComputesThem()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        var all = await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 900, seed: 41);
        var counted = wave.OfficialChannels;
        // Every 7th response flagged too-fast, every 11th burst (so every 77th carries both); every 3rd flagged one
        // excluded, every 5th decided "keep"; one unflagged response excluded (a fabricated form); every 4th web
        // rating made through an invitation link.
        for (var i = 0; i < all.Count; i++)
        {
            var r = all[i];
            var flags = new List<string>();
            if (i % 7 == 0) flags.Add(ResponseFlags.TooFast);
            if (i % 11 == 0) flags.Add(ResponseFlags.Burst);
            r.Flags = [.. flags];
            if (flags.Count > 0 && i % 3 == 0) r.Review = ReviewDecisions.Exclude;
            else if (flags.Count > 0 && i % 5 == 0) r.Review = ReviewDecisions.Keep;
            if (r.Channel == Channels.Web && i % 4 == 0) r.InvitationId = Guid.NewGuid();
        }
        var fabricated = all.First(r => r.Flags.Length == 0 && counted.Contains(r.Channel));
        fabricated.Review = ReviewDecisions.Exclude;
        await db.SaveChangesAsync(ct);
        var id = await NewSnapshot(wave);

        await Compute(id);

        var snapshot = await Load(id);
        bool Excluded(Response r) => r.Review == ReviewDecisions.Exclude;
        var countedResponses = all.Where(r => counted.Contains(r.Channel)).ToList();
        Assert.Equal(all.Count(r => !Excluded(r)), snapshot.ResponsesRead);
        Assert.Equal(countedResponses.Count(r => !Excluded(r)), snapshot.ResponsesCounted);
        Assert.Equal(countedResponses.Count(Excluded), snapshot.ResponsesExcluded);
        Assert.Equal(countedResponses.Count(r => !Excluded(r) && r.Flags.Length > 0), snapshot.ResponsesFlaggedKept);
        Assert.True(snapshot.ResponsesExcluded > 10 && snapshot.ResponsesFlaggedKept > 10);

        // Causes: a response with two flags counts under each; the unflagged exclusion under "no-flag".
        Dictionary<string, int> ByCause(IEnumerable<Response> rows) => rows
            .SelectMany(r => r.Flags.Length == 0 ? [WaveReader.NoFlag] : r.Flags).GroupBy(f => f)
            .ToDictionary(g => g.Key, g => g.Count());
        var integrity = snapshot.Integrity!.RootElement;
        Assert.Equal(ByCause(countedResponses.Where(Excluded)), Read(integrity.GetProperty("excluded")));
        Assert.Equal(ByCause(countedResponses.Where(r => !Excluded(r) && r.Flags.Length > 0)), Read(integrity.GetProperty("flaggedKept")));
        Assert.Equal(1, Read(integrity.GetProperty("excluded"))[WaveReader.NoFlag]);

        var rows = await Rows(id);
        var official = rows.Single(r => r.Channel == "" && r.Indicator == "SIPAS" && r.GroupType == "province" && r.Section == "");
        Assert.Equal(snapshot.ResponsesCounted, official.NResponses);

        var version = await db.Questionnaires.SingleAsync(q => q.Id == all[0].QuestionnaireId, ct);
        // The official figures: every counted response not excluded, flagged or not.
        await SameAsEngine(db, wave, version, rows, "", counted, _ => true);
        // Without the flagged-but-kept responses.
        await SameAsEngine(db, wave, version, rows, WaveReader.Unflagged, counted, r => r.Flags.Length == 0);
        // The web channel's verified and unverified ratings apart.
        await SameAsEngine(db, wave, version, rows, WaveReader.WebVerified, [Channels.Web], r => r.InvitationId is not null);
        await SameAsEngine(db, wave, version, rows, WaveReader.WebUnverified, [Channels.Web], r => r.InvitationId is null);
        var unflagged = rows.Single(r => r.Channel == WaveReader.Unflagged && r.Indicator == "SIPAS" && r.GroupType == "province" && r.Section == "");
        Assert.Equal(countedResponses.Count(r => !Excluded(r) && r.Flags.Length == 0), unflagged.NResponses);
    }

    [Fact]
    public async Task Reversal_CountsTheResponseAgain_InTheNextSnapshot_AndThePublishedOneKeepsItsCounts()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1, officialChannels: [.. Channels.All]);
        var all = await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 200, seed: 42);
        foreach (var r in all.Take(10)) (r.Flags, r.Review) = ([ResponseFlags.StraightLine], ReviewDecisions.Exclude);
        await db.SaveChangesAsync(ct);
        var first = await NewSnapshot(wave);
        await Compute(first);
        await Publish(first);

        foreach (var r in all.Take(4)) r.Review = ReviewDecisions.Keep;
        await db.SaveChangesAsync(ct);
        var second = await NewSnapshot(wave);
        await Compute(second);

        var (before, after) = (await Load(first), await Load(second));
        Assert.Equal((190, 10, 0), (before.ResponsesCounted, before.ResponsesExcluded, before.ResponsesFlaggedKept));
        Assert.Equal((194, 6, 4), (after.ResponsesCounted, after.ResponsesExcluded, after.ResponsesFlaggedKept));
        Assert.NotEqual(before.DataHash, after.DataHash);
        var changes = after.Changes!.RootElement;
        Assert.Equal((10, 6), (changes.GetProperty("excludedBefore").GetInt32(), changes.GetProperty("excludedAfter").GetInt32()));
    }

    private static Dictionary<string, int> Read(JsonElement causes) =>
        causes.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());

    /// <summary>The stored rows of <paramref name="scope"/> equal the engine run on the responses a CSV of that subset holds.</summary>
    private static async Task SameAsEngine(SipasDb db, Wave wave, QuestionnaireVersion version, List<SnapshotResult> stored,
        string scope, IReadOnlyCollection<string> channels, Func<Response, bool> keep)
    {
        var csv = await InterchangeExport.ResponsesCsv(db, wave, version, channels, keep);
        var read = ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), version.Read(), wave.Code);
        Assert.True(read.Ok, string.Join("; ", read.Faults));
        var expected = Estimator.Compute(Assert.Single(read.Samples), null, SnapshotFigures.Spec).Results;
        var actual = stored.Where(r => r.Channel == scope && r.Indicator == version.Family
            && r.GroupType is "province" or "area" or "agency" or "unit").ToDictionary(r => (r.GroupType, r.GroupCode, r.Section, r.Item));
        Assert.Equal(expected.Count, actual.Count);
        Assert.True(expected.Count > 50, $"{scope}: {expected.Count} rows");
        foreach (var e in expected)
        {
            var a = actual[(ResultText.Of(e.GroupType), e.GroupCode, e.Section, e.Item)];
            Assert.Equal(e.NValid, a.NValid);
            Assert.Equal(ResultText.Of(e.Flags), ResultText.Of((ResultFlags)a.Flags));
            Same(e.Estimate, a.Estimate);
            Same(e.Se, a.Se);
            Same(e.Ci.Lower, a.CiLow);
            Same(e.Ci.Upper, a.CiHigh);
        }
    }

    private static void Same(double expected, double? actual)
    {
        if (double.IsNaN(expected)) { Assert.Null(actual); return; }
        Assert.NotNull(actual);
        Assert.Equal(expected, actual.Value, 1e-12);
    }
}
