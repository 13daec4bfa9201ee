using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Interviews;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Surveyors;

public class KeyingAssignmentsTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnceAWaveHasAssignments_ASurveyorKeysOnlyFormsOfTheirOwnStrata()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var supervisor = await App.SignedInClient(Roles.Supervisor);
        var assigned = await App.SignedInClient(Roles.Surveyor, "dtv-xd");
        var elsewhere = await App.SignedInClient(Roles.Surveyor, "dtv-tc");
        var admin = await App.SignedInClient(Roles.Admin);
        var beforeAssignments = await elsewhere.Key(Keying.Form(wave, "A-0"));
        await Interviewing.Assign(supervisor, wave, "dtv-xd");
        await Interviewing.Assign(supervisor, wave, "dtv-tc", "so-tai-chinh/investment");

        var own = await assigned.Key(Keying.Form(wave, "A-1"));
        var notOwn = await elsewhere.Key(Keying.Form(wave, "A-1"));
        var byAdmin = await admin.Key(Keying.Form(wave, "A-1"));

        Assert.Equal(HttpStatusCode.Created, beforeAssignments.StatusCode);
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notOwn.StatusCode);
        var problem = await notOwn.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("not-assigned", problem.GetProperty("code").GetString());
        Assert.Contains("You are not assigned to stratum so-xay-dung/construction", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        await using var db = Database.NewDb();
        Assert.Equal(3, await db.PaperKeyings.CountAsync(Ct));
        Assert.Equal(1, await db.Responses.CountAsync(Ct));
    }
}
