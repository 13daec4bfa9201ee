using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Agencies;
using Sipas.Api.Clients;
using Sipas.Api.Integration;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Admin;

public class TthcRatingsTests(TestHost database) : ApiTest(database)
{
    public override async ValueTask DisposeAsync() => await AdminData.RemoveTestReferenceRowsAsync(Database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Path = "/api/integration/tthc-ratings";

    private async Task<(HttpClient Admin, string Key)> Client(string code = "mot-cua", string[]? agencies = null, string? webhook = null)
    {
        var admin = await App.SignedInClient(Roles.Admin);
        var response = await admin.PostAsJsonAsync("/api/admin/clients",
            new ClientRequest(code, "Hệ thống một cửa tỉnh Nghệ An", agencies ?? ["so-xay-dung", "ubnd-16681"], webhook), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (admin, (await response.Content.ReadFromJsonAsync<ClientCredentials>(Ct))!.ApiKey);
    }

    public static object Rating(string key, string agency = "so-xay-dung", string area = "construction", int score = 5,
        string ratedAt = "2025-09-14T09:30:00+07:00", string? wave = null) => new
    {
        idempotencyKey = key, wave, agency, area, dossierCode = $"000.00.XD.H40-250914-{key}", ratedAt,
        answers = new Dictionary<string, object> { ["TT01"] = score, ["TT02"] = 4, ["TT03"] = 0, ["SUBMISSION"] = "truc-tuyen" },
    };

    private Task<HttpResponseMessage> Post(string? key, object body) => Post(key, JsonSerializer.Serialize(body));

    private async Task<HttpResponseMessage> Post(string? key, string json)
    {
        var client = App.NewClient();
        if (key is not null) client.DefaultRequestHeaders.Add(TthcRatings.KeyHeader, key);
        return await client.PostAsync(Path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
    }

    private async Task<List<Response>> Stored()
    {
        await using var db = Database.NewDb();
        return await db.Responses.AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task Batch_OfGoodDuplicateAndBadItems_IsAnsweredPerItem()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var (_, key) = await Client();
        await Post(key, new { ratings = new[] { Rating("HS-1") } });

        var response = await Post(key, new
        {
            ratings = new[]
            {
                Rating("HS-1"), Rating("HS-2", score: 2), Rating("HS-3", agency: "so-y-te"), Rating("HS-4", area: "health"),
                Rating("HS-1", score: 1), Rating("HS 5"), Rating("HS-6", ratedAt: "14/09/2025"),
            },
        });
        var receipt = await response.Content.ReadFromJsonAsync<RatingsReceipt>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((7, 1, 1, 5), (receipt!.Received, receipt.Stored, receipt.Duplicates, receipt.Rejected));
        Assert.Equal(["duplicate", "stored", "rejected", "rejected", "rejected", "rejected", "rejected"], receipt.Items.Select(i => i.Status));
        Assert.Contains("phạm vi", receipt.Items[2].Errors!["agency"][0]);
        Assert.True(receipt.Items[3].Errors!.ContainsKey("area"));
        Assert.Contains("another rating", receipt.Items[4].Errors!["idempotencyKey"][0]);
        Assert.True(receipt.Items[5].Errors!.ContainsKey("idempotencyKey"));
        Assert.True(receipt.Items[6].Errors!.ContainsKey("ratedAt"));
        var stored = await Stored();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, r => Assert.Equal((Channels.Portal, wave.Id, "so-xay-dung/construction"), (r.Channel, r.WaveId, r.Stratum)));
        var second = stored.Single(r => r.Id == receipt.Items[1].ResponseId);
        Assert.Equal([2, 4, 0, null], second.Scores.Take(4).Select(s => (int?)s));
        Assert.Equal("truc-tuyen", second.OtherAnswers!.RootElement.GetProperty("SUBMISSION").GetString());
        Assert.NotNull(second.DossierHash);
        Assert.DoesNotContain("HS-2", Encoding.UTF8.GetString(second.DossierHash!));
        await using var db = Database.NewDb();
        var tthc = await db.Questionnaires.SingleAsync(q => q.Code == "tthc-ho-so" && q.Version == "2025.1", Ct);
        Assert.Equal(tthc.Id, second.QuestionnaireId);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Entity == "client_system" && a.Action == "ratings", Ct));
    }

    [Fact]
    public async Task Batch_MalformedJsonTooManyOrEmpty_IsRefusedWhole_AndStoresNothing()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var (_, key) = await Client();

        var malformed = await Post(key, "{\"ratings\": [" + JsonSerializer.Serialize(Rating("A-1")) + ",");
        var tooMany = await Post(key, new { ratings = Enumerable.Range(0, 1001).Select(i => Rating($"M-{i}")).ToArray() });
        var notABatch = await Post(key, new[] { Rating("A-2") });
        var extra = await Post(key, new { ratings = new[] { Rating("A-3") }, dryRun = true });

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("1.001", await tooMany.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.BadRequest, notABatch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, extra.StatusCode);
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task Batch_OfAThousand_IsStoredOnce_AndSentAgain_IsAllDuplicates()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var (_, key) = await Client();
        var batch = new { ratings = Enumerable.Range(0, 1000).Select(i => Rating($"K-{i}", score: 1 + i % 5)).ToArray() };

