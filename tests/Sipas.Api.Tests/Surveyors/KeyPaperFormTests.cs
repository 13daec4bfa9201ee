using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Surveyors;

public class KeyPaperFormTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> State(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("state").GetString()!;
    }

    [Fact]
    public async Task TwoAgreeingKeyings_BecomeOnePaperResponse_WithAnIdFromWaveAndSerial()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var answers = Fieldwork.SipasAnswers(5);
        answers["TC2"] = 0;
        answers.Remove("PA4");
        answers["SEX"] = "nu";

        Assert.Equal("waiting", await State(await (await App.SignedInClient(Roles.Surveyor)).Key(Keying.Form(wave, "0001", answers))));
        await using (var db = Database.NewDb())
            Assert.Empty(await db.Responses.ToListAsync(Ct));
        Assert.Equal("matched", await State(await (await App.SignedInClient(Roles.Surveyor)).Key(Keying.Form(wave, " 0001 ", answers))));

        await using var check = Database.NewDb();
        var response = Assert.Single(await check.Responses.ToListAsync(Ct));
        Assert.Equal(("paper", "so-xay-dung/construction"), (response.Channel, response.Stratum));
        Assert.Equal(Sipas.Api.Surveyors.PaperForm.ResponseId(wave.Code, "0001"), response.Id);
        Assert.Equal([5, 0, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, null], response.Scores.Select(s => (int?)s));
        Assert.Equal("nu", response.OtherAnswers!.RootElement.GetProperty("SEX").GetString());
        Assert.NotNull(response.EnteredBy);
        var keyings = await check.PaperKeyings.ToListAsync(Ct);
        Assert.All(keyings, k => Assert.Equal((PaperKeyingStatus.Matched, response.Id), (k.Status, k.ResponseId)));
        Assert.Equal(2, keyings.Select(k => k.KeyedBy).Distinct().Count());
        var audit = await check.AuditEntries.OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["paper_keying:create", "paper_keying:create", "paper_keying:match", "response:create"],
            audit.Select(a => $"{a.Entity}:{a.Action}").Order(StringComparer.Ordinal));
        var match = audit.Single(a => a.Action == "match");
        Assert.Equal("Waiting", match.Before!.RootElement.GetProperty("Status").GetString());
        Assert.Equal("Matched", match.After!.RootElement.GetProperty("Status").GetString());
        Assert.All(audit, a => Assert.NotNull(a.UserId));
    }

    [Fact]
    public async Task TheEntryForms_ListTheWaveWithItsQuestionnairesScoredItemsInOrder()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);

        var forms = await (await App.SignedInClient(Roles.Surveyor)).GetFromJsonAsync<JsonElement>("/api/surveyors/forms", Ct);

        var entry = forms.EnumerateArray().Single(w => w.GetProperty("code").GetString() == wave.Code);
        var sipas = entry.GetProperty("questionnaires").EnumerateArray().Single(q => q.GetProperty("key").GetString() == Keying.Sipas);
        Assert.Equal(Fieldwork.SipasAnswers().Keys, sipas.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task SamePersonKeyingASerialTwice_Is409AndStoresNothing()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var surveyor = await App.SignedInClient(Roles.Surveyor);
        await State(await surveyor.Key(Keying.Form(wave, "A-7")));

        var again = await surveyor.Key(Keying.Form(wave, "a-7"));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("keyed-by-you", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        await using var db = Database.NewDb();
        Assert.Single(await db.PaperKeyings.ToListAsync(Ct));
        Assert.Empty(await db.Responses.ToListAsync(Ct));
    }

    [Fact]
    public async Task AThirdKeying_Is409()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        await State(await (await App.SignedInClient(Roles.Surveyor)).Key(Keying.Form(wave, "9")));
        await State(await (await App.SignedInClient(Roles.Surveyor)).Key(Keying.Form(wave, "9")));

        var third = await (await App.SignedInClient(Roles.Surveyor)).Key(Keying.Form(wave, "9"));

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
    }

    [Fact]
    public async Task KeyingsOfTheSameSerialInOtherWaves_AreOtherForms()
    {
        var (first, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var (second, _) = await Fieldwork.OpenWaveWithServicePoint(Database, "XD-T2");
        var surveyor = await App.SignedInClient(Roles.Surveyor);

        Assert.Equal("waiting", await State(await surveyor.Key(Keying.Form(first, "1"))));
        Assert.Equal("waiting", await State(await surveyor.Key(Keying.Form(second, "1"))));
    }

    [Fact]
    public async Task AFaultyKeying_Is400WithEveryFieldNamed()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var answers = Fieldwork.SipasAnswers();
        answers["TC1"] = 6;
        answers["NOPE"] = 1;

        var response = await (await App.SignedInClient(Roles.Surveyor)).Key(
            new { wave = wave.Code, questionnaire = Keying.Sipas, serial = "bad serial!", agency = "khong-co", area = "moon", unit = "99999", answers });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["agency", "answers.NOPE", "answers.TC1", "area", "serial", "unit"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains(" / ", errors.GetProperty("answers.TC1")[0].GetString());

        var unknownWave = await (await App.SignedInClient(Roles.Surveyor)).Key(new { wave = "khong-co", questionnaire = Keying.Sipas, serial = "1" });
        var waveErrors = (await unknownWave.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(waveErrors.TryGetProperty("wave", out _));
        await using var db = Database.NewDb();
        Assert.Empty(await db.PaperKeyings.ToListAsync(Ct));
    }
}
