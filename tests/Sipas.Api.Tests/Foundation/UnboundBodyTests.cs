using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Setup;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;

namespace Sipas.Api.Tests.Foundation;

/// <summary>A body the framework cannot bind is answered with the field and the reason, in both languages; nothing is stored.</summary>
public class UnboundBodyTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/admin/par-rules/SIPAS/2025", """{"kind":"bands","maxPoints":"abc"}""", "maxPoints")]
    [InlineData("/api/admin/targets/SIPAS/2095", """{"comparator":">","thresholdPercent":"abc","legalBasis":"x"}""", "thresholdPercent")]
    [InlineData("/api/admin/par-rules/SIPAS/2025", """{"kind":"bands","bands":[{"minPercent":90,"points":"x"}]}""", "bands[0].points")]
    [InlineData("/api/admin/par-rules/SIPAS/2025", """{"kind": """, "kind")] // broken JSON: where it broke
    public async Task AWrongTypeOrBrokenJson_NamesTheFieldAndTheReason_AndStoresNothing(string path, string json, string field)
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.AddCsrfHeader();

        var response = await admin.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Equal(Input.Unreadable, problem!.Title);
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Contains(" / ", problem.Errors[field][0]);
        await using var db = Database.NewDb();
        Assert.Equal(0, await db.ParScoringRules.CountAsync(Ct));
        Assert.False(await db.Targets.AnyAsync(t => t.Year == 2095, Ct));
    }
}