        var first = await (await Post(key, batch)).Content.ReadFromJsonAsync<RatingsReceipt>(Ct);
        var again = await (await Post(key, batch)).Content.ReadFromJsonAsync<RatingsReceipt>(Ct);

        Assert.Equal((1000, 0), (first!.Stored, first.Rejected));
        Assert.Equal((0, 1000), (again!.Stored, again.Duplicates));
        Assert.Equal(1000, (await Stored()).Count);
    }

    [Fact]
    public async Task WrongOrRevokedKey_IsRefusedWhole_With401()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var (admin, key) = await Client();
        var batch = new { ratings = new[] { Rating("R-1") } };

        var none = await Post(null, batch);
        var wrong = await Post(key[..^4] + "aaaa", batch);
        var revoke = await admin.PostAsync("/api/admin/clients/mot-cua/revoke", null, Ct);
        var revoked = await Post(key, batch);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (none.StatusCode, wrong.StatusCode));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("invalid-key", JsonDocument.Parse(await revoked.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString());
        Assert.Empty(await Stored());
        await using var db = Database.NewDb();
        var client = await db.ClientSystems.SingleAsync(Ct);
        Assert.DoesNotContain(key, Encoding.UTF8.GetString(client.KeyHash));
        Assert.Equal(32, client.KeyHash.Length);
    }

    [Fact]
    public async Task MergedAgency_RatingsAfterTheMergeAreRejectedNamingTheSuccessor_EarlierOnesAreStored()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var admin = await App.SignedInClient(Roles.Admin);
        await AdminData.CreateAgency(admin, "thu-tthc-cu");
        await AdminData.CreateAgency(admin, "thu-tthc-moi");
        var (_, key) = await Client("mot-cua-2", ["thu-tthc-cu", "thu-tthc-moi"]);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/admin/agencies/thu-tthc-cu/merge",
            new MergeRequest("thu-tthc-moi", new DateOnly(2025, 10, 1), null), Ct)).StatusCode);

        var receipt = await (await Post(key, new
        {
            ratings = new[]
            {
                Rating("M-1", agency: "thu-tthc-cu", ratedAt: "2025-09-30T16:00:00+07:00"),
                Rating("M-2", agency: "thu-tthc-cu", ratedAt: "2025-10-01T08:00:00+07:00"),
                Rating("M-3", agency: "thu-tthc-moi", ratedAt: "2025-10-01T08:00:00+07:00"),
            },
        })).Content.ReadFromJsonAsync<RatingsReceipt>(Ct);

        Assert.Equal(["stored", "rejected", "stored"], receipt!.Items.Select(i => i.Status));
        Assert.Contains("thu-tthc-moi", receipt.Items[1].Errors!["agency"][0]);
        Assert.Contains("01/10/2025", receipt.Items[1].Errors!["agency"][0]);
        await using var db = Database.NewDb();
        var old = await db.Agencies.SingleAsync(a => a.Code == "thu-tthc-cu", Ct);
        Assert.Equal(old.Id, (await db.Responses.SingleAsync(r => r.Id == receipt.Items[0].ResponseId, Ct)).AgencyId);
    }

    [Fact]
    public async Task ClosedWave_RatingsAreRejected()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database, status: WaveStatus.Closed);
        var (_, key) = await Client();

        var receipt = await (await Post(key, new { ratings = new[] { Rating("C-1", wave: wave.Code), Rating("C-2") } }))
            .Content.ReadFromJsonAsync<RatingsReceipt>(Ct);

        Assert.Equal(2, receipt!.Rejected);
        Assert.Contains("đã kết thúc", receipt.Items[0].Errors!["wave"][0]);
        Assert.Contains("No open wave", receipt.Items[1].Errors!["wave"][0]);
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task PortalRatings_CountInTheWavesOfficialFigures_WhenTheWaveCountsThePortal()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        await using (var db = Database.NewDb())
            await db.Waves.Where(w => w.Id == wave.Id).ExecuteUpdateAsync(w => w.SetProperty(x => x.OfficialChannels, [Channels.Portal]), Ct);
        var (_, key) = await Client();
        await Post(key, new { ratings = Enumerable.Range(0, 40).Select(i => Rating($"S-{i}", score: i % 10 == 0 ? 2 : 5)).ToArray() });
        await using var fresh = Database.NewDb();
        var stored = await fresh.Waves.SingleAsync(w => w.Id == wave.Id, Ct);

        var snapshotId = await Results.ResultsData.Snapshot(App, stored);

        await using var check = Database.NewDb();
        var snapshot = await check.Snapshots.SingleAsync(s => s.Id == snapshotId, Ct);
        Assert.Equal(SnapshotStatus.Completed, snapshot.Status);
        Assert.Equal(40, snapshot.ResponsesCounted);
        Assert.Equal(["portal"], snapshot.Channels);
        var tthc = await check.SnapshotResults.SingleAsync(r => r.SnapshotId == snapshotId && r.Channel == "" && r.Indicator == "TTHC"
            && r.GroupType == "province" && r.Section == "" && r.Item == "", Ct);
        Assert.Equal(40, tthc.NResponses);
    }
}
