using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using nietras.SeparatedValues;
using Sipas.Analytics;
using Sipas.Api.Clients;
using Sipas.Api.ParScoring;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.Tests.Exports;

/// <summary>The PAR scoring input: rules per year and indicator, the CSV and XLSX for analysts, the CSV for a client system.</summary>
public class ParScoringTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly ParRuleRequest Linear = new("linear", 10m, 80m, 95m, null, "QĐ 99/QĐ-UBND");
    private static readonly ParRuleRequest Bands = new("bands", 2m, null, null,
        [new(70m, 0.5m), new(80m, 1m), new(90m, 2m)], "QĐ 99/QĐ-UBND");

    private async Task<HttpClient> Admin()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-par");
        await admin.AddCsrfHeader();
        return admin;
    }

    [Fact]
    public async Task Rules_KeepHistory_AndABadRuleIsRefusedByFieldWithNothingStored()
    {
        var admin = await Admin();

        var first = await admin.PutAsJsonAsync("/api/admin/par-rules/SIPAS/2025", Linear, Ct);
        var second = await admin.PutAsJsonAsync("/api/admin/par-rules/sipas/2025", Bands, Ct);
        var bad = await admin.PutAsJsonAsync("/api/admin/par-rules/SIPAS/2025",
            new ParRuleRequest("bands", 2m, null, null, [new(90m, 1m), new(80m, 3m)], "QĐ"), Ct);
        var badLinear = await admin.PutAsJsonAsync("/api/admin/par-rules/TTHC/2025", new ParRuleRequest("linear", 5m, 95m, 90m, null, ""), Ct);
        var unknown = await admin.PutAsJsonAsync("/api/admin/par-rules/LAND/2025", Linear, Ct);
        var rows = await admin.GetFromJsonAsync<List<ParRuleRow>>("/api/admin/par-rules?year=2025", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Contains("bands[1].minPercent", problem!.Errors.Keys);
        Assert.Contains("bands[1].points", problem.Errors.Keys);
        var linearProblem = await badLinear.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.Equal(["legalBasis", "toPercent"], linearProblem!.Errors.Keys.Order());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(2, rows!.Count);
        Assert.Equal(("bands", true, "admin-par", 3), (rows[0].Kind, rows[0].Current, rows[0].CreatedBy, rows[0].Bands.Count));
        Assert.Equal(("linear", false, 80m, 95m), (rows[1].Kind, rows[1].Current, rows[1].FromPercent, rows[1].ToPercent));
        await using var db = Database.NewDb();
        Assert.Equal(2, await db.ParScoringRules.CountAsync(Ct));
        var audit = await db.AuditEntries.Where(a => a.Entity == "par_scoring_rule" && a.EntityId == "SIPAS/2025").OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["create", "change"], audit.Select(a => a.Action));
    }

    [Fact]
    public async Task ParCsv_HasEveryAgencyAndCommune_WithTheStoredFigures_AndPointsOfBothRuleKinds()
    {
        var (wave, id) = await ResultsData.WaveWithSnapshot(App);
        var admin = await Admin();
        (await admin.PutAsJsonAsync("/api/admin/par-rules/SIPAS/2025", Linear, Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync("/api/admin/par-rules/HEALTH/2025", Bands, Ct)).EnsureSuccessStatusCode();
        var analyst = await App.SignedInClient(Roles.Analyst);

        var response = await analyst.GetAsync($"/api/results/snapshots/{id}/par.csv", Ct);

        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(ParFiles.Header, text[..text.IndexOf('\n')]);
        var rows = Rows(text);
        await using var db = Database.NewDb();
        var stored = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == "" && r.Section == ""
            && (r.GroupType == "agency" || r.GroupType == "unit") && (r.Indicator == "SIPAS" || r.Indicator == "HEALTH")).ToListAsync(Ct);
        Assert.Equal(stored.Count, rows.Count);
        Assert.Contains(rows, r => r[4] == "unit");
        var checkedPoints = 0;
        foreach (var s in stored)
        {
            var row = rows.Single(r => r[3] == s.Indicator && r[4] == s.GroupType && r[5] == s.GroupCode);
            Assert.Equal(("2025", wave.Code, id.ToString(CultureInfo.InvariantCulture)), (row[0], row[1], row[2]));
            Assert.Equal(s.NValid, int.Parse(row[8], CultureInfo.InvariantCulture));
            Assert.Equal(s.Estimate, Number(row[9]));
            Assert.Equal((s.CiLow, s.CiHigh), (Number(row[10]), Number(row[11])));
            if (s.Estimate is not { } p) continue;
            var percent = 100 * p;
            // The rules worked here by hand: linear 0 at ≤ 80 %, 10 at ≥ 95 %; bands ≥ 70 → 0.5, ≥ 80 → 1, ≥ 90 → 2.
            var expected = s.Indicator == "SIPAS"
                ? Math.Clamp((percent - 80) / 15, 0, 1) * 10
                : percent >= 90 ? 2 : percent >= 80 ? 1 : percent >= 70 ? 0.5 : 0;
            Assert.Equal(Math.Round(expected, 2, MidpointRounding.AwayFromZero), double.Parse(row[19], CultureInfo.InvariantCulture));
            Assert.Equal(s.Indicator == "SIPAS" ? "linear" : "bands", row[17]);
            checkedPoints++;
        }
        Assert.True(checkedPoints > 10);
        // The ranks are those of the league table over the same stored rows.
        var agencies = stored.Where(s => s.Indicator == "SIPAS" && s.GroupType == "agency").Select(s => SnapshotTables.ToResultRow(wave.Code, s)).ToList();
        foreach (var ranked in Rankings.Table(agencies).Where(r => r.Place is not null))
        {
            var row = rows.Single(r => r[3] == "SIPAS" && r[4] == "agency" && r[5] == ranked.GroupCode);
            Assert.Equal($"{ranked.Place!.Value.Rank},{ranked.Place.Value.Low},{ranked.Place.Value.High}", $"{row[13]},{row[14]},{row[15]}");
        }
    }

    [Fact]
    public async Task ParXlsx_ShowsThePointsAndRanks_AndNoRuleMeansNoPoints()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App);
        (await (await Admin()).PutAsJsonAsync("/api/admin/par-rules/SIPAS/2025", Linear, Ct)).EnsureSuccessStatusCode();
        var analyst = await App.SignedInClient(Roles.Analyst);

        var bytes = await analyst.GetByteArrayAsync($"/api/results/snapshots/{id}/par.xlsx", Ct);

        var rows = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>().ToList();
        var sipas = rows.Where(r => (string?)r["Chỉ số / Indicator"] == "SIPAS" && r["Điểm / Points"] is not null).ToList();
        Assert.NotEmpty(sipas);
        Assert.All(sipas, r => Assert.InRange(Convert.ToDouble(r["Điểm / Points"], CultureInfo.InvariantCulture), 0, 10));
        Assert.Contains(sipas, r => ((string)r["Hạng / Rank"]!).Contains('–'));
        var health = rows.Where(r => (string?)r["Chỉ số / Indicator"] == "HEALTH").ToList();
        Assert.NotEmpty(health);
        Assert.All(health, r => Assert.Null(r["Điểm / Points"]));
        Assert.All(health, r => Assert.Equal("Chưa đặt / not set", r["Quy tắc / Rule"]));
    }

    [Fact]
    public async Task ClientSystem_GetsThePublishedComponentOfItsAgenciesOnly_WithItsKey()
    {
        var (wave, unpublished) = await ResultsData.WaveWithSnapshot(App);
        var admin = await Admin();
        var created = await admin.PostAsJsonAsync("/api/admin/clients",
            new ClientRequest("cham-diem", "Phần mềm chấm điểm CCHC", ["so-xay-dung", "ubnd-16681"], null), Ct);
        var key = (await created.Content.ReadFromJsonAsync<ClientCredentials>(Ct))!.ApiKey;
        var client = App.NewClient();
        client.DefaultRequestHeaders.Add(ManageClients.KeyHeader, key);
        var path = $"/api/integration/waves/{wave.Code}/par.csv";

        var beforePublishing = await client.GetAsync(path, Ct);
        var published = await ResultsData.Snapshot(App, wave, publish: true);
        var withoutKey = await App.NewClient().GetAsync(path, Ct);
        var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, beforePublishing.StatusCode);
        Assert.Equal("application/problem+json", beforePublishing.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        response.EnsureSuccessStatusCode();
        var rows = Rows(await response.Content.ReadAsStringAsync(Ct));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(published.ToString(CultureInfo.InvariantCulture), r[2]));
        Assert.All(rows, r => Assert.Contains($"{r[4]}:{r[5]}", new[] { "agency:so-xay-dung", "agency:ubnd-16681", "unit:16681" }));
        Assert.NotEqual(unpublished, published);
    }

    /// <summary>The data rows of a CSV, fields unquoted (names may hold commas).</summary>
    private static List<string[]> Rows(string text)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(text);
        return reader.Enumerate(row => row[..].ToStringsArray()).ToList();
    }

    private static double? Number(string text) => text.Length == 0 ? null : double.Parse(text, CultureInfo.InvariantCulture);
}
