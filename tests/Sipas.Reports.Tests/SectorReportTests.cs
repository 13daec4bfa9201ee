using Sipas.Analytics;
using Sipas.Reports.Bench;

namespace Sipas.Reports.Tests;

/// <summary>Issue 16: the sector reports (land, construction, investment) and the health and education reports.</summary>
public class SectorReportTests
{
    private static readonly SectorReportModel Land = SyntheticSectors.Build(SectorKind.Area, "land", "LAND", Rendered.Model);
    private static readonly SectorReportModel Health = SyntheticSectors.Build(SectorKind.Health, "health", "HEALTH", Rendered.EnglishModel);
    private static readonly Lazy<byte[]> land = new(() => SectorReport.Render(Land));
    private static readonly Lazy<byte[]> health = new(() => SectorReport.Render(Health));

    [Fact]
    public void LandReport_Vietnamese_Tagged_WithABookmarkPerSection_OnItsPage_FontsEmbedded()
    {
        var facts = new PdfFacts(land.Value);
        var text = new PdfText(land.Value);

        Assert.Equal("vi", facts.Language);
        Assert.True(facts.Marked && facts.HasStructureTree);
        Assert.Equal(["Báo cáo lĩnh vực Đất đai", "1. Chỉ số so với chỉ tiêu", "2. Các yếu tố", "3. Các tiêu chí",
            "4. 5 tiêu chí thấp nhất", "5. Các cơ quan", "6. Các xã, phường", "7. Ghi chú"], facts.Bookmarks.Select(b => b.Title));
        foreach (var (title, _, page) in facts.Bookmarks)
            Assert.True(text.Has(page - 1, title), $"{title} is not on page {page}");
        Assert.Equal(facts.Bookmarks.Select(b => b.Title), facts.Headings("H1"));
        Assert.Equal(0, facts.UnmarkedLetters);
        Assert.All(facts.Fonts, f => Assert.True(f.Value, f.Key));
        Assert.True(text.Has(text.Count - 1, $"Trang {text.Count}/{text.Count}"));
    }

    [Fact]
    public void LandReport_PrintsTheIndex_Target_Change_Elements_Criteria_Weakest_Units_AndMarksSmallSamples()
    {
        var text = new PdfText(land.Value);
        var vi = ReportFormat.Vi;
        var index = Land.Index!;
        var change = Land.Change!;

        Assert.True(text.Has(1, $"Chỉ số LAND {vi.Percent(index.Estimate)} {vi.Interval(index.Ci)} · n = {vi.Count(index.NValid)}"));
        Assert.True(text.Has(1, $"{vi.Points(change.Result.Difference)} điểm % so với {change.PreviousWave} ({vi.Percent(change.PreviousEstimate)})"));
        Assert.True(text.Has(1, ReportTexts.Vi.VerdictText(Land.Verdict, Land.Target, index.Estimate)));
        foreach (var e in Land.Elements)
        {
            // The element's title may wrap in its cell; its figures are one line.
            Assert.True(text.Anywhere($"{vi.Count(e.Section.Estimate.NValid)} {vi.Percent(e.Section.Estimate.Estimate)} "
                + $"{vi.Interval(e.Section.Estimate.Ci)} {vi.Percent(e.Change!.PreviousEstimate)} {vi.Points(e.Change.Result.Difference)}"), e.Section.Code);
            foreach (var c in e.Section.Criteria)
                Assert.True(text.Anywhere($"{vi.Percent(c.Estimate.Estimate)} {vi.Interval(c.Estimate.Ci)} {vi.Decimal(c.MeanScore, 2)}"), c.Code);
        }
        var weakest = text.Section("4. 5 tiêu chí thấp nhất");
        Assert.All(Land.Weakest, w => Assert.True(text.Has(weakest, $"{w.Code} —"), w.Code));
        foreach (var u in Land.Units.Concat(Land.Communes))
            Assert.True(text.Anywhere($"{vi.Count(u.Estimate.NValid)} {vi.Percent(u.Estimate.Estimate)} {vi.Interval(u.Estimate.Ci)}"), u.Code);
        var small = Land.Communes.First(c => c.Estimate.Flags.HasFlag(ResultFlags.SmallSample));
        Assert.True(text.Anywhere($"{vi.Interval(small.Estimate.Ci)} {vi.Points(small.Change!.Result.Difference)}{(small.Change.Result.Significant ? "*" : "")} mẫu nhỏ"));
        Assert.True(text.Anywhere("Mẫu nhỏ (dưới 30 phiếu hợp lệ)"));
        Assert.True(text.Anywhere("Cơ quan phục vụ"));
    }

    [Fact]
    public void HealthReport_English_NamesThePooledIndex_AndItsFacilities()
    {
        var facts = new PdfFacts(health.Value);
        var text = new PdfText(health.Value);

        Assert.Equal("en", facts.Language);
        Assert.Equal("Satisfaction with public health services", facts.Bookmarks[0].Title);
        Assert.Contains("5. Health facilities", facts.Bookmarks.Select(b => b.Title));
        Assert.True(text.Has(0, "pooled over every criterion (Ministry of Health)"));
        Assert.True(text.Anywhere("the Ministry of Health's overall satisfaction rate"));
        Assert.True(text.Has(1, $"Index HEALTH {ReportFormat.En.Percent(Health.Index!.Estimate)}"));
        Assert.DoesNotContain(Squashed(text), "Servingagency");
        Assert.Equal(0, facts.UnmarkedLetters);
    }

    [Fact]
    public void AnAreaWithNoResponses_StillRenders_AndSaysSo()
    {
        var empty = Land with { Index = null, Change = null, Verdict = null, Elements = [], Weakest = [], Units = [], Communes = [] };
        var pdf = SectorReport.Render(empty);
        var english = SectorReport.Render(empty with { Language = ReportLanguage.En, AreaName = new("Đầu tư", "Investment") });

        var text = new PdfText(pdf);
        Assert.Equal(2, text.Count);
        Assert.True(text.Has(1, "Kết quả này không có phiếu hợp lệ nào của lĩnh vực Đất đai"));
        Assert.Equal(["Báo cáo lĩnh vực Đất đai", "1. Chỉ số so với chỉ tiêu"], new PdfFacts(pdf).Bookmarks.Select(b => b.Title));
        Assert.True(new PdfText(english).Has(1, "no valid response in the Investment area"));
    }

    [Fact]
    public void EveryKind_InBothLanguages_IsTheSameBytesEveryTime()
    {
        foreach (var (kind, area, indicator) in SyntheticSectors.All)
        {
            var model = SyntheticSectors.Build(kind, area, indicator, Rendered.EnglishModel);
            Assert.Equal(SectorReport.Render(model), SectorReport.Render(model));
        }
    }

    private static string Squashed(PdfText text) => string.Concat(text.Squashed);
}
