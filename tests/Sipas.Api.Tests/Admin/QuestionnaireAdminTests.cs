using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Questionnaires;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Admin;

public class QuestionnaireAdminTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Copy_APublishedVersion_MakesAnEditableDraft_AndLeavesTheOriginal()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-copy");

        var copied = await admin.PostAsJsonAsync("/api/admin/questionnaires/tthc-ho-so/2025.1/copy", new { version = "copy-1" }, Ct);
        var definition = await admin.GetStringAsync("/api/questionnaires/tthc-ho-so/copy-1", Ct);
        var edited = await admin.PutAsync("/api/admin/questionnaires/tthc-ho-so/copy-1",
            new StringContent(definition.Replace("Đánh giá tổng thể dịch vụ", "Đánh giá chung về dịch vụ"), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Created, copied.StatusCode);
        var summary = await copied.Content.ReadFromJsonAsync<QuestionnaireSummary>(Ct);
        Assert.Equal(("tthc-ho-so@copy-1", "draft", 12), (summary!.Key, summary.Status, summary.ScoredItems));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Contains("Đánh giá tổng thể dịch vụ", await admin.GetStringAsync("/api/questionnaires/tthc-ho-so/2025.1", Ct));
        Assert.Contains("Đánh giá chung về dịch vụ", await admin.GetStringAsync("/api/questionnaires/tthc-ho-so/copy-1", Ct));
        await using var db = Database.NewDb();
        var actions = await db.AuditEntries.Where(a => a.Entity == "questionnaire" && a.EntityId == "tthc-ho-so@copy-1")
            .OrderBy(a => a.Id).Select(a => a.Action + ":" + a.UserName).ToListAsync(Ct);
        Assert.Equal(["copy:admin-copy", "replace:admin-copy"], actions);
    }

    [Fact]
    public async Task Copy_ToAnExistingVersion_Is409_ABadVersion_Is400()
    {
        var admin = await App.SignedInClient(Roles.Admin);

        var taken = await admin.PostAsJsonAsync("/api/admin/questionnaires/tthc-ho-so/2025.1/copy", new { version = "2025.1" }, Ct);
        var bad = await admin.PostAsJsonAsync("/api/admin/questionnaires/tthc-ho-so/2025.1/copy", new { version = "phiên bản 2" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True(JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors").TryGetProperty("version", out _));
    }

    [Fact]
    public async Task Upload_WithTwoFaults_ReportsBoth_ThenFixed_IsPublishedOnce_AndAudited()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-upload");
        var good = (await File.ReadAllTextAsync(RepositoryData.Path("spec", "examples", "tiny", "questionnaire.json"), Ct))
            .Replace("\"code\": \"sipas-dvhcc\"", "\"code\": \"sipas-audit-test\"");
        var faulty = good.Replace("\"family\": \"SIPAS\"", "\"family\": \"SIPASS\"").Replace("\"scale\": \"likert5\"", "\"scale\": \"likert7\"");

        var refused = await admin.PostAsync("/api/admin/questionnaires", new StringContent(faulty, Encoding.UTF8, "application/json"), Ct);
        var created = await admin.PostAsync("/api/admin/questionnaires", new StringContent(good, Encoding.UTF8, "application/json"), Ct);
        var published = await admin.PostAsync("/api/admin/questionnaires/sipas-audit-test/2025.1/publish", null, Ct);
        var twice = await admin.PostAsync("/api/admin/questionnaires/sipas-audit-test/2025.1/publish", null, Ct);
        var edit = await admin.PutAsync("/api/admin/questionnaires/sipas-audit-test/2025.1", new StringContent(good, Encoding.UTF8, "application/json"), Ct);
        await admin.PostAsync("/api/admin/questionnaires/sipas-audit-test/2025.1/retire", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = JsonDocument.Parse(await refused.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("$.family", out _), errors.GetRawText());
        Assert.Contains(errors.EnumerateObject(), e => e.Name.EndsWith(".scale"));
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Conflict, HttpStatusCode.Conflict),
            (created.StatusCode, published.StatusCode, twice.StatusCode, edit.StatusCode));
        await using var db = Database.NewDb();
        var actions = await db.AuditEntries.Where(a => a.EntityId == "sipas-audit-test@2025.1").OrderBy(a => a.Id)
            .Select(a => a.Action).ToListAsync(Ct);
        Assert.Equal(["upload", "publish", "retire"], actions);
    }
}
