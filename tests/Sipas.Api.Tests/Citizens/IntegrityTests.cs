using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.Clients;
using Sipas.Api.Tests.Admin;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Interviews;
using Sipas.Api.Tests.Surveyors;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Citizens;

/// <summary>
/// Insiders with a motive (issue 14): a rating link used twice, a surveyor crediting another agency, a keyer deciding
/// their own form, quality flags that catch what limits cannot. Each states what was acknowledged and what reaches a
/// figure unflagged.
/// </summary>
public class IntegrityTests(TestHost database) : ApiTest(database)
{
    public override async ValueTask DisposeAsync() => await AdminData.RemoveTestReferenceRowsAsync(Database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<Response>> Stored()
    {
        await using var db = Database.NewDb();
        return await db.Responses.AsNoTracking().OrderBy(r => r.ReceivedAt).ToListAsync(Ct);
    }

    private Task<string> ClientKey() => Invitations.ClientKeyAsync(App, Ct);

    private Task<HttpResponseMessage> Invite(string key, string dossier) => Invitations.InviteAsync(App, key, dossier, Ct);

    private async Task<HttpResponseMessage> Rate(string token, Guid id, object? extra = null)
    {
        var client = App.NewClient();
        client.DefaultRequestHeaders.Add("X-Sipas-Device", App.Credential());
        return await client.PostAsJsonAsync($"/api/public/invitations/{token}/responses",
            extra ?? new { clientId = id, answers = Fieldwork.VariedAnswers() }, Ct);
    }

    [Fact]
    public async Task AnInvitation_GivesOneVerifiedRatingForItsDossier_AndIsRefusedTheSecondTime()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var key = await ClientKey();
        var issued = await Invite(key, "000.00.XD.H40-251114-0001");
        var again = await Invite(key, "000.00.xd.h40-251114-0001"); // the same dossier, spelled otherwise
        var invitation = await issued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var token = invitation.GetProperty("token").GetString()!;

        var survey = await App.NewClient().GetAsync($"/api/public/invitations/{token}", Ct);
        var first = Guid.NewGuid();
        var rated = await Rate(token, first);
        var retried = await Rate(token, first);
        var second = await Rate(token, Guid.NewGuid());
        var reopened = await App.NewClient().GetAsync($"/api/public/invitations/{token}", Ct);
        var forged = await App.NewClient().GetAsync($"/api/public/invitations/{token[..^2]}AA", Ct);
        var withDossier = await Rate(token, Guid.NewGuid(), new { clientId = Guid.NewGuid(), answers = Fieldwork.VariedAnswers(), dossierCode = "KHAC-1" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK), (issued.StatusCode, again.StatusCode));
        Assert.Equal(token, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString());
        Assert.EndsWith($"/r/{token}", invitation.GetProperty("link").GetString());
        Assert.True(token.Length <= 48);
        Assert.Equal(HttpStatusCode.OK, survey.StatusCode);
        // 4 ratings sent through the link: 1 acknowledged (and its retry answered with its receipt), 1 stored, verified.
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict), (rated.StatusCode, retried.StatusCode, second.StatusCode));
        Assert.Contains("invitation-used", await second.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Conflict, reopened.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.True(withDossier.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict);
        var stored = Assert.Single(await Stored());
        Assert.Equal((first, "web"), (stored.Id, stored.Channel));
        Assert.NotNull(stored.InvitationId);
        Assert.NotNull(stored.DossierHash);
        Assert.Empty(stored.Flags);
    }

    [Fact]
    public async Task AnInterviewCreditingAnotherAgency_IsRefusedAndStoresNothing()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        var surveyor = await App.SignedInClient(Roles.Surveyor, "surveyor-xd");
        await Interviewing.Assign(supervisor, wave, "surveyor-xd");
        var body = JsonSerializer.SerializeToNode(Interviewing.Completed(wave, Guid.NewGuid()))!.AsObject();
        body["agency"] = "so-nong-nghiep-moi-truong"; // assigned to Sở Xây dựng's stratum, crediting another agency
        body["area"] = "land";

        var response = await surveyor.PostAsync("/api/surveyors/interviews", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"), Ct);

        // 1 sent, 0 acknowledged, 0 stored.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("stratum", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty(await Stored());
        await using var db = Database.NewDb();
        Assert.Empty(await db.ContactAttempts.ToListAsync(Ct));
    }

    [Fact]
    public async Task AKeyingCreditingAnotherAgencyUnderAnAssignedStratum_IsRefused()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        var keyer = await App.SignedInClient(Roles.Surveyor, "keyer-xd");
        await Interviewing.Assign(supervisor, wave, "keyer-xd");
        var form = JsonSerializer.SerializeToNode(Keying.Form(wave, "0901", agency: "so-nong-nghiep-moi-truong", area: "land"))!.AsObject();
        form["stratum"] = Interviewing.Stratum;

        var response = await keyer.PostAsync("/api/surveyors/keyings", new StringContent(form.ToJsonString(), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = Database.NewDb();
        Assert.Empty(await db.PaperKeyings.ToListAsync(Ct));
    }

    [Fact]
    public async Task AReconcilerWhoKeyedTheForm_CannotDecideIt_AnotherSupervisorCan()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        // An admin passes every role: one who keys a form is the insider who could then decide it.
        var keyingSupervisor = await App.SignedInClient(Roles.Admin, "admin-keyer");
        var other = await App.SignedInClient(Roles.Surveyor, "keyer-b2");
        var second = Fieldwork.SipasAnswers();
        second["CC3"] = 1;
        Assert.Equal(HttpStatusCode.Created, (await keyingSupervisor.Key(Keying.Form(wave, "0777"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await other.Key(Keying.Form(wave, "0777", second))).StatusCode);
        var decision = new { agency = "so-xay-dung", area = "construction", answers = second };

        var own = await keyingSupervisor.PostAsJsonAsync($"/api/supervisor/reconciliations/{wave.Code}/0777", decision, Ct);
        var stillQueued = await Stored();
        var independent = await (await App.SignedInClient(Roles.Supervisor)).PostAsJsonAsync($"/api/supervisor/reconciliations/{wave.Code}/0777", decision, Ct);

        // The keyer's own decision: refused, 0 stored; another supervisor's: 1 stored.
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Contains("own-keying", await own.Content.ReadAsStringAsync(Ct));
        Assert.Empty(stillQueued);
        Assert.Equal(HttpStatusCode.Created, independent.StatusCode);
        Assert.Single(await Stored());
    }

    [Fact]
    public async Task QualityFlags_OpeningHoursStraightLiningAndARepeatedDossier_AreStoredAndNothingIsRefused()
    {
        var (_, point) = await Fieldwork.OpenWaveWithServicePoint(Database, "XD-Q1");
        await using (var db = Database.NewDb())
            await db.ServicePoints.Where(p => p.Id == point.Id).ExecuteUpdateAsync(p => p.SetProperty(x => x.OpeningHours, "CN 03:00-03:01"), Ct);
        var client = App.NewClient();
        client.DefaultRequestHeaders.Add("X-Sipas-Device", App.Credential());
        async Task<HttpStatusCode> Post(object body) =>
            (await client.PostAsJsonAsync("/api/public/service-points/XD-Q1/responses", body, Ct)).StatusCode;

        var statuses = new[]
        {
            await Post(new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers(5), dossierCode = "HS-1" }),
            await Post(new { clientId = Guid.NewGuid(), answers = Fieldwork.VariedAnswers(), dossierCode = "hs-1" }),
        };

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        var stored = await Stored();
        // Sunday 03:00-03:01 only: every test run is outside those hours but for one minute a week.
        Assert.Contains("outside-hours", stored[0].Flags);
        Assert.Contains("straight-line", stored[0].Flags);
        Assert.DoesNotContain("straight-line", stored[1].Flags);
        Assert.Contains("repeated-dossier", stored[1].Flags);
        Assert.Contains("repeated-device", stored[1].Flags);
    }

    [Fact]
    public async Task ASurveyorsNearIdenticalForms_AreFlagged()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        var surveyor = await App.SignedInClient(Roles.Surveyor, "surveyor-copy");
        await Interviewing.Assign(supervisor, wave, "surveyor-copy");
        var answers = Fieldwork.VariedAnswers();
        var copy = new Dictionary<string, object>(answers) { ["CC1"] = 2 };

        Assert.Equal(HttpStatusCode.Created, (await surveyor.Record(Interviewing.Completed(wave, Guid.NewGuid(), answers))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await surveyor.Record(Interviewing.Completed(wave, Guid.NewGuid(), copy))).StatusCode);

        var stored = await Stored();
        Assert.DoesNotContain("near-duplicate", stored[0].Flags);
        Assert.Contains("near-duplicate", stored[1].Flags);
    }

    [Fact]
    public async Task ContentHashes_AreKeyed_SoTheyCannotBeRecomputedFromACopiedRow()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-H1");
        var body = new { clientId = Guid.NewGuid(), answers = Fieldwork.VariedAnswers(), dossierCode = "HS-KEY-1" };
        var client = App.NewClient();
        await client.PostAsJsonAsync("/api/public/service-points/XD-H1/responses", body, Ct);
        var stored = Assert.Single(await Stored());

        // What a plain SHA-256 over the canonical content would give (the old scheme): not what is stored.
        var answers = body.answers;
        var plain = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\n', "web", "XD-H1", "sipas-dvhcc@2025.1", string.Join(',', stored.Scores.Select(s => s?.ToString() ?? "")), "{}", "HS-KEY-1")));
        Assert.NotEqual(plain, stored.ContentHash);
        var keyed = new Sipas.Api.Intake.ContentHasher(App.Services.GetRequiredService<Sipas.Api.Intake.InstallationKeys>())
            .Hash("web", "XD-H1", "sipas-dvhcc@2025.1", string.Join(',', stored.Scores.Select(s => s?.ToString() ?? "")), "{}", "HS-KEY-1");
        Assert.Equal(keyed, stored.ContentHash);
    }

    [Fact]
    public async Task TheTthcEndpoint_RefusesAPropertyNamedTwice_LikeEveryOtherDoor()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var key = await ClientKey();
        var client = App.NewClient();
        client.DefaultRequestHeaders.Add(ManageClients.KeyHeader, key);
        var json = """{"ratings":[{"idempotencyKey":"D-1","agency":"so-xay-dung","agency":"so-xay-dung","area":"construction","dossierCode":"HS-9","ratedAt":"2025-09-14T09:30:00+07:00","answers":{"TT01":5}}]}""";

        var response = await client.PostAsync("/api/integration/tthc-ratings", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await Stored());
    }
}
