using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Surveyors;

public class ImportResponsesTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Items = ["TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "TT5", "CC1", "CC2", "CC3",
        "CC4", "CC5", "CC6", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3", "PA4", "SEX", "AGE_GROUP", "COMMENT"];

    private static string Header => "response_id,questionnaire,wave,channel,area,agency,unit,stratum,submitted_at," + string.Join(',', Items);

    private static string Row(Guid id, string wave, string channel = "", string score = "4", string agency = "so-xay-dung",
        string comment = "") =>
        $"{id},sipas-dvhcc@2025.1,{wave},{channel},construction,{agency},,,2025-09-14T09:30:00+07:00," +
        string.Join(',', Enumerable.Repeat(score, 22)) + $",nu,,{comment}";

    private async Task<HttpResponseMessage> Import(string csv, bool atomic = false) =>
        await (await App.SignedInClient(Roles.Supervisor)).PostAsync(
            "/api/supervisor/imports/responses" + (atomic ? "?atomic=true" : ""), new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

    private async Task<List<Response>> Stored()
    {
        await using var db = Database.NewDb();
        return await db.Responses.AsNoTracking().OrderBy(r => r.SubmittedAt).ToListAsync(Ct);
    }

    private static async Task<List<(int Line, string Reason)>> Rows(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("reason").GetString()!)).ToList();
    }

    [Fact]
    public async Task AGoodFile_IsStored_WithTheChannelImport()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var csv = $"\uFEFF{Header}\r\n{Row(a, wave.Code)}\r\n{Row(b, wave.Code, "import", comment: "\"Tốt, nhanh\"")}\r\n";

        var response = await Import(csv);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2, 2, 0), (summary.GetProperty("rows").GetInt32(), summary.GetProperty("stored").GetInt32(), summary.GetProperty("rejected").GetInt32()));
        var stored = (await Stored()).ToDictionary(r => r.Id);
        Assert.Equal(("import", "import"), (stored[a].Channel, stored[b].Channel));
        Assert.Equal("so-xay-dung/construction", stored[a].Stratum);
        Assert.Equal("Tốt, nhanh", stored[b].OtherAnswers!.RootElement.GetProperty("COMMENT").GetString());
        Assert.All(stored.Values, r => Assert.Equal(22, r.Scores.Count(s => s == 4)));
        await using var db = Database.NewDb();
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.Action == "import", Ct));
    }

    [Theory]
    [InlineData("paper")]
    [InlineData("interview")]
    [InlineData("web")]
    [InlineData("portal")]
    public async Task AnImportPosingAsAnotherChannel_IsRejectedByLine_AndNothingOfItCounts(string channel)
    {
        // Attack: label imported rows "paper" so they pass as double-keyed forms (or as interviews, citizens, the portal).
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var csv = $"{Header}\n{Row(Guid.NewGuid(), wave.Code)}\n{Row(Guid.NewGuid(), wave.Code, channel)}\n";

        var response = await Import(csv);
        var rows = await Rows(response);

        // 2 rows sent, 1 acknowledged (as import), 0 stored under the claimed channel.
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal([3], rows.Select(r => r.Line));
        Assert.Contains("kênh import", rows[0].Reason);
        var stored = Assert.Single(await Stored());
        Assert.Equal("import", stored.Channel);
    }

    [Fact]
    public async Task BadRows_AreReportedByLine_AndTheOthersStored()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var good = Guid.NewGuid();
        var csv = string.Join('\n', Header, Row(good, wave.Code), Row(Guid.NewGuid(), wave.Code, score: "7"),
            Row(Guid.NewGuid(), "khong-co"), Row(Guid.NewGuid(), wave.Code, agency: "khong-co"), "not-a-uuid" + Row(Guid.NewGuid(), wave.Code)[36..]) + "\n";

        var rows = await Rows(await Import(csv));

        Assert.Equal([3, 4, 5, 6], rows.Select(r => r.Line));
        Assert.Contains("TC1", rows[0].Reason);
        Assert.Contains("No wave khong-co", rows[1].Reason);
        Assert.Contains("No agency khong-co", rows[2].Reason);
        Assert.Contains("UUID", rows[3].Reason);
        Assert.Equal(good, Assert.Single(await Stored()).Id);
    }

    [Fact]
    public async Task AnAtomicImportWithABadRow_StoresNothing()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var csv = string.Join('\n', Header, Row(Guid.NewGuid(), wave.Code), Row(Guid.NewGuid(), wave.Code, channel: "fax"));

        var rows = await Rows(await Import(csv, atomic: true));

        Assert.Equal(3, Assert.Single(rows).Line);
        Assert.Empty(await Stored());
        Assert.Equal(HttpStatusCode.OK, (await Import(string.Join('\n', Header, Row(Guid.NewGuid(), wave.Code)), atomic: true)).StatusCode);
    }

    [Fact]
    public async Task ImportingTheSameFileAgain_ChangesNothing_AndAnIdWithOtherContentIsAConflict()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var csv = string.Join('\n', Header, Row(a, wave.Code), Row(b, wave.Code));
        Assert.Equal(HttpStatusCode.OK, (await Import(csv)).StatusCode);
        var before = await Stored();

        var again = await Import(csv);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var summary = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((0, 2), (summary.GetProperty("stored").GetInt32(), summary.GetProperty("alreadyStored").GetInt32()));
        var after = await Stored();
        Assert.Equal(before.Select(r => (r.Id, r.ReceivedAt)), after.Select(r => (r.Id, r.ReceivedAt)));

        var changed = await Import(string.Join('\n', Header, Row(a, wave.Code, score: "2")));
        var conflict = Assert.Single(await Rows(changed));
        Assert.Equal(2, conflict.Line);
        Assert.Contains("Conflict", conflict.Reason);
        Assert.Equal(2, (await Stored()).Count);
        Assert.All(await Stored(), r => Assert.Equal((short?)4, r.Scores[0]));
    }

    [Fact]
    public async Task AFileWithoutAHeaderOrAKnownQuestionnaire_IsRejectedAtItsFirstLines()
    {
        Assert.Equal(1, Assert.Single(await Rows(await Import(""))).Line);
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var unknown = string.Join('\n', Header, Row(Guid.NewGuid(), wave.Code).Replace("sipas-dvhcc@2025.1", "khong-co@1"));
        Assert.Equal(2, Assert.Single(await Rows(await Import(unknown))).Line);
        var missingColumn = string.Join('\n', Header.Replace(",COMMENT", ""), Row(Guid.NewGuid(), wave.Code)[..^1]);
        Assert.Contains(await Rows(await Import(missingColumn)), r => r.Line == 1 && r.Reason.Contains("COMMENT"));
        Assert.Empty(await Stored());
    }
}
