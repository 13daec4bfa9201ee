using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using nietras.SeparatedValues;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;
using Sipas.Jobs.Exports;
using Sipas.Testing;

namespace Sipas.Api.Tests.Exports;

/// <summary>
/// What the people who open an export are protected from (docs/security.md): a citizen's comment that a
/// spreadsheet would run as a formula, and times precise enough to match a response against a counter's queue log.
/// </summary>
public class ExportGuardsTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Comments as citizens type them, and the cell a CSV reader must give for each.</summary>
    public static readonly (string Comment, string Cell)[] Formulas =
    [
        ("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Cán bộ tận tình = tốt", "Cán bộ tận tình = tốt"),   // '=' inside the text is harmless and left alone
    ];

    [Fact]
    public async Task Microdata_CitizensFormulaComments_AreNeutralised_AndTimesCutToTheHour()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var ids = new List<Guid>();
        foreach (var (comment, _) in Formulas)
        {
            var client = App.NewClient();
            client.DefaultRequestHeaders.Add("X-Sipas-Device", Citizens.Devices.Credential(App));
            var answers = Fieldwork.VariedAnswers();
            answers["COMMENT"] = comment;
            var id = Guid.NewGuid();
            var response = await client.PostAsJsonAsync("/api/public/service-points/XD-T1/responses",
                new { clientId = id, answers, startedAt = DateTimeOffset.UtcNow.AddMinutes(-5) }, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{comment}: {await response.Content.ReadAsStringAsync(Ct)}");
            ids.Add(id);
        }
        await using var db = Database.NewDb();
        var stored = await db.Responses.Where(r => ids.Contains(r.Id)).ToListAsync(Ct);
        Assert.All(stored, r => Assert.Empty(r.Flags));
        // The citizen page trims a comment ("\tx" is stored as "x"); other paths (paper keying, imports, older rows)
        // may hold a leading tab or carriage return, so those two are put back as typed: the writer must guard them.
        var vietnam = TimeSpan.FromHours(7);
        for (var k = 0; k < stored.Count; k++)
        {
            var typed = Formulas[ids.IndexOf(stored[k].Id)].Comment;
            if (typed[0] is '\t' or '\r')
            {
                Assert.Equal(typed.Trim(), stored[k].OtherAnswers!.RootElement.GetProperty("COMMENT").GetString());
                stored[k].OtherAnswers = System.Text.Json.JsonSerializer.SerializeToDocument(new { COMMENT = typed });
            }
            // Times with minutes, seconds and fractions: the export must keep only the hour (+07:00).
            stored[k].SubmittedAt = new DateTimeOffset(2025, 9, 14, 9 + k, 37, 12, 345, vietnam).ToUniversalTime();
        }
        await db.SaveChangesAsync(Ct);
        var version = await db.Questionnaires.SingleAsync(q => q.Id == stored[0].QuestionnaireId, Ct);
        var analyst = await App.SignedInClient(Roles.Analyst);

        var csv = await analyst.GetStringAsync($"/api/results/waves/{wave.Code}/responses.csv?questionnaire={version.Key}", Ct);

        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(csv);
        var comments = new Dictionary<Guid, string>();
        var times = new Dictionary<Guid, string>();
        foreach (var row in reader)
        {
            var id = Guid.Parse(row["response_id"].Span);
            comments[id] = row["COMMENT"].ToString();
            times[id] = row["submitted_at"].ToString();
        }
        Assert.Equal(ids.Count, comments.Count);
        for (var k = 0; k < Formulas.Length; k++)
            Assert.Equal(Formulas[k].Cell, comments[ids[k]]);
        foreach (var r in stored)
        {
            var local = r.SubmittedAt.ToOffset(vietnam);
            Assert.Equal($"2025-09-14T{local.Hour:00}:00:00+07:00", times[r.Id]);
        }
        // Scores and codes are untouched: the file still reads back as interchange.md's responses CSV.
        var read = Sipas.Analytics.Interchange.ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), version.Read(), wave.Code);
        Assert.True(read.Ok, string.Join("; ", read.Faults));
        Assert.Equal(ids.Count, read.Rows);
    }

    [Fact]
    public async Task SummaryWorkbook_NeutralisesTextCells_AndKeepsNumbers()
    {
        var (_, id) = await ResultsData.WaveWithSnapshot(App, responses: 120);
        var name = "=HYPERLINK(\"http://x\",\"y\")";
        string original;
        await using (var db = Database.NewDb())
        {
            var agency = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung", Ct);
            original = agency.NameVi;
            agency.NameVi = name;   // reference data: put back below
            await db.SaveChangesAsync(Ct);
        }
        try
        {
            var analyst = await App.SignedInClient(Roles.Analyst);

            var bytes = await analyst.GetByteArrayAsync($"/api/results/snapshots/{id}/summary.xlsx", Ct);

            var agencies = MiniExcel.Query(new MemoryStream(bytes), useHeaderRow: true, sheetName: SummaryWorkbook.Agencies,
                excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>().ToArray();
            var row = agencies.First(r => (string?)r["Mã / Code"] == "so-xay-dung");
            Assert.Equal("'" + name, row["Tên / Name"]);
            Assert.IsType<double>(row["Tỷ lệ hài lòng / Estimate"], exactMatch: false);   // a number, not text
            // The raw sheet holds no formula element: nothing in the workbook is evaluated when opened.
            using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/")))
                Assert.DoesNotMatch("<([a-z]+:)?f[ >]", await new StreamReader(entry.Open()).ReadToEndAsync(Ct));
        }
        finally
        {
            await using var db = Database.NewDb();
            var agency = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung", Ct);
            agency.NameVi = original;
            await db.SaveChangesAsync(Ct);
        }
    }
}
