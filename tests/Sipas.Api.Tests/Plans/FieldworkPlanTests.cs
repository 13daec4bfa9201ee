using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Plans;

public class FieldworkPlanTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static string Frame(string wave) => $"wave,stratum,population\n{wave},so-xay-dung/construction,1000\n{wave},so-tai-chinh/investment,3000\n";

    private async Task AddResponses(Wave wave, string stratum, int count, short? answer = null)
    {
        await using var db = Database.NewDb();
        var agency = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung", Ct);
        var questionnaire = await db.Questionnaires.SingleAsync(q => q.Code == "sipas-dvhcc" && q.Version == "2025.1", Ct);
        for (var i = 0; i < count; i++)
            db.Responses.Add(new Response
            {
                Id = Guid.NewGuid(), WaveId = wave.Id, QuestionnaireId = questionnaire.Id, Channel = Channels.Paper, AreaCode = "construction",
                AgencyId = agency.Id, Stratum = stratum, SubmittedAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow,
                Scores = Enumerable.Repeat(answer, 22).ToArray(), ContentHash = [1],
            });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task AFrameIsImported_PlannedByEachMethod_AndProgressCountsResponsesAgainstTheQuota()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);

        var imported = await supervisor.PutAsync($"/api/supervisor/waves/{wave.Code}/frame", Csv(Frame(wave.Code)), Ct);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        async Task<int[]> Plan(object body)
        {
            var response = await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{wave.Code}/plan", body, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var plan = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            return plan.GetProperty("strata").EnumerateArray().Select(s => s.GetProperty("quota").GetInt32()).ToArray();
        }
        // Strata in code order: so-tai-chinh/investment (3000), so-xay-dung/construction (1000).
        Assert.Equal([SampleSize.Default(3000), SampleSize.Default(1000)], await Plan(new { method = "default" }));
        Assert.Equal([SampleSize.Slovin(3000, 0.1), SampleSize.Slovin(1000, 0.1)], await Plan(new { method = "slovin", margin = 0.1 }));
        Assert.Equal(SampleSize.Allocate(400, [3000, 1000], 150), await Plan(new { method = "allocate", total = 400, minimum = 150 }));
        var bad = await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{wave.Code}/plan", new { method = "allocate", total = 9000 }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        await AddResponses(wave, "so-xay-dung/construction", 15);
        var progress = await supervisor.GetFromJsonAsync<JsonElement>($"/api/supervisor/waves/{wave.Code}/progress", Ct);
        var xd = progress.EnumerateArray().Single(p => p.GetProperty("stratum").GetString() == "so-xay-dung/construction");
        Assert.Equal((1000, 150, 15), (xd.GetProperty("population").GetInt64(), xd.GetProperty("quota").GetInt32(), xd.GetProperty("responses").GetInt32()));
        Assert.Equal(0.1, xd.GetProperty("share").GetDouble(), 12);
    }

    [Fact]
    public async Task AFaultyFrame_IsReportedByLine_AndChangesNothing()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Admin);
        await supervisor.PutAsync($"/api/supervisor/waves/{wave.Code}/frame", Csv(Frame(wave.Code)), Ct);

        var response = await supervisor.PutAsync($"/api/supervisor/waves/{wave.Code}/frame",
            Csv($"wave,stratum,population\n{wave.Code},a/land,12\n{wave.Code},b/land,-4\n{wave.Code},a/land,5\n"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rows");
        Assert.Equal([3, 4], rows.EnumerateArray().Select(r => r.GetProperty("line").GetInt32()));
        await using var db = Database.NewDb();
        Assert.Equal(4000, await db.FieldworkStrata.SumAsync(f => f.Population, Ct));
    }

    // method.md §2: N = 0 (nobody served) is a fact for a stratum without valid responses; with valid responses it is
    // a fault of the frame (n_h > N_h), reported at its line.
    [Fact]
    public async Task AFrameWithPopulationZero_IsStoredForAStratumWithoutValidResponses_AndRefusedWhereThereAreSome()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        await AddResponses(wave, "so-tai-chinh/investment", 4);            // unanswered forms: invalid
        await AddResponses(wave, "so-xay-dung/construction", 3, answer: 5);

        var accepted = await supervisor.PutAsync($"/api/supervisor/waves/{wave.Code}/frame",
            Csv($"wave,stratum,population\n{wave.Code},so-xay-dung/construction,3\n{wave.Code},so-tai-chinh/investment,0\n{wave.Code},ubnd-16681/land,0\n"), Ct);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var refused = await supervisor.PutAsync($"/api/supervisor/waves/{wave.Code}/frame",
            Csv($"wave,stratum,population\n{wave.Code},ubnd-16681/land,0\n{wave.Code},so-xay-dung/construction,0\n"), Ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var row = Assert.Single((await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rows").EnumerateArray());
        Assert.Equal(3, row.GetProperty("line").GetInt32());
        Assert.Contains("so-xay-dung/construction already has 3 valid responses, more than its population N = 0", row.GetProperty("reason").GetString());
        await using var db = Database.NewDb();
        Assert.Equal([("so-tai-chinh/investment", 0L), ("so-xay-dung/construction", 3L), ("ubnd-16681/land", 0L)],
            (await db.FieldworkStrata.Where(f => f.WaveId == wave.Id).OrderBy(f => f.Stratum).ToListAsync(Ct)).Select(f => (f.Stratum, f.Population)));
    }

    [Fact]
    public async Task ASurveyorSeesOnlyTheirOwnAssignments_WithProgress()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        var mine = await App.SignedInClient(Roles.Surveyor, "dtv-cua-toi");
        var other = await App.SignedInClient(Roles.Surveyor, "dtv-khac");
        await supervisor.PutAsync($"/api/supervisor/waves/{wave.Code}/frame", Csv(Frame(wave.Code)), Ct);
        await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{wave.Code}/plan", new { method = "default" }, Ct);
        await AddResponses(wave, "so-xay-dung/construction", 3);

        var assigned = await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{wave.Code}/assignments",
            new { userName = "dtv-cua-toi", stratum = "so-xay-dung/construction", unit = (string?)null }, Ct);
        var notASurveyor = await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{wave.Code}/assignments",
            new { userName = "khong-co", stratum = "x" }, Ct);

        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notASurveyor.StatusCode);
        var list = await mine.GetFromJsonAsync<JsonElement>("/api/surveyors/assignments", Ct);
        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal((SampleSize.Default(1000), 3), (only.GetProperty("progress").GetProperty("quota").GetInt32(), only.GetProperty("progress").GetProperty("responses").GetInt32()));
        Assert.Empty((await other.GetFromJsonAsync<JsonElement>("/api/surveyors/assignments", Ct)).EnumerateArray());
    }
}
