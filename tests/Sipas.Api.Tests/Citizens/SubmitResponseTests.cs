using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;
using Sipas.Data;

namespace Sipas.Api.Tests.Citizens;

public class SubmitResponseTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> Submit(object body, string code = "XD-T1", string? device = null)
    {
        var client = App.NewClient();
        client.DefaultRequestHeaders.Add("X-Sipas-Device", device ?? App.Credential());
        return await client.PostAsJsonAsync($"/api/public/service-points/{code}/responses", body, Ct);
    }

    private async Task<HttpResponseMessage> SubmitRaw(string json, string code = "XD-T1") =>
        await App.NewClient().PostAsync($"/api/public/service-points/{code}/responses",
            new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private async Task<List<Response>> Stored()
    {
        await using var db = Database.NewDb();
        return await db.Responses.AsNoTracking().ToListAsync(Ct);
    }

    private static async Task<JsonElement> Errors(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");

    [Fact]
    public async Task Submit_CompleteAnswers_Is201WithAReceiptAndStoredOnce()
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var id = Guid.NewGuid();
        var answers = Fieldwork.SipasAnswers();
        answers["TC2"] = 0;
        answers["TC3"] = 5;
        answers.Remove("PA4");
        answers["SEX"] = "nu";
        answers["COMMENT"] = "Cán bộ tận tình";

        var response = await Submit(new { clientId = id, answers, startedAt = DateTimeOffset.UtcNow.AddMinutes(-2) });
        var receipt = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", receipt.GetProperty("receipt").GetString());
        var stored = Assert.Single(await Stored());
        Assert.Equal(id, stored.Id);
        Assert.Equal((wave.Id, point.Id, "web", "so-xay-dung/construction", "construction"),
            (stored.WaveId, stored.ServicePointId!.Value, stored.Channel, stored.Stratum, stored.AreaCode));
        Assert.Equal([4, 0, 5, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, null], stored.Scores.Select(s => (int?)s));
        Assert.Equal("Cán bộ tận tình", stored.OtherAnswers!.RootElement.GetProperty("COMMENT").GetString());
        Assert.Empty(stored.Flags);
    }

    [Fact]
    public async Task Submit_SameIdSameContentAgain_GivesTheOriginalReceipt()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var body = new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers(5) };

        var first = await Submit(body);
        var again = await Submit(body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await again.Content.ReadAsStringAsync(Ct));
        Assert.Single(await Stored());
    }

    [Fact]
    public async Task Submit_SameIdOtherContent_Is409AndKeepsTheFirst()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var id = Guid.NewGuid();
        await Submit(new { clientId = id, answers = Fieldwork.SipasAnswers(5) });

        var response = await Submit(new { clientId = id, answers = Fieldwork.SipasAnswers(1) });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("id-conflict", await response.Content.ReadAsStringAsync(Ct));
        Assert.All(Assert.Single(await Stored()).Scores, s => Assert.Equal((short)5, s));
    }

    [Fact]
    public async Task Submit_ManyConcurrentRetries_StoreEachResponseExactlyOnce()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var bodies = Enumerable.Range(0, 20).Select(i => new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers(1 + i % 5) }).ToList();

        var responses = await Task.WhenAll(bodies.SelectMany(b => Enumerable.Repeat(b, 4)).Select(b => Submit(b)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Equal(20, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(bodies.Select(b => b.clientId).Order(), (await Stored()).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Submit_ClosedWave_Is409AndStoresNothing()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, status: WaveStatus.Closed);

        var response = await Submit(new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no-open-wave", await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task Submit_UnknownServicePoint_Is404()
    {
        var response = await Submit(new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers() }, code: "NOPE-1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await Stored());
    }

    [Theory]
    [InlineData("XX9", "4", "Câu hỏi không có trong phiếu")]
    [InlineData("TC1", "6", "từ 0 (không ý kiến) đến 5")]
    [InlineData("TC1", "-1", "từ 0 (không ý kiến) đến 5")]
    [InlineData("TC1", "2.5", "số nguyên")]
    [InlineData("TC1", "\"4\"", "số nguyên")]
    [InlineData("TC1", "true", "số nguyên")]
    [InlineData("SEX", "\"robot\"", "phương án")]
    [InlineData("AGE_GROUP", "[\"25-34\"]", "phương án")]
    [InlineData("COMMENT", "42", "văn bản")]
    public async Task Submit_BadAnswer_Is400NamingTheFieldAndStoresNothing(string item, string rawValue, string reason)
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var answers = Fieldwork.SipasAnswers();
        answers.Remove(item);
        var json = JsonSerializer.Serialize(answers).TrimEnd('}') + $",\"{item}\":{rawValue}}}";

        var response = await SubmitRaw($"{{\"clientId\":\"{Guid.NewGuid()}\",\"answers\":{json}}}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single((await Errors(response)).GetProperty($"answers.{item}").EnumerateArray()).GetString()!;
        Assert.Contains(reason, message);
        Assert.Contains(" / ", message);
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task Submit_MissingRequiredItem_Is400()
    {
        var required = await Fieldwork.PublishRequiredVariant(Database);
        await Fieldwork.OpenWaveWithServicePoint(Database, extraQuestionnaire: required);
        var answers = Fieldwork.SipasAnswers();
        answers.Remove("TC1");

        var response = await Submit(new { clientId = Guid.NewGuid(), answers });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await Errors(response);
        Assert.Contains("bắt buộc", errors.GetProperty("answers.TC1")[0].GetString());
        Assert.Contains("bắt buộc", errors.GetProperty("answers.SEX")[0].GetString());
        Assert.Empty(await Stored());
    }

    [Theory]
    [InlineData("{\"clientId\": \"x\", \"answers\": {", "body")]
    [InlineData("[1, 2]", "body")]
    [InlineData("{\"answers\": {\"TC1\": 4}}", "clientId")]
    [InlineData("{\"clientId\": \"not-a-uuid\", \"answers\": {\"TC1\": 4}}", "clientId")]
    [InlineData("{\"clientId\": \"8c0f1b2a-0000-4000-8000-000000000001\", \"answers\": {}}", "answers")]
    [InlineData("{\"clientId\": \"8c0f1b2a-0000-4000-8000-000000000001\", \"answers\": [4, 5]}", "answers")]
    [InlineData("{\"clientId\": \"8c0f1b2a-0000-4000-8000-000000000001\", \"answers\": {\"TC1\": 4}, \"name\": \"Nguyễn Văn A\"}", "name")]
    [InlineData("{\"clientId\": \"8c0f1b2a-0000-4000-8000-000000000001\", \"answers\": {\"TC1\": 4}, \"dossierCode\": \"<script>\"}", "dossierCode")]
    [InlineData("{\"clientId\": \"8c0f1b2a-0000-4000-8000-000000000001\", \"answers\": {\"TC1\": 4}, \"startedAt\": \"yesterday\"}", "startedAt")]
    [InlineData("{\"clientId\": \"8c0f1b2a-0000-4000-8000-000000000001\", \"answers\": {\"TC1\": 4, \"COMMENT\": \"a\\u0000b\"}}", "answers.COMMENT")]
    [InlineData("{\"clientId\": \"8c0f1b2a-0000-4000-8000-000000000001\", \"answers\": {\"TC1\": {\"a\": {\"b\": {\"c\": {\"d\": {\"e\": {\"f\": {\"g\": 1}}}}}}}}}", "body")]
    public async Task Submit_MalformedBody_Is400NamingTheFieldAndStoresNothing(string json, string field)
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);

        var response = await SubmitRaw(json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await Errors(response)).TryGetProperty(field, out _), await response.Content.ReadAsStringAsync(Ct));
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task Submit_OversizedBody_Is413AndStoresNothing()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var answers = Fieldwork.SipasAnswers();
        answers["COMMENT"] = new string('a', 70_000);

        var response = await Submit(new { clientId = Guid.NewGuid(), answers });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task Submit_DossierCode_IsStoredOnlyAsAKeyedHash()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);

        var response = await Submit(new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers(), dossierCode = "000.00.12.H40-250514-0001" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var stored = Assert.Single(await Stored());
        Assert.Equal(32, stored.DossierHash!.Length);
        await using var db = Database.NewDb();
        var found = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM sipas.responses r WHERE row_to_json(r)::text LIKE '%H40-250514%'").SingleAsync(Ct);
        Assert.Equal(0, found);
    }

    [Fact]
    public async Task Submit_ImplausiblyFast_IsKeptAndFlagged()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);

        // The time is the server's: from the credential's issue time (3 s ago), whatever start the client claims (an hour ago).
        var response = await Submit(new { clientId = Guid.NewGuid(), answers = Fieldwork.VariedAnswers(), startedAt = DateTimeOffset.UtcNow.AddHours(-1) },
            device: App.Credential(TimeSpan.FromSeconds(3)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["too-fast"], Assert.Single(await Stored()).Flags);
    }

    [Fact]
    public async Task Submit_DecomposedVietnamese_IsStoredInNfc()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database);
        var answers = Fieldwork.SipasAnswers();
        answers["COMMENT"] = "Rất hài lòng".Normalize(NormalizationForm.FormD);

        await Submit(new { clientId = Guid.NewGuid(), answers });

        Assert.Equal("Rất hài lòng", Assert.Single(await Stored()).OtherAnswers!.RootElement.GetProperty("COMMENT").GetString());
    }
}
