using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Interviews;

public class RecordInterviewTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Wave Wave, HttpClient Surveyor, HttpClient Supervisor)> AssignedSurveyor(string userName = "dtv-phong-van",
        WaveStatus status = WaveStatus.Open)
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database, status: status);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        var surveyor = await App.SignedInClient(Roles.Surveyor, userName);
        await Interviewing.Assign(supervisor, wave, userName);
        return (wave, surveyor, supervisor);
    }

    [Fact]
    public async Task ACompletedInterview_BecomesAnInterviewResponse_AndTheSameOneAgainGetsTheOriginalReceipt()
    {
        var (wave, surveyor, _) = await AssignedSurveyor();
        var id = Guid.NewGuid();

        var first = await surveyor.Record(Interviewing.Completed(wave, id));
        var again = await surveyor.Record(Interviewing.Completed(wave, id));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var (a, b) = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct), await again.Content.ReadFromJsonAsync<JsonElement>(Ct));
        Assert.Equal(a.GetProperty("receipt").GetString(), b.GetProperty("receipt").GetString());
        Assert.Equal(a.GetProperty("receivedAt").GetDateTimeOffset(), b.GetProperty("receivedAt").GetDateTimeOffset());
        await using var db = Database.NewDb();
        var response = Assert.Single(await db.Responses.AsNoTracking().ToListAsync(Ct));
        Assert.Equal((id, Channels.Interview, Interviewing.Stratum, Interviewing.At), (response.Id, response.Channel, response.Stratum, response.SubmittedAt));
        Assert.All(response.Scores, s => Assert.Equal((short?)4, s));
        var attempt = Assert.Single(await db.ContactAttempts.AsNoTracking().ToListAsync(Ct));
        Assert.Equal((Dispositions.Completed, (Guid?)id), (attempt.Disposition, attempt.ResponseId));
        Assert.Equal(2, await db.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task TheSameIdWithOtherContent_IsAConflict_AndTheFirstIsKept()
    {
        var (wave, surveyor, _) = await AssignedSurveyor();
        var id = Guid.NewGuid();
        await surveyor.Record(Interviewing.Completed(wave, id));

        var other = await surveyor.Record(Interviewing.Completed(wave, id, Fieldwork.SipasAnswers(2)));
        var refusedInstead = await surveyor.Record(Interviewing.Attempt(wave, id, "refused"));

        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, refusedInstead.StatusCode);
        Assert.Equal("id-conflict", (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        await using var db = Database.NewDb();
        Assert.All((await db.Responses.AsNoTracking().SingleAsync(Ct)).Scores, s => Assert.Equal((short?)4, s));
        Assert.Equal(1, await db.ContactAttempts.CountAsync(Ct));
    }

    [Fact]
    public async Task ConcurrentRetriesOfOneInterview_StoreItOnce()
    {
        var (wave, surveyor, _) = await AssignedSurveyor();
        var id = Guid.NewGuid();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => surveyor.Record(Interviewing.Completed(wave, id))));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        await using var db = Database.NewDb();
        Assert.Equal(1, await db.Responses.CountAsync(Ct));
    }

    [Fact]
    public async Task OtherDispositions_AreStoredWithoutAResponse()
    {
        var (wave, surveyor, _) = await AssignedSurveyor();

        foreach (var disposition in new[] { "refused", "non-contact", "ineligible" })
            Assert.Equal(HttpStatusCode.Created, (await surveyor.Record(Interviewing.Attempt(wave, Guid.NewGuid(), disposition))).StatusCode);

        await using var db = Database.NewDb();
        Assert.Equal(0, await db.Responses.CountAsync(Ct));
        Assert.Equal(["ineligible", "non-contact", "refused"], (await db.ContactAttempts.Select(a => a.Disposition).ToListAsync(Ct)).Order());
    }

    [Fact]
    public async Task AnInterviewOutsideTheSurveyorsAssignments_IsRefused_AndNothingIsStored()
    {
        var (wave, surveyor, supervisor) = await AssignedSurveyor();
        await App.SignedInClient(Roles.Surveyor, "dtv-xa");
        await Interviewing.Assign(supervisor, wave, "dtv-xa", "so-tai-chinh/investment", "16681");
        var unassigned = await App.SignedInClient(Roles.Surveyor);
        var communeOnly = await App.SignedInClient(Roles.Surveyor, "dtv-xa-2");
        await Interviewing.Assign(supervisor, wave, "dtv-xa-2", Interviewing.Stratum, "16681");

        var otherStratum = await surveyor.Record(Interviewing.Attempt(wave, Guid.NewGuid(), "refused", "so-tai-chinh/investment"));
        var nobody = await unassigned.Record(Interviewing.Completed(wave, Guid.NewGuid()));
        var otherCommune = await communeOnly.Record(Interviewing.Completed(wave, Guid.NewGuid(), unit: "16690"));
        var ownCommune = await communeOnly.Record(Interviewing.Completed(wave, Guid.NewGuid(), unit: "16681"));

        foreach (var refused in new[] { otherStratum, nobody, otherCommune })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("not-assigned", problem.GetProperty("code").GetString());
            Assert.Contains("không được phân công", problem.GetProperty("title").GetString());
        }
        Assert.Equal(HttpStatusCode.Created, ownCommune.StatusCode);
        await using var db = Database.NewDb();
        Assert.Equal(1, await db.ContactAttempts.CountAsync(Ct));
        Assert.Equal(1, await db.Responses.CountAsync(Ct));
    }

    [Fact]
    public async Task AnInterviewForAClosedWave_IsRefused_ButAStoredOneStillGetsItsReceipt()
    {
        var (wave, surveyor, _) = await AssignedSurveyor();
        var stored = Guid.NewGuid();
        await surveyor.Record(Interviewing.Completed(wave, stored));
        await using (var db = Database.NewDb())
            await db.Waves.Where(w => w.Id == wave.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WaveStatus.Closed), Ct);

        var late = await surveyor.Record(Interviewing.Completed(wave, Guid.NewGuid()));
        var retry = await surveyor.Record(Interviewing.Completed(wave, stored));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Equal("wave-closed", (await late.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        await using var check = Database.NewDb();
        Assert.Equal(1, await check.Responses.CountAsync(Ct));
    }

    [Fact]
    public async Task BadInput_IsReportedByField_AndNothingIsStored()
    {
        var (wave, surveyor, _) = await AssignedSurveyor();
        var answers = Fieldwork.SipasAnswers();
        answers["TC1"] = 9;
        answers["XX"] = 1;

        var bad = await surveyor.Record(new
        {
            clientId = "not-a-uuid", wave = wave.Code, questionnaire = Surveyors.Keying.Sipas, stratum = Interviewing.Stratum,
            agency = "khong-co", area = "construction", disposition = "completed", attemptedAt = "yesterday", answers, extra = 1,
        });
        var answersOnRefusal = await surveyor.Record(new
        {
            clientId = Guid.NewGuid(), wave = "no-such-wave", stratum = "", disposition = "maybe", attemptedAt = Interviewing.At,
            answers = new { TC1 = 4 },
        });
        var noRating = await surveyor.Record(Interviewing.Completed(wave, Guid.NewGuid(), []));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["agency", "answers.TC1", "answers.XX", "attemptedAt", "clientId", "extra"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Contains("UUID", errors.GetProperty("clientId")[0].GetString());
        var second = (await answersOnRefusal.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.Equal(["answers", "disposition", "stratum", "wave"], second.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, noRating.StatusCode);
        Assert.Contains("No rating", (await noRating.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").GetProperty("answers")[0].GetString());
        await using var db = Database.NewDb();
        Assert.Equal((0, 0), (await db.Responses.CountAsync(Ct), await db.ContactAttempts.CountAsync(Ct)));
    }
}
