using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;
using Sipas.Api.Exports;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.Tests.Exports;

public class ExportsTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResultsCsv_ReadsBackEqualToTheStoredRows()
    {
        var (wave, id) = await ResultsData.WaveWithSnapshot(App);
        var client = await App.SignedInClient(Roles.Analyst);

        var response = await client.GetAsync($"/api/results/snapshots/{id}/results.csv", Ct);

        response.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("filename", response.Content.Headers.ContentDisposition!.ToString());
        var (rows, faults) = ResultsCsv.Read(await response.Content.ReadAsStreamAsync(Ct));
        Assert.Empty(faults);
        await using var db = App.Database.NewDb();
        var stored = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == ""
            && new[] { "province", "area", "agency", "unit" }.Contains(r.GroupType)).ToListAsync(Ct);
        Assert.Equal(stored.Count, rows.Count);
        var byKey = rows.ToDictionary(r => (r.Indicator, ResultText.Of(r.GroupType), r.GroupCode, r.Section, r.Item));
        foreach (var s in stored)
        {
            var r = byKey[(s.Indicator, s.GroupType, s.GroupCode, s.Section, s.Item)];
            Assert.Equal(wave.Code, r.Wave);
            Assert.Equal(s.NValid, r.NValid);
            Assert.Equal(s.NPositive, r.NPositive);
            Assert.Equal(s.Estimate ?? double.NaN, r.Estimate);
            Assert.Equal(s.Se ?? double.NaN, r.Se);
            Assert.Equal(s.CiLow ?? double.NaN, r.Ci.Lower);
            Assert.Equal(s.CiHigh ?? double.NaN, r.Ci.Upper);
            Assert.Equal(s.NEff ?? double.NaN, r.NEff);
            Assert.Equal((ResultFlags)s.Flags, r.Flags);
        }
        // Stable order: the province's overall row first, then its sections.
        Assert.Equal(("province", ""), (ResultText.Of(rows[0].GroupType), rows[0].Section));
    }

    [Fact]
    public async Task Microdata_ReadsBackWithTheResponsesCsvReader_WithoutDossierOrDeviceData()
    {
        var (wave, _) = await ResultsData.WaveWithSnapshot(App, responses: 300);
        await using var db = App.Database.NewDb();
        // Other tests may leave more published SIPAS versions in the wave: take the one its responses answer.
        var version = await db.Questionnaires.SingleAsync(q => q.Family == "SIPAS"
            && db.Responses.Any(r => r.WaveId == wave.Id && r.QuestionnaireId == q.Id), Ct);
        var all = await db.Responses.Where(r => r.WaveId == wave.Id && r.QuestionnaireId == version.Id).OrderBy(r => r.Id).ToListAsync(Ct);
        var dossier = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
        all[0].DossierHash = dossier;
        all[0].OtherAnswers = JsonDocument.Parse("""{"SEX":"nu","COMMENT":"Cán bộ nhiệt tình, \"chu đáo\"\nCảm ơn"}""");
        // Excluded by a supervisor: left out, like the snapshot leaves it out; flagged but kept: in the file.
        (all[1].Flags, all[1].Review) = ([ResponseFlags.TooFast], ReviewDecisions.Exclude);
        all[3].Flags = [ResponseFlags.StraightLine];
        await db.SaveChangesAsync(Ct);
        var client = await App.SignedInClient(Roles.Analyst);

        var response = await client.GetAsync($"/api/results/waves/{wave.Code}/responses.csv?questionnaire={version.Key}", Ct);

        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var text = Encoding.UTF8.GetString(bytes);
        var questionnaire = version.Read();
        var read = ResponsesCsv.Read(new MemoryStream(bytes), questionnaire, wave.Code);
        Assert.True(read.Ok, string.Join("; ", read.Faults.Select(f => f.ToString())));
        var kept = all.Where(r => r.Review != ReviewDecisions.Exclude).ToList();
        Assert.Equal(kept.Count, read.Rows);
        var sample = Assert.Single(read.Samples);
        var ids = text.Split('\n').Skip(1).Where(l => l.Length >= 36 && Guid.TryParse(l[..36], out _)).Select(l => Guid.Parse(l[..36])).ToList();
        Assert.Equal(kept.Count, ids.Count);
        var byId = kept.ToDictionary(r => r.Id);
        for (var k = 0; k < ids.Count; k++)
            Assert.Equal(byId[ids[k]].Scores.Select(s => s is { } v ? (sbyte)v : Sample.Unanswered), sample.AnswersOf(k).ToArray());
        Assert.DoesNotContain(all[1].Id.ToString(), text);
        Assert.Contains(all[3].Id.ToString(), text);
        Assert.Contains("\"Cán bộ nhiệt tình, \"\"chu đáo\"\"\nCảm ơn\"", text);

        var header = text[..text.IndexOf('\n')].Split(',');
        Assert.Equal(QuestionnaireJson.FixedColumns.Concat(questionnaire.Sections.SelectMany(s => s.Items).Select(i => i.Code)), header);
        Assert.DoesNotContain(Convert.ToHexString(dossier), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(dossier), text);
        Assert.DoesNotContain("dossier", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(all[2].ContentHash), text);
    }

    [Fact]
    public async Task Microdata_WithoutQuestionnaire_InAWaveOfSeveral_IsAProblemNamingThem()
    {
        var (wave, _) = await ResultsData.WaveWithSnapshot(App, responses: 40);
        var client = await App.SignedInClient(Roles.Admin);

        var response = await client.GetAsync($"/api/results/waves/{wave.Code}/responses.csv", Ct);
        var files = await client.GetFromJsonAsync<List<MicrodataFile>>($"/api/results/waves/{wave.Code}/responses", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Contains("sipas-dvhcc@2025.1", problem!.Errors["questionnaire"][0]);
        Assert.Contains(files!, f => f.Family == "SIPAS" && f.Responses == 40);
        var health = await client.GetAsync(files!.Single(f => f.Family == "HEALTH" && f.Responses > 0).Url, Ct);
        health.EnsureSuccessStatusCode();
        Assert.Equal(10 + 1, (await health.Content.ReadAsStringAsync(Ct)).Count(c => c == '\n'));
    }

    [Fact]
    public async Task SummaryWorkbook_ReadsBackWithTheStoredFiguresAndVerdicts()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App);
        var client = await App.SignedInClient(Roles.Analyst);

        var response = await client.GetAsync($"/api/results/snapshots/{id}/summary.xlsx", Ct);

        response.EnsureSuccessStatusCode();
        Assert.Equal(SummaryWorkbook.ContentType, response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([SummaryWorkbook.Indicators, SummaryWorkbook.Areas, SummaryWorkbook.Agencies, SummaryWorkbook.Communes,
            SummaryWorkbook.Criteria], MiniExcel.GetSheetNames(new MemoryStream(bytes)));
        IDictionary<string, object?>[] Sheet(string name) => MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true,
            sheetName: name, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToArray();

        await using var db = App.Database.NewDb();
        var sipas = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == "province" && r.Section == "", Ct);
        var verdict = await db.SnapshotVerdicts.SingleAsync(v => v.SnapshotId == id && v.Indicator == "SIPAS", Ct);
        var indicators = Sheet(SummaryWorkbook.Indicators);
        Assert.Equal(7, indicators.Length);
        var tile = indicators.Single(r => (string?)r["Chỉ số / Indicator"] == "SIPAS");
        Assert.Equal(sipas.Estimate!.Value, Convert.ToDouble(tile["Tỷ lệ hài lòng / Estimate"]), 12);
        Assert.Equal(Targets.Display(sipas.Estimate.Value), tile["Hiển thị / Display"]);
        Assert.StartsWith(verdict.Met == true ? "Đạt" : "Chưa đạt", (string)tile["Kết luận / Verdict"]!);

        var agencies = await db.SnapshotResults.CountAsync(r => r.SnapshotId == id && r.Channel == "" && r.GroupType == "agency" && r.Section == "", Ct);
        Assert.Equal(agencies, Sheet(SummaryWorkbook.Agencies).Length);
        var xaydung = Sheet(SummaryWorkbook.Agencies).First(r => (string?)r["Mã / Code"] == "so-xay-dung");
        Assert.Equal("Sở Xây dựng", xaydung["Tên / Name"]);
        var land = Sheet(SummaryWorkbook.Areas).First(r => (string?)r["Mã / Code"] == "land");
        var landRow = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == "area" && r.GroupCode == "land" && r.Section == "", Ct);
        Assert.Equal(landRow.NValid, Convert.ToInt32(land["Số phiếu hợp lệ / n valid"]));
        Assert.NotEmpty(Sheet(SummaryWorkbook.Communes));
        var criteria = Sheet(SummaryWorkbook.Criteria);
        Assert.Contains(criteria, r => (string?)r["Tiêu chí / Criterion"] != "" && ((string?)r["Nội dung / Text"])!.Length > 5);
    }
}
