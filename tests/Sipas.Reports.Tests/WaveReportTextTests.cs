using System.Text;
using Sipas.Analytics;

namespace Sipas.Reports.Tests;

public class WaveReportTextTests
{
    private static readonly ReportFormat Vi = ReportFormat.Vi;

    [Fact]
    public void Report_VietnameseHeadings_KeepTheirMarks()
    {
        var pdf = Rendered.VietnameseText;

        Assert.True(pdf.Has(0, "Kết quả đo lường sự hài lòng"));
        Assert.True(pdf.Has(0, "TỈNH NGHỆ AN"));
        Assert.True(pdf.Has(1, "Mục lục"));
        foreach (var heading in new[]
        {
            "1. Các chỉ số so với chỉ tiêu", "2. Kết quả theo lĩnh vực", "3. Kết quả theo cơ quan",
            "4. Kết quả theo xã, phường", "5. Kết quả theo yếu tố và tiêu chí", "6. Độ tin cậy của thang đo",
            "7. Phụ lục phương pháp",
        })
        {
            Assert.True(pdf.Has(1, heading), $"contents lack {heading}");
            Assert.True(pdf.Section(heading) > 1, $"no page after the contents has {heading}");
        }
    }

    [Fact]
    public void Report_ExtractedText_IsPrecomposedVietnamese()
    {
        var all = string.Concat(Rendered.VietnameseText.Pages);

        Assert.DoesNotContain(all, c => c is >= '\u0300' and <= '\u036F');
        Assert.True(all.IsNormalized(NormalizationForm.FormC));
        Assert.Contains("Nguyễn Thị Hương", all);
    }

    [Fact]
    public void Report_IndicatorFigures_MatchTheModel()
    {
        var pdf = Rendered.VietnameseText;
        var summary = pdf.Section("1. Các chỉ số so với chỉ tiêu");

        foreach (var indicator in Rendered.Model.Indicators)
        {
            var figures = Vi.Percent(indicator.Estimate.Estimate) + " " + Vi.Interval(indicator.Estimate.Ci);
            Assert.True(pdf.Has(summary, figures), $"{indicator.Code}: {figures}");
        }
        Assert.True(pdf.Has(summary, "93,93% [91,20% – 95,86%] Chưa đạt — trong biên sai số"));
        Assert.True(pdf.Has(summary, "96,12% [95,47% – 96,69%] Đạt — chắc chắn"));
        Assert.True(pdf.Has(summary, "86,85% [83,74% – 89,44%] Đạt — trong biên sai số"));
        Assert.True(pdf.Has(summary, "từ 95,00% trở lên"));
        Assert.True(pdf.Has(summary, "> 85,00%"));
        Assert.True(pdf.Has(summary, "QĐ 4820/QĐ-UBND"));
        Assert.True(pdf.Has(summary, "Chưa có chỉ tiêu"));
    }

    [Fact]
    public void Report_Verdicts_AreTheModelsInWords()
    {
        var pdf = Rendered.VietnameseText;
        var summary = pdf.Section("1. Các chỉ số so với chỉ tiêu");

        foreach (var indicator in Rendered.Model.Indicators.Where(i => i.Verdict is not null))
        {
            var v = indicator.Verdict!.Value;
            var words = $"{(v.Met ? "Đạt" : "Chưa đạt")} — {(v.Certain ? "chắc chắn" : "trong biên sai số")}";
            Assert.True(pdf.Has(summary, Vi.Interval(indicator.Estimate.Ci) + " " + words), $"{indicator.Code}: {words}");
        }
    }

    [Fact]
    public void Report_GroupTables_ListEveryAgencyAndCommuneWithTheirFigures()
    {
        var pdf = Rendered.VietnameseText;
        var model = Rendered.Model;

        foreach (var group in model.Areas.Concat(model.Agencies).Concat(model.Communes))
        {
            var e = group.Estimate;
            var row = $"{group.Code} {group.Name} {Vi.Count(e.NValid)} {Vi.Percent(e.Estimate)} {Vi.Interval(e.Ci)}"
                + (e.Flags.HasFlag(ResultFlags.SmallSample) ? " mẫu nhỏ" : "");
            Assert.True(pdf.Anywhere(row), $"missing row: {row}");
        }
    }

