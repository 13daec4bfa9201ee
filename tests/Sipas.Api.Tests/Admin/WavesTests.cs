using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Surveyors;
using Sipas.Api.Waves;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Admin;

public class WavesTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static WaveRequest Request(string code = "2026-H1", string[]? questionnaires = null, string[]? agencies = null,
        string[]? areas = null) => new(code, "Đợt 6 tháng đầu năm 2026", "First half of 2026",
        new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 30), new DateOnly(2025, 10, 1), new DateOnly(2026, 3, 31),
        questionnaires ?? ["sipas-dvhcc@2025.1", "tthc-ho-so@2025.1"], [Channels.Paper, Channels.Portal], areas ?? [], agencies ?? [], []);

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;

    private async Task AddServicePoint(string code = "XD-W1")
    {
        await using var db = Database.NewDb();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung", Ct);
        db.ServicePoints.Add(new Sipas.Data.ServicePoint
        {
            Code = code, NameVi = "Quầy Sở Xây dựng", AgencyId = agency.Id, AreaCode = "construction", CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Create_StoresADraft_WithItsScopeAndChannels_AndAnAuditEntry()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-waves");

        var response = await admin.PostAsJsonAsync("/api/admin/waves", Request(agencies: ["so-xay-dung"], areas: ["construction"]), Ct);
        var wave = await response.Content.ReadFromJsonAsync<WaveDetail>(Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("draft", 2), (wave!.Status, wave.Questionnaires.Count));
        Assert.Equal(["paper", "portal"], wave.OfficialChannels);
        Assert.Equal(["so-xay-dung"], wave.AgencyCodes);
        Assert.Equal(Channels.All, wave.Counts.Keys);
        await using var db = Database.NewDb();
        var audit = await db.AuditEntries.SingleAsync(a => a.Entity == "wave", Ct);
        Assert.Equal(("2026-H1", "create", "admin-waves"), (audit.EntityId, audit.Action, audit.UserName));
    }

    [Fact]
    public async Task Create_BadFields_Is400OnEachField_AndStoresNothing()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        var bad = Request("x") with
        {
            EndsOn = new DateOnly(2025, 12, 31), Questionnaires = ["khong-co@1"], OfficialChannels = ["fax"], AgencyCodes = ["khong-co"],
        };

        var response = await admin.PostAsJsonAsync("/api/admin/waves", bad, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Body(response)).GetProperty("errors");
        foreach (var field in new[] { "code", "endsOn", "questionnaires", "officialChannels", "agencyCodes" })
            Assert.True(errors.TryGetProperty(field, out _), field);
        await using var db = Database.NewDb();
        Assert.False(await db.Waves.AnyAsync(Ct));
    }

    [Fact]
    public async Task Open_WithoutAPublishedQuestionnaire_Is409WithTheReason()
    {
        await AddServicePoint();
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.PostAsJsonAsync("/api/admin/waves", Request(questionnaires: []), Ct);

        var response = await admin.PostAsync("/api/admin/waves/2026-H1/open", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = await Body(response);
        Assert.Equal("wave-not-ready", body.GetProperty("code").GetString());
        Assert.Contains("chưa có phiếu khảo sát đã ban hành", Assert.Single(body.GetProperty("reasons").EnumerateArray()).GetString());
        await using var db = Database.NewDb();
        Assert.Equal(WaveStatus.Draft, (await db.Waves.SingleAsync(Ct)).Status);
    }

    [Fact]
    public async Task Open_WithoutAServicePointOrAssignment_Is409()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.PostAsJsonAsync("/api/admin/waves", Request(), Ct);

        var response = await admin.PostAsync("/api/admin/waves/2026-H1/open", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("điểm phục vụ", (await Body(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Open_Ready_OpensIt_ThenItCannotBeEdited_AndCitizensSeeIt()
    {
        await AddServicePoint();
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.PostAsJsonAsync("/api/admin/waves", Request(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, (await App.NewClient().GetAsync("/api/public/service-points/XD-W1", Ct)).StatusCode);

        var opened = await admin.PostAsync("/api/admin/waves/2026-H1/open", null, Ct);
        var edit = await admin.PutAsJsonAsync("/api/admin/waves/2026-H1", Request(questionnaires: ["sipas-dvhcc@2025.1"]), Ct);
        var again = await admin.PostAsync("/api/admin/waves/2026-H1/open", null, Ct);
        var survey = await App.NewClient().GetAsync("/api/public/service-points/XD-W1", Ct);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("open", (await opened.Content.ReadFromJsonAsync<WaveDetail>(Ct))!.Status);
        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal("wave-not-draft", (await Body(edit)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, survey.StatusCode);
        await using var db = Database.NewDb();
        Assert.Equal(2, (await db.Waves.Include(w => w.Questionnaires).SingleAsync(Ct)).Questionnaires.Count);
    }

    [Fact]
    public async Task OpenWave_KeepsTheVersionItStartedWith_WhenANewerOneIsPublishedAndTheOldRetired()
    {
        // Versions of its own (questionnaires are reference data that tests share: the seeded ones stay as they are).
        var (first, second) = ($"k1-{Guid.NewGuid():N}"[..12], $"k2-{Guid.NewGuid():N}"[..12]);
        await AddServicePoint();
        var admin = await App.SignedInClient(Roles.Admin);
        (await admin.PostAsJsonAsync("/api/admin/questionnaires/sipas-dvhcc/2025.1/copy", new { version = first }, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/questionnaires/sipas-dvhcc/{first}/publish", null, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/admin/waves", Request(questionnaires: [$"sipas-dvhcc@{first}"]), Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/waves/2026-H1/open", null, Ct)).EnsureSuccessStatusCode();

        (await admin.PostAsJsonAsync($"/api/admin/questionnaires/sipas-dvhcc/{first}/copy", new { version = second }, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/questionnaires/sipas-dvhcc/{second}/publish", null, Ct)).EnsureSuccessStatusCode();
        var retired = await admin.PostAsync($"/api/admin/questionnaires/sipas-dvhcc/{first}/retire", null, Ct);
        (await admin.PostAsync($"/api/admin/questionnaires/sipas-dvhcc/{second}/retire", null, Ct)).EnsureSuccessStatusCode();
        var survey = await App.NewClient().GetFromJsonAsync<Sipas.Api.Citizens.ServicePointSurvey>("/api/public/service-points/XD-W1", Ct);

        Assert.True(retired.IsSuccessStatusCode, await retired.Content.ReadAsStringAsync(Ct));
        Assert.Equal(("sipas-dvhcc", first), (survey!.Questionnaire.Code, survey.Questionnaire.Version));
        await using var db = Database.NewDb();
        var wave = await db.Waves.Include(w => w.Questionnaires).SingleAsync(Ct);
        Assert.Equal([first], wave.Questionnaires.Select(q => q.Version));
    }

    [Fact]
    public async Task Update_Draft_ChangesItsQuestionnairesAndDates()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.PostAsJsonAsync("/api/admin/waves", Request(), Ct);

        var response = await admin.PutAsJsonAsync("/api/admin/waves/2026-H1",
            Request(questionnaires: ["sipas-dvhcc@2025.1"]) with { EndsOn = new DateOnly(2026, 7, 15) }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var wave = await response.Content.ReadFromJsonAsync<WaveDetail>(Ct);
        Assert.Equal((new DateOnly(2026, 7, 15), "sipas-dvhcc@2025.1"), (wave!.EndsOn, Assert.Single(wave.Questionnaires).Key));
    }

    [Fact]
    public async Task Close_ThenEveryResponsePathRefusesTheWave()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var admin = await App.SignedInClient(Roles.Admin);
        var surveyor = await App.SignedInClient(Roles.Surveyor);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        Assert.Equal(HttpStatusCode.OK, (await App.NewClient().GetAsync("/api/public/service-points/XD-T1", Ct)).StatusCode);

        var closed = await admin.PostAsync($"/api/admin/waves/{wave.Code}/close", null, Ct);
        var citizen = await App.NewClient().PostAsJsonAsync("/api/public/service-points/XD-T1/responses",
            new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers() }, Ct);
        var keying = await surveyor.Key(Keying.Form(wave, "P-1"));
        string[] items = ["TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "TT5", "CC1", "CC2", "CC3", "CC4", "CC5", "CC6",
            "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3", "PA4", "SEX", "AGE_GROUP", "COMMENT"];
        var import = await supervisor.PostAsync("/api/supervisor/imports/responses", new StringContent(
            "response_id,questionnaire,wave,channel,area,agency,unit,stratum,submitted_at," + string.Join(',', items) + "\n" +
            $"{Guid.NewGuid()},sipas-dvhcc@2025.1,{wave.Code},,construction,so-xay-dung,,,2025-09-14T09:30:00+07:00," +
            string.Join(',', Enumerable.Repeat("4", 22)) + ",nu,,\n", Encoding.UTF8, "text/csv"), Ct);
        var reopen = await admin.PostAsync($"/api/admin/waves/{wave.Code}/open", null, Ct);

        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, citizen.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, keying.StatusCode);
        Assert.Equal("wave-closed", (await Body(keying)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
        Assert.Contains("đã kết thúc", (await Body(import)).GetProperty("rows")[0].GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.Conflict, reopen.StatusCode);
        await using var db = Database.NewDb();
        Assert.False(await db.Responses.AnyAsync(Ct));
        Assert.False(await db.PaperKeyings.AnyAsync(Ct));
    }

    [Fact]
    public async Task ClosedInTheDatabase_WhileThePageIsCached_TheWriterStillRefuses()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        Assert.Equal(HttpStatusCode.OK, (await App.NewClient().GetAsync("/api/public/service-points/XD-T1", Ct)).StatusCode);
        await using (var db = Database.NewDb())
            await db.Waves.Where(w => w.Id == wave.Id).ExecuteUpdateAsync(w => w.SetProperty(x => x.Status, WaveStatus.Closed), Ct);

        var response = await App.NewClient().PostAsJsonAsync("/api/public/service-points/XD-T1/responses",
            new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers() }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("wave-closed", (await Body(response)).GetProperty("code").GetString());
        await using var check = Database.NewDb();
        Assert.False(await check.Responses.AnyAsync(Ct));
    }

    [Fact]
    public async Task List_CountsResponsesPerChannel()
    {
        await using (var db = Database.NewDb())
        {
            var wave = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
            await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 40, seed: 3, channels: [Channels.Paper]);
            await TestWaves.AddResponsesAsync(db, wave, "TTHC", 7, seed: 4, channels: [Channels.Portal]);
        }
        var admin = await App.SignedInClient(Roles.Admin);

        var waves = await admin.GetFromJsonAsync<List<WaveDetail>>("/api/admin/waves", Ct);

        var counts = Assert.Single(waves!).Counts;
        Assert.Equal((40, 7, 0), (counts["paper"], counts["portal"], counts["web"]));
    }
}
