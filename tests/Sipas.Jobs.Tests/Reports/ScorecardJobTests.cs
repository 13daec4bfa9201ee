using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;
using Sipas.Jobs.Reports;
using Sipas.Reports;
using Sipas.Reports.Tests;
using Sipas.Testing;

namespace Sipas.Jobs.Tests.Reports;

/// <summary>
/// Issue 16: the scorecards rendered from a computed snapshot, read back, every figure compared with the snapshot's
/// stored rows (and the previous wave's snapshot for the change); names in the report's language; who asked.
/// </summary>
public class ScorecardJobTests(JobsDatabase database) : JobTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AgencyScorecards_ShowTheStoredFigures_RankedAndComparedWithThePreviousWave()
    {
        await using var db = Database.NewDb();
        var before = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, before, "SIPAS", 400, seed: 11, level: 0.8);
        var first = await NewSnapshot(before);
        await Compute(first);
        await Publish(first);
        var wave = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 600, seed: 12);
        var id = await NewSnapshot(wave, by: Snapshot.Scheduler);
        await Compute(id);

        var report = await ReportKinds.RenderAsync(db, id, ReportKinds.AgencyScorecards, "vi", ct: Ct);
        var text = new PdfText(report.Pdf);
        var facts = new PdfFacts(report.Pdf);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(report.Pdf), report.Sha256);

        var rows = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == "agency").ToListAsync(Ct);
        var overall = rows.Where(r => r.Section == "").ToList();
        var previous = await db.SnapshotResults.Where(r => r.SnapshotId == first && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == "agency" && r.Section == "").ToDictionaryAsync(r => r.GroupCode, Ct);
        var places = Rankings.Table(overall.Select(r => Exports.SnapshotTables.ToResultRow(wave.Code, r)).ToList())
            .ToDictionary(r => r.GroupCode, r => r.Place);
        var names = await db.Agencies.ToDictionaryAsync(a => a.Code, Ct);
        var vi = ReportFormat.Vi;

        Assert.True(overall.Count >= 2);
        Assert.True(text.Has(0, "Người yêu cầu lịch tự động"));
        Assert.Equal(overall.Count + 1, facts.Bookmarks.Count);
        foreach (var row in overall)
        {
            var title = $"{row.GroupCode} — {names[row.GroupCode].NameVi}";
            var page = facts.Bookmarks.Single(b => b.Title == title).Page - 1;
            Assert.True(text.Has(page, $"Chỉ số SIPAS {vi.Percent(row.Estimate!.Value)} {vi.Interval(new Interval(row.CiLow!.Value, row.CiHigh!.Value))} · n = {vi.Count(row.NValid)}"));
            var place = places[row.GroupCode]!.Value;
            Assert.True(text.Has(page, $"{place.Rank} ({place.Low}–{place.High}) trên {overall.Count}"));
            var was = previous[row.GroupCode];
            var change = WaveChange.Compare(was.Estimate!.Value, was.Se!.Value, row.Estimate.Value, row.Se!.Value);
            Assert.True(text.Has(page, $"{vi.Points(change.Difference)} điểm % so với {before.Code} ({vi.Percent(was.Estimate.Value)})"));
            var weakest = rows.Where(r => r.GroupCode == row.GroupCode && r.Item != "" && r.Estimate is not null)
                .OrderBy(r => r.Estimate).ThenBy(r => r.Item, StringComparer.Ordinal).Take(3).ToList();
            Assert.Equal(3, weakest.Count);
            foreach (var w in weakest)
                Assert.True(text.Has(page, $"{w.Item} —"), $"{row.GroupCode}: weakest criterion {w.Item} missing");
            foreach (var e in rows.Where(r => r.GroupCode == row.GroupCode && r.Section != "" && r.Item == ""))
                Assert.True(text.Has(page, $"{vi.Count(e.NValid)} {vi.Percent(e.Estimate!.Value)}"));
        }
    }

    [Fact]
    public async Task CommuneScorecard_OnItsOwn_InEnglish_HasTheEnglishName_AndTheRequester()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 500, seed: 13);
        var id = await NewSnapshot(wave, by: "tester");
        await Compute(id);
        var commune = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS"
            && r.GroupType == "unit" && r.Section == "").OrderBy(r => r.GroupCode).FirstAsync(Ct);
        var unit = await db.AdministrativeUnits.SingleAsync(u => u.Code == commune.GroupCode, Ct);

        var report = await ReportKinds.RenderAsync(db, id, ReportKinds.CommuneScorecards, "en", commune.GroupCode, Ct);
        var text = new PdfText(report.Pdf);

        Assert.Equal("en", new PdfFacts(report.Pdf).Language);
        Assert.True(text.Has(0, $"{commune.GroupCode} — {unit.NameEn}"));
        Assert.True(text.Has(0, $"Index SIPAS {ReportFormat.En.Percent(commune.Estimate!.Value)}"));
        Assert.True(text.Has(0, "treating communes as independent"));
        Assert.Equal(1, text.Count);
    }

    [Fact]
    public async Task ProvinceReport_InEnglish_NamesAgenciesCommunesAndAreasInEnglish_AndTheScheduleInWords()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 300, seed: 14);
        var id = await NewSnapshot(wave, by: Snapshot.Scheduler);
        await Compute(id);
        var tables = (await Exports.SnapshotTables.LoadAsync(db, id, Ct))!;

        var model = await Exports.WaveReportSource.BuildAsync(db, tables, ReportLanguage.En, Ct);
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.NameEn, Ct);
        var units = await db.AdministrativeUnits.ToDictionaryAsync(u => u.Code, u => u.NameEn, Ct);
        var areas = await db.ServiceAreas.ToDictionaryAsync(a => a.Code, a => a.NameEn, Ct);

        Assert.All(model.Agencies, a => Assert.Equal(agencies[a.Code], a.Name));
        Assert.All(model.Communes, c => Assert.Equal(units[c.Code], c.Name));
        Assert.All(model.Areas, a => Assert.Equal(areas[a.Code], a.Name));
        Assert.Null(model.Snapshot.ComputedBy);
        var text = new PdfText(WaveReport.Render(model));
        Assert.True(text.Has(0, "Requested by scheduled (automatic)"));
        Assert.True(text.Has(0, "(Vietnam time, UTC+7)"));
    }
}
