using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;
using Sipas.Data;

namespace Sipas.Api.Tests.Questionnaires;

public class UploadQuestionnaireTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonNode> Tiny(string version)
    {
        var node = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryData.Path("spec", "examples", "tiny", "questionnaire.json"), Ct))!;
        node["version"] = version;
        return node;
    }

    private async Task<(HttpResponseMessage Response, JsonElement Errors)> Upload(string json)
    {
        var admin = await App.SignedInClient(Roles.Admin);
        var response = await admin.PostAsync("/api/admin/questionnaires", new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement;
        return (response, body.TryGetProperty("errors", out var errors) ? errors : default);
    }

    private async Task AssertNothingStored(string version)
    {
        await using var db = Database.NewDb();
        Assert.False(await db.Questionnaires.AnyAsync(q => q.Version == version, Ct));
    }

    [Fact]
    public async Task Upload_DuplicateItemCode_Is400WithTheJsonPath()
    {
        var q = await Tiny("dup-1");
        q["sections"]![1]!["items"]![0]!["code"] = "TC1";

        var (response, errors) = await Upload(q.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var message = Assert.Single(errors.GetProperty("$.sections[1].items[0].code").EnumerateArray()).GetString();
        Assert.Contains("bị trùng", message);
        Assert.Contains("duplicate item code", message);
        await AssertNothingStored("dup-1");
    }

    [Fact]
    public async Task Upload_UnknownScale_Is400WithTheJsonPath()
    {
        var q = await Tiny("scale-1");
        q["sections"]![0]!["items"]![2]!["scale"] = "likert7";

        var (response, errors) = await Upload(q.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("likert7", errors.GetProperty("$.sections[0].items[2].scale")[0].GetString());
        await AssertNothingStored("scale-1");
    }

    [Fact]
    public async Task Upload_MissingVietnameseText_Is400WithTheJsonPath()
    {
        var q = await Tiny("vi-1");
        q["sections"]![3]!["items"]![1]!["text"]!.AsObject().Remove("vi");

        var (response, errors) = await Upload(q.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("tiếng Việt", errors.GetProperty("$.sections[3].items[1].text.vi")[0].GetString());
        await AssertNothingStored("vi-1");
    }

    [Fact]
    public async Task Upload_SeveralFaults_ReportsEveryOneAtOnce()
    {
        var q = await Tiny("many-1");
        q["sections"]![0]!["items"]![0]!["scale"] = "stars";
        q["sections"]![2]!["title"]!["vi"] = "";
        q["family"] = "POLICE";

        var (response, errors) = await Upload(q.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["$.family", "$.sections[0].items[0].scale", "$.sections[2].title.vi"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        await AssertNothingStored("many-1");
    }

    [Theory]
    [InlineData("{\"code\": \"x\", ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("")]
    public async Task Upload_MalformedJson_Is400AndStoresNothing(string json)
    {
        await using var db = Database.NewDb();
        var before = await db.Questionnaires.CountAsync(Ct);

        var (response, errors) = await Upload(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.EnumerateObject().Any());
        Assert.Equal(before, await db.Questionnaires.CountAsync(Ct));
    }

    [Fact]
    public async Task Upload_DecomposedVietnamese_IsStoredInNfc()
    {
        var q = await Tiny("nfc-1");
        q["title"]!["vi"] = "Phiếu khảo sát".Normalize(NormalizationForm.FormD);

        var (response, _) = await Upload(q.ToJsonString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await using var db = Database.NewDb();
        var stored = await db.Questionnaires.SingleAsync(x => x.Version == "nfc-1", Ct);
        Assert.Equal("Phiếu khảo sát", stored.TitleVi);
        Assert.Equal(QuestionnaireStatus.Draft, stored.Status);
    }

    [Fact]
    public async Task Upload_WithoutAdminRole_IsForbidden()
    {
        var analyst = await App.SignedInClient(Roles.Analyst);

        var response = await analyst.PostAsync("/api/admin/questionnaires",
            new StringContent((await Tiny("role-1")).ToJsonString(), Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingStored("role-1");
    }
}
