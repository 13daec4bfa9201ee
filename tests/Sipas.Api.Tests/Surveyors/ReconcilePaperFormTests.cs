using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Surveyors;

public class ReconcilePaperFormTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Wave Wave, HttpClient First, HttpClient Second)> KeyTwice(string serial, Dictionary<string, object> first,
        Dictionary<string, object> second, string secondArea = "construction")
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var a = await App.SignedInClient(Roles.Surveyor, "keyer-a");
        var b = await App.SignedInClient(Roles.Surveyor, "keyer-b");
        Assert.Equal(HttpStatusCode.Created, (await a.Key(Keying.Form(wave, serial, first))).StatusCode);
        var queued = await b.Key(Keying.Form(wave, serial, second, area: secondArea));
        Assert.Equal("queued", (await queued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString());
        return (wave, a, b);
    }

    [Fact]
    public async Task OneFieldDiffering_IsQueuedShownSideBySideAndTheDecisionBecomesTheResponse()
    {
        var second = Fieldwork.SipasAnswers();
        second["CC3"] = 2;
        var (wave, _, _) = await KeyTwice("0042", Fieldwork.SipasAnswers(), second);
        await using (var db = Database.NewDb())
            Assert.Empty(await db.Responses.ToListAsync(Ct));
        var supervisor = await App.SignedInClient(Roles.Supervisor);

        var queue = await supervisor.GetFromJsonAsync<JsonElement>($"/api/supervisor/reconciliations?wave={wave.Code}", Ct);
        var form = await supervisor.GetFromJsonAsync<JsonElement>($"/api/supervisor/reconciliations/{wave.Code}/0042", Ct);

        Assert.Equal("0042", Assert.Single(queue.EnumerateArray()).GetProperty("serial").GetString());
        var differing = form.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("differs").GetBoolean()).ToList();
        var field = Assert.Single(differing);
        Assert.Equal(("CC3", "4", "2"), (field.GetProperty("field").GetString(), field.GetProperty("first").GetString(), field.GetProperty("second").GetString()));
        Assert.False(string.IsNullOrEmpty(field.GetProperty("label").GetProperty("vi").GetString()));
        Assert.Equal(["keyer-a", "keyer-b"], form.GetProperty("keyers").EnumerateArray().Select(k => k.GetProperty("userName").GetString()));

        var decided = Fieldwork.SipasAnswers();
        decided["CC3"] = 2;
        var created = await supervisor.PostAsJsonAsync($"/api/supervisor/reconciliations/{wave.Code}/0042",
            new { agency = "so-xay-dung", area = "construction", answers = decided }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using var check = Database.NewDb();
        var response = Assert.Single(await check.Responses.ToListAsync(Ct));
        Assert.Equal(("paper", (short?)2), (response.Channel, response.Scores[11]));
        Assert.All(await check.PaperKeyings.ToListAsync(Ct), k => Assert.Equal((PaperKeyingStatus.Reconciled, response.Id), (k.Status, k.ResponseId)));
        Assert.Equal(3, await check.AuditEntries.CountAsync(a => a.Action == "reconcile", Ct));
        Assert.Empty(await supervisor.GetFromJsonAsync<JsonElement[]>("/api/supervisor/reconciliations", Ct) ?? []);

        var rates = await supervisor.GetFromJsonAsync<JsonElement>("/api/supervisor/keyers", Ct);
        var byKeyer = rates.EnumerateArray().ToDictionary(r => r.GetProperty("userName").GetString()!, r => r);
        var fields = 4 + 22 + 3;  // place fields, criteria, other items
        Assert.Equal((fields, 1), (byKeyer["keyer-a"].GetProperty("fields").GetInt32(), byKeyer["keyer-a"].GetProperty("disagreements").GetInt32()));
        Assert.Equal(0, byKeyer["keyer-b"].GetProperty("disagreements").GetInt32());
        Assert.Equal(1.0 / fields, byKeyer["keyer-a"].GetProperty("errorRate").GetDouble(), 12);

        var again = await supervisor.PostAsJsonAsync($"/api/supervisor/reconciliations/{wave.Code}/0042",
            new { agency = "so-xay-dung", area = "construction", answers = decided }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task ManyFieldsDiffering_IncludingThePlace_AreAllShownAndTheTypedValuesWin()
    {
        var first = Fieldwork.SipasAnswers(5);
        var second = Fieldwork.SipasAnswers(3);
        second.Remove("PA4");
        second["SEX"] = "nam";
        var (wave, _, _) = await KeyTwice("X1", first, second, secondArea: "general"); // an area the agency also serves
        var supervisor = await App.SignedInClient(Roles.Admin);

        var form = await supervisor.GetFromJsonAsync<JsonElement>($"/api/supervisor/reconciliations/{wave.Code}/x1", Ct);
        var differing = form.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("differs").GetBoolean())
            .Select(f => f.GetProperty("field").GetString()).ToList();
        Assert.Equal(2 + 22 + 1, differing.Count);    // area and stratum, every criterion, SEX
        Assert.Contains("area", differing);
        var pa4 = form.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "PA4");
        Assert.Equal(JsonValueKind.Null, pa4.GetProperty("second").ValueKind);

        var typed = Fieldwork.SipasAnswers(4);
        var bad = await supervisor.PostAsJsonAsync($"/api/supervisor/reconciliations/{wave.Code}/X1",
            new { agency = "so-xay-dung", area = "construction", answers = new Dictionary<string, object> { ["TC1"] = 9 } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var created = await supervisor.PostAsJsonAsync($"/api/supervisor/reconciliations/{wave.Code}/X1",
            new { agency = "so-xay-dung", area = "construction", answers = typed }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await using var db = Database.NewDb();
        var response = Assert.Single(await db.Responses.ToListAsync(Ct));
        Assert.All(response.Scores, s => Assert.Equal((short?)4, s));
        Assert.Equal("construction", response.AreaCode);
    }

    [Fact]
    public async Task AFormNotKeyedTwice_IsNotFound()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        await (await App.SignedInClient(Roles.Surveyor)).Key(Keying.Form(wave, "5"));
        var supervisor = await App.SignedInClient(Roles.Supervisor);

        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync($"/api/supervisor/reconciliations/{wave.Code}/5", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.PostAsJsonAsync($"/api/supervisor/reconciliations/{wave.Code}/5",
            new { agency = "so-xay-dung", area = "construction", answers = Fieldwork.SipasAnswers() }, Ct)).StatusCode);
    }
}