    [Fact]
    public void Report_Breakdown_ShowsEveryElementAndCriterion()
    {
        var pdf = Rendered.VietnameseText;

        foreach (var section in Rendered.Model.Sections)
        {
            var s = section.Estimate;
            Assert.True(pdf.Anywhere($"{section.Code} {Opening(section.Title.Vi)}"), $"missing element {section.Code}");
            Assert.True(pdf.Anywhere($"{Vi.Count(s.NValid)} {Vi.Percent(s.Estimate)} {Vi.Interval(s.Ci)}"), $"missing figures of {section.Code}");
            foreach (var c in section.Criteria)
            {
                var e = c.Estimate;
                Assert.True(pdf.Anywhere($"{c.Code} {Opening(c.Text.Vi)}"), $"missing criterion {c.Code}");
                Assert.True(pdf.Anywhere($"{Vi.Count(e.NValid)} {Vi.Percent(e.Estimate)} {Vi.Interval(e.Ci)} {Vi.Decimal(c.MeanScore, 2)}"),
                    $"missing figures of {c.Code}");
            }
        }
        foreach (var r in Rendered.Model.Reliability)
            Assert.True(pdf.Anywhere($"{Vi.Count(r.NComplete)} {Vi.Decimal(r.Alpha, 3)}"), $"missing alpha of {r.Section}");
    }

    [Fact]
    public void Report_Annex_CountsResponsesByChannel()
    {
        var pdf = Rendered.VietnameseText;
        var annex = pdf.Section("7. Phụ lục phương pháp");

        Assert.True(pdf.Has(annex, "Trực tuyến (mã QR) 2.104 57 2.161"));
        Assert.True(pdf.Has(annex, "Tổng 3.870 104 3.974"));
        Assert.True(pdf.Has(annex, "412 tầng, tổng quy mô 1.284.530"));
        Assert.True(pdf.Has(annex, "mẫu nhỏ: dưới 30 phiếu hợp lệ"));
    }

    [Fact]
    public void Report_Cover_StatesProvenance()
    {
        var pdf = Rendered.VietnameseText;
        var snapshot = Rendered.Model.Snapshot;

        Assert.True(pdf.Has(0, "Mã tỉnh 40"));
        Assert.True(pdf.Has(0, "Thời gian khảo sát 04/05/2026 – 14/06/2026"));
        Assert.True(pdf.Has(0, "Phiên bản phương pháp sipas-method/1"));
        Assert.True(pdf.Has(0, snapshot.DataHash));
        Assert.True(pdf.Has(0, "30/06/2026 17:05 (giờ Việt Nam, UTC+7)"));
    }

    [Fact]
    public void Report_English_HasEnglishHeadingsAndNumbers()
    {
        var pdf = Rendered.EnglishText;

        Assert.True(pdf.Has(0, "Satisfaction measurement results"));
        Assert.True(pdf.Has(1, "Contents"));
        Assert.True(pdf.Anywhere("1. Indicators against targets"));
        Assert.True(pdf.Anywhere("7. Methodology annex"));
        Assert.True(pdf.Anywhere("93.93% [91.20% – 95.86%] Not met — within margin"));
        Assert.True(pdf.Anywhere("at least 95.00%"));
        Assert.True(pdf.Anywhere("Online (QR code) 2,104 57 2,161"));
        Assert.True(pdf.Has(0, $"Page 1 of {pdf.Count}"));
        Assert.False(pdf.Anywhere("Mục lục"));
        Assert.False(pdf.Anywhere("Phụ lục phương pháp"));
    }

    private static string Opening(string text) => string.Join(' ', text.Split(' ').Take(3));
}
