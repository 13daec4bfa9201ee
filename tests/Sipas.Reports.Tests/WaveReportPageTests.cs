using System.Text.RegularExpressions;
using UglyToad.PdfPig;

namespace Sipas.Reports.Tests;

public partial class WaveReportPageTests
{
    [Fact]
    public void Report_Contents_PointToTheRightPages()
    {
        var pdf = Rendered.VietnameseText;
        var entries = ContentsEntry().Matches(pdf.Pages[1]);

        Assert.Equal(7, entries.Count);
        foreach (Match entry in entries)
        {
            var page = int.Parse(entry.Groups["page"].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(page, 3, pdf.Count);
            Assert.True(pdf.Has(page - 1, entry.Groups["title"].Value), $"page {page} lacks {entry.Groups["title"].Value}");
            Assert.False(pdf.Has(page - 2, entry.Groups["title"].Value) && page - 2 > 1);
        }
        var last = int.Parse(entries[^1].Groups["page"].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(pdf.Count, last);
    }

    [Fact]
    public void Report_EveryPage_IsNumberedOutOfTheTotal()
    {
        var pdf = Rendered.VietnameseText;

        Assert.InRange(pdf.Count, 15, 30);
        for (var i = 0; i < pdf.Count; i++)
            Assert.EndsWith($"Trang {i + 1}/{pdf.Count}", pdf.Pages[i]);
    }

    [Fact]
    public void Report_LongTables_RepeatTheirHeaderOnEveryPage()
    {
        var pdf = Rendered.VietnameseText;
        var first = pdf.Section("3. Kết quả theo cơ quan");
        var next = pdf.Section("4. Kết quả theo xã, phường");

        Assert.True(next - first >= 3, "150 agencies should take several pages");
        for (var page = first; page < next; page++)
            Assert.True(pdf.Has(page, "Mã Cơ quan n Ước"), $"page {page + 1} has no header row");
    }

    [Fact]
    public void Report_Charts_AreVectorsWithTheirLabels()
    {
        using var document = PdfDocument.Open(Rendered.Vietnamese);
        var pdf = Rendered.VietnameseText;
        var summary = pdf.Section("1. Các chỉ số so với chỉ tiêu");
        var areas = pdf.Section("2. Kết quả theo lĩnh vực");

        Assert.All(document.GetPages(), page => Assert.Equal(0, page.NumberOfImages));
        Assert.True(document.GetPage(summary + 1).Paths.Count > 40, "summary chart paths");
        Assert.True(document.GetPage(areas + 1).Paths.Count > 30, "area chart paths");
        Assert.True(pdf.Has(summary, "Ước lượng, khoảng tin cậy 95% và chỉ tiêu (%) SIPAS 93,93% TTHC 96,12%"));
        foreach (var area in Rendered.Model.Areas)
            Assert.Equal(2, Occurrences(pdf.Pages[areas], area.Name));
    }

    [Fact]
    public void Report_EmbedsEachFontFaceOnce()
    {
        var raw = System.Text.Encoding.Latin1.GetString(Rendered.Vietnamese);

        Assert.Equal(3, Regex.Matches(raw, "/FontFile2").Count);
        Assert.InRange(Rendered.Vietnamese.Length, 50_000, 3 * 1024 * 1024);
    }

    [Fact]
    public void Report_SameModel_GivesTheSameBytes()
    {
        var first = WaveReport.Render(Rendered.Model);
        var second = WaveReport.Render(Rendered.Model with { });

        Assert.Equal(first, second);
        Assert.Equal(first, Rendered.Vietnamese);
        Assert.NotEqual(first, Rendered.English);
    }

    [Fact]
    public void Report_RenderedPages_AreNotBlank()
    {
        var pngs = Rasterized.Pages(Rendered.Vietnamese, 60, "report-vi");

        Assert.Equal(Rendered.VietnameseText.Count, pngs.Length);
        foreach (var png in pngs)
            Assert.True(Rasterized.InkShare(png) > 0.01, $"{Path.GetFileName(png)} looks blank");
    }

    private static int Occurrences(string text, string word) => Regex.Matches(text, Regex.Escape(word)).Count;

    [GeneratedRegex(@"(?<title>\d\. [^\d]+?) (?<page>\d+)(?= |$)")]
    private static partial Regex ContentsEntry();
}
