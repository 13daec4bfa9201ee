using Sipas.Analytics;

namespace Sipas.Reports.Tests;

public class WaveReportEdgeTests
{
    [Fact]
    public void Report_SparseModel_StillRendersEveryFixedPart()
    {
        var full = Rendered.Model;
        var undefined = ReportEstimate.Undefined(0);
        var model = full with
        {
            Indicators = [new IndicatorSummary("SIPAS", new("Chỉ số SIPAS", "SIPAS index"), undefined, null, null, null)],
            Areas = [new GroupRow("LAND", "Đất đai", undefined)],
            Agencies = [],
            Communes = [],
            Sections = [],
            Reliability = [new ReliabilityRow(GroupType.Province, "40", "E1", 2, double.NaN)],
            Methodology = full.Methodology with { FrameUsed = false, FramePopulation = null, Channels = [] },
        };

        var pdf = new PdfText(WaveReport.Render(model));

        Assert.True(pdf.Has(1, "Mục lục"));
        Assert.True(pdf.Anywhere("SIPAS — Chỉ số SIPAS — — — Chưa có chỉ tiêu"));
        Assert.True(pdf.Anywhere("LAND Đất đai 0 — — mẫu nhỏ, không xác định"));
        Assert.True(pdf.Anywhere("Không có khung mẫu"));
        Assert.True(pdf.Anywhere("Phụ lục phương pháp"));
        Assert.False(pdf.Anywhere("Kết quả theo cơ quan"));
        Assert.EndsWith($"Trang {pdf.Count}/{pdf.Count}", pdf.Pages[^1]);
    }

    [Fact]
    public void Report_RenderedInParallel_GivesTheSameBytes()
    {
        var renders = new byte[4][];
        Parallel.For(0, renders.Length, i => renders[i] = WaveReport.Render(Rendered.Model));

        Assert.All(renders, bytes => Assert.Equal(Rendered.Vietnamese, bytes));
    }
}
