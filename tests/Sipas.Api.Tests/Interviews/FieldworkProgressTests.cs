using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Surveyors;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Interviews;

public class FieldworkProgressTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProgressCountsDispositionsAndResponseRates_PerStratumCommuneAndSurveyor()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        await supervisor.PutAsync($"/api/supervisor/waves/{wave.Code}/frame", new StringContent(
            $"wave,stratum,population\n{wave.Code},so-xay-dung/construction,100\n{wave.Code},so-tai-chinh/investment,50\n", Encoding.UTF8, "text/csv"), Ct);
        await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{wave.Code}/plan", new { method = "allocate", total = 30, minimum = 0 }, Ct);
        var an = await App.SignedInClient(Roles.Surveyor, "dtv-an");
        var binh = await App.SignedInClient(Roles.Surveyor, "dtv-binh");
        await Interviewing.Assign(supervisor, wave, "dtv-an", unit: "16681", quota: 12);
        await Interviewing.Assign(supervisor, wave, "dtv-binh");

        // An: 3 completed, 1 refused, 1 non-contact, 1 ineligible in commune 16681 → RR1 = 3 / 5.
        // Bình: 1 completed (16690), 2 refused, 1 non-contact → RR1 = 1 / 4. Stratum: 4 / 9.
        foreach (var d in new[] { "refused", "non-contact", "ineligible" })
            await an.Record(Interviewing.Attempt(wave, Guid.NewGuid(), d, unit: "16681"));
        for (var i = 0; i < 3; i++) await an.Record(Interviewing.Completed(wave, Guid.NewGuid(), unit: "16681"));
        await binh.Record(Interviewing.Completed(wave, Guid.NewGuid(), unit: "16690"));
        foreach (var d in new[] { "refused", "refused", "non-contact" })
            await binh.Record(Interviewing.Attempt(wave, Guid.NewGuid(), d, unit: "16690"));
        // A paper form counts toward the quota, not toward interview dispositions.
        var keyer2 = await App.SignedInClient(Roles.Surveyor, "dtv-chi");
        await Interviewing.Assign(supervisor, wave, "dtv-chi");
        await binh.Key(Keying.Form(wave, "P-1"));
        await keyer2.Key(Keying.Form(wave, "P-1"));

        var response = await supervisor.GetAsync($"/api/supervisor/waves/{wave.Code}/fieldwork", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var progress = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        static (int, int, int, int, double?) Counts(JsonElement x)
        {
            var i = x.GetProperty("interviews");
            var rate = i.GetProperty("responseRate");
            return (i.GetProperty("completed").GetInt32(), i.GetProperty("refused").GetInt32(), i.GetProperty("nonContact").GetInt32(),
                i.GetProperty("ineligible").GetInt32(), rate.ValueKind == JsonValueKind.Null ? null : Math.Round(rate.GetDouble(), 6));
        }
        Assert.Equal((4, 3, 2, 1, Math.Round(4.0 / 9, 6)), Counts(progress));
        Assert.Equal((30, 5), (progress.GetProperty("quota").GetInt32(), progress.GetProperty("responses").GetInt32()));
        var xd = progress.GetProperty("strata").EnumerateArray().Single(s => s.GetProperty("stratum").GetString() == Interviewing.Stratum);
        Assert.Equal((20, 5), (xd.GetProperty("quota").GetInt32(), xd.GetProperty("responses").GetInt32()));
        Assert.Equal((4, 3, 2, 1, Math.Round(4.0 / 9, 6)), Counts(xd));
        var tc = progress.GetProperty("strata").EnumerateArray().Single(s => s.GetProperty("stratum").GetString() == "so-tai-chinh/investment");
        Assert.Equal((0, 0, 0, 0, (double?)null), Counts(tc));
        var communes = progress.GetProperty("communes").EnumerateArray().ToDictionary(c => c.GetProperty("unit").ToString());
        Assert.Equal((3, 1, 1, 1, 0.6), Counts(communes["16681"]));
        Assert.Equal((1, 2, 1, 0, 0.25), Counts(communes["16690"]));
        Assert.Equal(3, communes["16681"].GetProperty("responses").GetInt32());
        Assert.Equal(12, communes["16681"].GetProperty("quota").GetInt32());   // the commune's quota, set with its assignment
        Assert.Equal(JsonValueKind.Null, communes["16690"].GetProperty("quota").ValueKind);
        var surveyors = progress.GetProperty("surveyors").EnumerateArray().ToDictionary(s => s.GetProperty("userName").GetString()!);
        Assert.Equal((3, 1, 1, 1, 0.6), Counts(surveyors["dtv-an"]));
        Assert.Equal((1, 2, 1, 0, 0.25), Counts(surveyors["dtv-binh"]));
        Assert.Equal(1, surveyors["dtv-binh"].GetProperty("keyings").GetInt32());
        Assert.Equal([$"{Interviewing.Stratum} · 16681"], surveyors["dtv-an"].GetProperty("assignments").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task AssignmentQuota_OutOfRange_Is400OnTheQuota_AndStoresNothing()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        await App.SignedInClient(Roles.Surveyor, "dtv-quota");

        var response = await supervisor.PostAsJsonAsync($"/api/supervisor/waves/{wave.Code}/assignments",
            new { userName = "dtv-quota", stratum = Interviewing.Stratum, unit = "16681", quota = 0 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Phải từ 1 đến 100000", problem.GetProperty("errors").GetProperty("quota")[0].GetString());
        Assert.Equal("Dữ liệu gửi lên không hợp lệ / One or more validation errors occurred.", problem.GetProperty("title").GetString());
        await using var db = Database.NewDb();
        Assert.Empty(db.Assignments);
    }

    [Fact]
    public async Task ProgressOfAnUnknownWave_IsNotFound()
    {
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/api/supervisor/waves/no-such-wave/fieldwork", Ct)).StatusCode);
    }
}
