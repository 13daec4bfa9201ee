using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;
using Sipas.Data;

namespace Sipas.Api.Tests.Questionnaires;

public class PublishedQuestionnaireTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PublishedVersion_ChangedThroughEf_IsRefusedWithAClearError()
    {
        await using var db = Database.NewDb();
        var sipas = await db.Questionnaires.SingleAsync(q => q.Code == "sipas-dvhcc" && q.Version == "2025.1", Ct);

        sipas.TitleVi = "Tiêu đề khác";
        var error = await Assert.ThrowsAsync<PublishedQuestionnaireException>(() => db.SaveChangesAsync(Ct));

        Assert.Contains("sipas-dvhcc@2025.1", error.Message);
        Assert.Contains("không thể sửa đổi", error.Message);
        await using var fresh = Database.NewDb();
        Assert.NotEqual("Tiêu đề khác", (await fresh.Questionnaires.SingleAsync(q => q.Code == "sipas-dvhcc" && q.Version == "2025.1", Ct)).TitleVi);
    }

    [Fact]
    public async Task PublishedVersion_ChangedInSql_IsRefusedByTheDatabase()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);

        var error = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(
            "UPDATE sipas.questionnaires SET definition = '{}'::jsonb WHERE code = 'sipas-dvhcc'", connection).ExecuteNonQueryAsync(Ct));
        var deletion = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(
            "DELETE FROM sipas.questionnaires WHERE code = 'tthc-ho-so'", connection).ExecuteNonQueryAsync(Ct));

        Assert.Contains("published and cannot be changed", error.MessageText);
        Assert.Contains("published and cannot be deleted", deletion.MessageText);
    }

    [Fact]
    public async Task PublishedVersion_ReplacedThroughTheApi_Is409AndUnchanged()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        var body = await File.ReadAllTextAsync(RepositoryData.Path("spec", "examples", "tiny", "questionnaire.json"), Ct);

        var response = await admin.PutAsync("/api/admin/questionnaires/sipas-dvhcc/2025.1",
            new StringContent(body.Replace("Nơi ngồi chờ", "Chỗ ngồi chờ"), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("đã ban hành", await response.Content.ReadAsStringAsync(Ct));
        var stored = await admin.GetStringAsync("/api/questionnaires/sipas-dvhcc/2025.1", Ct);
        Assert.Contains("Nơi ngồi chờ", stored);
    }

    [Fact]
    public async Task Draft_Published_ThenRetired_MovesThroughItsStates()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        var body = (await File.ReadAllTextAsync(RepositoryData.Path("spec", "examples", "tiny", "questionnaire.json"), Ct))
            .Replace("\"version\": \"2025.1\"", "\"version\": \"draft-lifecycle\"");

        var created = await admin.PostAsync("/api/admin/questionnaires", new StringContent(body, Encoding.UTF8, "application/json"), Ct);
        var published = await admin.PostAsync("/api/admin/questionnaires/sipas-dvhcc/draft-lifecycle/publish", null, Ct);
        var again = await admin.PostAsync("/api/admin/questionnaires/sipas-dvhcc/draft-lifecycle/publish", null, Ct);
        var retired = await admin.PostAsync("/api/admin/questionnaires/sipas-dvhcc/draft-lifecycle/retire", null, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        using var summary = JsonDocument.Parse(await retired.Content.ReadAsStringAsync(Ct));
        Assert.Equal("retired", summary.RootElement.GetProperty("status").GetString());
    }
}
