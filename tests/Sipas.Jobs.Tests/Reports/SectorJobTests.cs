using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Analytics;
using Sipas.Data;
using Sipas.Reports;
using Sipas.Reports.Tests;
using Sipas.Testing;

namespace Sipas.Jobs.Tests.Reports;

/// <summary>
/// Issue 16: the sector reports (land, construction, investment) and the health and education reports, rendered by the
/// job from a computed snapshot, stored with their SHA-256, read back, every figure compared with the snapshot's stored
/// rows (and the previous wave's snapshot for the changes).
/// </summary>
public class SectorJobTests(JobsDatabase database) : JobTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly ReportFormat Vi = ReportFormat.Vi;

    private static readonly string[] NewKinds =
        [SnapshotReport.SectorLand, SnapshotReport.SectorConstruction, SnapshotReport.SectorInvestment, SnapshotReport.Health, SnapshotReport.Education];

    [Fact]
    public async Task LandReport_ShowsTheAreasStoredFigures_ItsAgenciesAndCommunes_AndTheChangeSinceThePreviousWave()
    {
        await using var db = Database.NewDb();
        var before = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        await TestWaves.AddResponsesAsync(db, before, "SIPAS", 500, seed: 21, level: 0.8);
        var first = await NewSnapshot(before);
        await Compute(first);
        await Publish(first);
        var wave = await TestWaves.CreateAsync(db, "2026-H1", 2026, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 700, seed: 22);
        var id = await NewSnapshot(wave, by: Snapshot.Scheduler);
        await Compute(id);

        var (pdf, sha) = await RenderAndStore(id, SnapshotReport.SectorLand, "vi");
        Assert.Equal(SHA256.HashData(pdf), sha);
        var text = new PdfText(pdf);
        var facts = new PdfFacts(pdf);

        var rows = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS").ToListAsync(Ct);
        var was = await db.SnapshotResults.Where(r => r.SnapshotId == first && r.Channel == "" && r.Indicator == "SIPAS" && r.Item == "")
            .ToDictionaryAsync(r => (r.GroupType, r.GroupCode, r.Section), Ct);
        var area = rows.Where(r => r.GroupType == "area" && r.GroupCode == "land").ToList();
        var overall = area.Single(r => r.Section == "");
        var change = await db.SnapshotChanges.SingleAsync(c => c.SnapshotId == id && c.Channel == "" && c.Indicator == "LAND", Ct);
        var verdict = await db.SnapshotVerdicts.SingleAsync(v => v.SnapshotId == id && v.Indicator == "LAND", Ct);
        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Code, a => a.NameVi, Ct);
        var units = await db.AdministrativeUnits.ToDictionaryAsync(u => u.Code, u => u.FullName, Ct);

        Assert.Equal("vi", facts.Language);
        Assert.Equal(["Báo cáo lĩnh vực Đất đai", "1. Chỉ số so với chỉ tiêu", "2. Các yếu tố", "3. Các tiêu chí",
            "4. 5 tiêu chí thấp nhất", "5. Các cơ quan", "6. Các xã, phường", "7. Ghi chú"], facts.Bookmarks.Select(b => b.Title));
        Assert.Equal(text.Count, facts.PageCount);
        Assert.All(facts.Fonts, f => Assert.True(f.Value, f.Key));
        Assert.Equal(0, facts.UnmarkedLetters);
        Assert.True(text.Has(0, "Người yêu cầu lịch tự động"));

        // 1. The area's overall row, the stored verdict and the stored change.
        Assert.True(text.Has(1, $"Chỉ số LAND {Vi.Percent(overall.Estimate!.Value)} {Interval(overall)} · n = {Vi.Count(overall.NValid)}"));
        Assert.True(text.Has(1, $"Chỉ tiêu {(verdict.Comparator == ">" ? "> " : "từ ")}{Vi.Percent(verdict.Threshold)}"));
        Assert.True(text.Has(1, $"{(verdict.Met!.Value ? "Đạt" : "Chưa đạt")} — {(verdict.Certain!.Value ? "chắc chắn" : "trong biên sai số")}"));
        Assert.True(text.Has(1, $"{Vi.Points(change.Difference!.Value)} điểm % so với {before.Code} ({Vi.Percent(change.Before!.Value)}); "
            + $"p = {Vi.PValue(change.PValue!.Value)}"));
        // 2. Each element against the same row of the previous snapshot; 3. every criterion with its mean score.
        foreach (var e in area.Where(r => r.Section != "" && r.Item == ""))
            Assert.True(text.Anywhere($"{Vi.Count(e.NValid)} {Vi.Percent(e.Estimate!.Value)} {Interval(e)} {Moved(was, e, withPrevious: true)}"), e.Section);
        foreach (var c in area.Where(r => r.Item != ""))
            Assert.True(text.Anywhere($"{c.Item} —") && text.Anywhere($"{Vi.Count(c.NValid)} {Vi.Percent(c.Estimate!.Value)} {Interval(c)} "
                + $"{Vi.Decimal(c.MeanScore!.Value, 2)}{Flags(c)}"), c.Item);
        // 4. The five weakest criteria: lowest stored rate, then code.
        var weakestPage = text.Section("4. 5 tiêu chí thấp nhất");
        foreach (var w in area.Where(r => r.Item != "" && r.Estimate is not null).OrderBy(r => r.Estimate).ThenBy(r => r.Item, StringComparer.Ordinal).Take(5))
            Assert.True(text.Has(weakestPage, $"{w.Item} —"), w.Item);
        // 5. Agencies and 6. communes: the stored area × agency (× commune) rows, small samples marked.
        var crosses = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "SIPAS" && r.Section == ""
            && (r.GroupType == "area-agency" || r.GroupType == "area-agency-unit") && r.GroupCode.StartsWith("land/")).ToListAsync(Ct);
        Assert.Contains(crosses, r => r.GroupType == "area-agency-unit");
        var agencyPage = text.Section("5. Các cơ quan");
        foreach (var a in crosses.Where(r => r.GroupType == "area-agency"))
        {
            var code = a.GroupCode["land/".Length..];
            Assert.True(text.Has(agencyPage, $"{code} —") && Words(text, agencyPage, agencies[code]), code);
            Assert.True(text.Has(agencyPage, $"{Vi.Count(a.NValid)} {Vi.Percent(a.Estimate!.Value)} {Interval(a)} {Moved(was, a, withPrevious: false)}{Flags(a)}"), code);
        }
        var communePage = text.Section("6. Các xã, phường");
        foreach (var c in crosses.Where(r => r.GroupType == "area-agency-unit"))
        {
            var (agency, unit) = (c.GroupCode.Split('/')[1], c.GroupCode.Split('/')[2]);
            // Names wrap in their cells (the rest of a name follows the row's figures): each word on the page.
            Assert.True(text.Has(communePage, $"{unit} —") && Words(text, communePage, units[unit]) && Words(text, communePage, agencies[agency]), unit);
            Assert.True(text.Has(communePage, $"{Vi.Count(c.NValid)} {Vi.Percent(c.Estimate!.Value)} {Interval(c)} "
                + $"{Moved(was, c, withPrevious: false)}{Flags(c)}"), c.GroupCode);
        }
        Assert.True(communePage >= agencyPage);
        if (crosses.Any(r => ((ResultFlags)r.Flags).HasFlag(ResultFlags.SmallSample)))
            Assert.True(text.Anywhere("Mẫu nhỏ (dưới 30 phiếu hợp lệ)"));
    }

    [Fact]
    public async Task HealthReport_PrintsThePooledIndex_ItsSectionsCriteriaAndFacilities_FromTheStoredRows()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        await TestWaves.AddResponsesAsync(db, wave, "HEALTH", 400, seed: 23);
        var id = await NewSnapshot(wave);
        await Compute(id);

        var (pdf, _) = await RenderAndStore(id, SnapshotReport.Health, "vi");
        var text = new PdfText(pdf);
        var rows = await db.SnapshotResults.Where(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "HEALTH").ToListAsync(Ct);
        var province = rows.Where(r => r.GroupType == "province").ToList();
        var overall = province.Single(r => r.Section == "");
        var verdict = await db.SnapshotVerdicts.SingleAsync(v => v.SnapshotId == id && v.Indicator == "HEALTH", Ct);

        // The stored index is the Ministry of Health's pooled rate: every criterion's positive answers over its valid
        // answers (no frame, so every weight is 1).
        var items = province.Where(r => r.Item != "").ToList();
        Assert.Equal(items.Sum(r => r.NPositive!.Value) / items.Sum(r => r.NValid), overall.Estimate!.Value, 12);
        Assert.True(text.Has(0, "Cách tính chỉ số gộp mọi tiêu chí (cách tính của Bộ Y tế)"));
        Assert.True(text.Has(0, "Bảng hỏi y-te-ngoai-tru 2024.1"));
        Assert.True(text.Has(1, $"Chỉ số HEALTH {Vi.Percent(overall.Estimate.Value)} {Interval(overall)} · n = {Vi.Count(overall.NValid)}"));
        Assert.True(text.Has(1, $"{(verdict.Met!.Value ? "Đạt" : "Chưa đạt")} — {(verdict.Certain!.Value ? "chắc chắn" : "trong biên sai số")}"));
        Assert.True(text.Has(1, "Chưa có số liệu đợt trước"));
        foreach (var s in province.Where(r => r.Section != "" && r.Item == ""))
            Assert.True(text.Anywhere($"{Vi.Count(s.NValid)} {Vi.Percent(s.Estimate!.Value)} {Interval(s)} — —{Flags(s)}"), s.Section);
        foreach (var c in items)
            Assert.True(text.Anywhere($"{Vi.Count(c.NValid)} {Vi.Percent(c.Estimate!.Value)} {Interval(c)} {Vi.Decimal(c.MeanScore!.Value, 2)}{Flags(c)}"), c.Item);
        var facilities = text.Section("5. Các cơ sở y tế");
        Assert.True(facilities > 0);
        foreach (var f in rows.Where(r => r.GroupType == "agency" && r.Section == ""))
            Assert.True(text.Has(facilities, $"{f.GroupCode} — Sở Y tế {Vi.Count(f.NValid)} {Vi.Percent(f.Estimate!.Value)} {Interval(f)} —{Flags(f)}"));
        foreach (var u in rows.Where(r => r.GroupType == "unit" && r.Section == ""))
            Assert.True(text.Anywhere($"{u.GroupCode} — "), u.GroupCode);
        Assert.False(text.Anywhere("Cơ quan phục vụ"));
    }

    [Fact]
    public async Task EveryNewKind_InBothLanguages_IsStoredWithItsHash_Tagged_AndAnAreaWithNoResponsesSaysSo()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        await TestWaves.AddResponsesAsync(db, wave, "EDUCATION", 200, seed: 24);
        var id = await NewSnapshot(wave, by: "tester");
        await Compute(id);
        var education = await db.SnapshotResults.SingleAsync(r => r.SnapshotId == id && r.Channel == "" && r.Indicator == "EDUCATION"
            && r.GroupType == "province" && r.Section == "", Ct);

        foreach (var kind in NewKinds)
            foreach (var language in SnapshotReport.Languages)
            {
                var (pdf, sha) = await RenderAndStore(id, kind, language);
                var facts = new PdfFacts(pdf);
                var text = new PdfText(pdf);
                Assert.Equal(SHA256.HashData(pdf), sha);
                Assert.Equal(language, facts.Language);
                Assert.True(facts.Marked && facts.HasStructureTree, kind);
                Assert.Equal(facts.Bookmarks.Select(b => b.Title), facts.Headings("H1"));
                Assert.All(facts.Fonts, f => Assert.True(f.Value, f.Key));
                Assert.Equal(0, facts.UnmarkedLetters);
                if (kind == SnapshotReport.Education)
                {
                    var format = ReportFormat.For(language == "en" ? ReportLanguage.En : ReportLanguage.Vi);
                    Assert.True(text.Has(1, $"{(language == "en" ? "Index" : "Chỉ số")} EDUCATION {format.Percent(education.Estimate!.Value)}"));
                    Assert.Contains(language == "en" ? "5. Schools" : "5. Các trường học", facts.Bookmarks.Select(b => b.Title));
                }
                else
                {
                    // No SIPAS or HEALTH response in this wave: the report renders, cover and section 1, and says so.
                    Assert.Equal(2, facts.Bookmarks.Count);
                    Assert.Equal(2, text.Count);
                    Assert.True(text.Has(1, language == "en" ? "has no valid response in the" : "không có phiếu hợp lệ nào của lĩnh vực"), kind);
                }
            }
        var english = await db.SnapshotReports.SingleAsync(r => r.SnapshotId == id && r.Kind == SnapshotReport.SectorConstruction && r.Language == "en", Ct);
        Assert.True(new PdfText(english.Pdf!).Has(0, "Sector report: Construction"));
        Assert.Equal(NewKinds.Length * 2, await db.SnapshotReports.CountAsync(r => r.SnapshotId == id && r.Status == SnapshotStatus.Completed, Ct));
    }

    /// <summary>Runs the job and reads the stored report back.</summary>
    private async Task<(byte[] Pdf, byte[] Sha256)> RenderAndStore(int id, string kind, string language)
    {
        await using (var scope = Database.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RenderWaveReport>().Run(id, kind, language, Ct);
        await using var db = Database.NewDb();
        var stored = await db.SnapshotReports.SingleAsync(r => r.SnapshotId == id && r.Kind == kind && r.Language == language, Ct);
        Assert.Equal(SnapshotStatus.Completed, stored.Status);
        return (stored.Pdf!, stored.Sha256!);
    }

    private static bool Words(PdfText text, int page, string name) =>
        name.Split(' ').All(w => text.Pages[page].Contains(w.Normalize(System.Text.NormalizationForm.FormC), StringComparison.Ordinal));

    private static string Interval(SnapshotResult r) => Vi.Interval(new Interval(r.CiLow!.Value, r.CiHigh!.Value));

    /// <summary>The flags as the tables print them, after a space ("" when none).</summary>
    private static string Flags(SnapshotResult r)
    {
        var flags = (ResultFlags)r.Flags;
        var words = new List<string>();
        if (flags.HasFlag(ResultFlags.SmallSample)) words.Add("mẫu nhỏ");
        if (flags.HasFlag(ResultFlags.Undefined)) words.Add("không xác định");
        if (flags.HasFlag(ResultFlags.LonelyStratum)) words.Add("tầng một phiếu");
        return words.Count == 0 ? "" : " " + string.Join(", ", words);
    }

    /// <summary>The previous wave's figure (with <paramref name="withPrevious"/>) and the change, as a table prints them.</summary>
    private static string Moved(Dictionary<(string, string, string), SnapshotResult> was, SnapshotResult now, bool withPrevious)
    {
        if (!was.TryGetValue((now.GroupType, now.GroupCode, now.Section), out var before) || before.Estimate is null || now.Estimate is null)
            return withPrevious ? "— —" : "—";
        var change = WaveChange.Compare(before.Estimate.Value, before.Se!.Value, now.Estimate.Value, now.Se!.Value);
        var points = Vi.Points(change.Difference) + (change.Significant ? "*" : "");
        return withPrevious ? $"{Vi.Percent(before.Estimate.Value)} {points}" : points;
    }
}
