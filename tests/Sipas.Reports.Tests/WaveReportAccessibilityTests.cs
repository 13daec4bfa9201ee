using System.Text;

namespace Sipas.Reports.Tests;

/// <summary>
/// Issue 16 part 4: the wave report as a reader (and a screen reader) expects it: document language, an outline of
/// the sections, tagged headings and text, Vietnam time with the zone named, who asked for the run, fonts embedded.
/// </summary>
public class WaveReportAccessibilityTests
{
    private static readonly Lazy<PdfFacts> vietnamese = new(() => new PdfFacts(Rendered.Vietnamese));
    private static readonly Lazy<PdfFacts> english = new(() => new PdfFacts(Rendered.English));

    [Fact]
    public void Report_StatesItsLanguage_AndIsTagged()
    {
        Assert.Equal("vi", vietnamese.Value.Language);
        Assert.Equal("en", english.Value.Language);
        Assert.True(vietnamese.Value.Marked);
        Assert.True(vietnamese.Value.HasStructureTree);
    }

    [Fact]
    public void Outline_HasTheTitle_TheContents_AndEverySection_OnItsPage()
    {
        var facts = vietnamese.Value;
        var text = Rendered.VietnameseText;
        var top = facts.Bookmarks.Where(b => b.Level == 0).ToList();

        Assert.Equal(["Kết quả đo lường sự hài lòng", "Mục lục", "1. Các chỉ số so với chỉ tiêu", "2. Kết quả theo lĩnh vực",
            "3. Kết quả theo cơ quan", "4. Kết quả theo xã, phường", "5. Kết quả theo yếu tố và tiêu chí",
            "6. Độ tin cậy của thang đo", "7. Phụ lục phương pháp"], top.Select(b => b.Title));
        foreach (var (title, _, page) in facts.Bookmarks)
            Assert.True(text.Has(page - 1, title), $"bookmark {title} points at page {page}, which does not show it");
        Assert.Contains(facts.Bookmarks, b => b is { Level: 1, Title: "Thay đổi so với đợt trước" });
    }

    [Fact]
    public void Outline_IsInEnglish_InTheEnglishReport()
    {
        var top = english.Value.Bookmarks.Where(b => b.Level == 0).Select(b => b.Title).ToList();
        Assert.Contains("Contents", top);
        Assert.All(top.Skip(2), t => Assert.Matches(@"^\d\. [A-Z]", t));
        Assert.DoesNotContain(top, t => t.Contains("Kết quả", StringComparison.Ordinal));
    }

    [Fact]
    public void Tags_MarkEveryHeadingAsAHeading_AndLeaveNoTextUnmarked()
    {
        var facts = vietnamese.Value;
        var h1 = facts.Headings("H1").Select(PdfText.Squash).ToList();
        foreach (var (title, level, _) in facts.Bookmarks.Where(b => b.Level == 0))
            Assert.Contains(PdfText.Squash(title), h1);
        Assert.Contains(PdfText.Squash("Thay đổi so với đợt trước"), facts.Headings("H2").Select(PdfText.Squash));
        Assert.Equal(0, facts.UnmarkedLetters);
        // The body text is there for a screen reader to read, in the order it is printed.
        var body = PdfText.Squash(string.Concat(facts.Tagged.Where(t => t.Tag == "P").Select(t => t.Text)));
        Assert.Contains(PdfText.Squash(Rendered.Model.Agencies[0].Name), body);
        Assert.True(body.IndexOf(PdfText.Squash("Mã tỉnh"), StringComparison.Ordinal)
                    < body.IndexOf(PdfText.Squash("Phiên bản phương pháp"), StringComparison.Ordinal));
    }

    [Fact]
    public void RunningHeaderAndFooter_AreArtifacts_NotRead()
    {
        var footer = new System.Text.RegularExpressions.Regex(@"^(Trang \d+/\d+|Sipas · sipas-method/1)$");
        var read = vietnamese.Value.Tagged.Where(t => footer.IsMatch(t.Text)).ToList();
        Assert.True(read.Count == 0, string.Join(" | ", read));
        var header = $"Tỉnh Nghệ An · {Rendered.Model.Wave.Name.Vi}";
        Assert.True(Rendered.VietnameseText.Has(2, header));
        Assert.DoesNotContain(vietnamese.Value.Tagged, t => PdfText.Squash(t.Text) == PdfText.Squash(header));
    }

    [Fact]
    public void Fonts_AreAllEmbedded()
    {
        Assert.NotEmpty(vietnamese.Value.Fonts);
        Assert.All(vietnamese.Value.Fonts, f => Assert.True(f.Value, $"font {f.Key} is not embedded"));
    }

    [Fact]
    public void Cover_GivesTheTimeInVietnamTime_WithTheZoneNamed_WhateverOffsetItWasStoredWith()
    {
        var utc = Rendered.Model with
        {
            Snapshot = Rendered.Model.Snapshot with { ComputedAt = new DateTimeOffset(2026, 6, 30, 17, 30, 0, TimeSpan.Zero) },
        };
        var vi = new PdfText(WaveReport.Render(utc));
        var en = new PdfText(WaveReport.Render(utc with { Language = ReportLanguage.En }));

        Assert.True(vi.Has(0, "01/07/2026 00:30 (giờ Việt Nam, UTC+7)"));
        Assert.True(en.Has(0, "01/07/2026 00:30 (Vietnam time, UTC+7)"));
        Assert.False(vi.Anywhere("UTC+00"));
    }

    [Fact]
    public void Cover_NamesWhoAskedForTheRun_OrTheSchedule()
    {
        Assert.True(Rendered.VietnameseText.Has(0, "Người yêu cầu " + Rendered.Model.Snapshot.ComputedBy));
        var scheduled = Rendered.Model with { Snapshot = Rendered.Model.Snapshot with { ComputedBy = null } };
        var vi = new PdfText(WaveReport.Render(scheduled));
        var en = new PdfText(WaveReport.Render(scheduled with { Language = ReportLanguage.En }));

        Assert.True(vi.Has(0, "Người yêu cầu lịch tự động"));
        Assert.True(en.Has(0, "Requested by scheduled (automatic)"));
        Assert.False(vi.Anywhere("scheduler"));
    }

    [Fact]
    public void QrPosters_StateTheirLanguage_AndHaveABookmarkEach()
    {
        var posters = QrPosterSamples();
        var facts = new PdfFacts(QrPoster.Render(posters));
        Assert.Equal("vi", facts.Language);
        Assert.Equal(posters.Select(p => $"{p.Code} — {p.ServicePointName}".Normalize(NormalizationForm.FormC)),
            facts.Bookmarks.Select(b => b.Title));
        Assert.Equal(Enumerable.Range(1, posters.Length), facts.Bookmarks.Select(b => b.Page));
    }

    private static ServicePointPoster[] QrPosterSamples() =>
    [
        new("Sở Xây dựng tỉnh Nghệ An", "Bộ phận một cửa – Trung tâm Phục vụ hành chính công tỉnh", "https://sipas.nghean.gov.vn/s/XD-01", "XD-01"),
        new("Sở Xây dựng tỉnh Nghệ An", "Quầy tiếp nhận hồ sơ số 2", "https://sipas.nghean.gov.vn/s/XD-02", "XD-02"),
    ];
}
