using Sipas.Analytics;

namespace Sipas.Reports.Tests;

/// <summary>Issue 14: the methodology annex states exclusions and flagged-kept counts by cause, and each indicator without the flagged responses.</summary>
public class WaveReportIntegrityTests
{
    private static WaveReportModel Model(ReportLanguage language)
    {
        var full = Rendered.Model;
        ReportEstimate Of(double p) => new(700, p, 0.01, new Interval(p - 0.02, p + 0.02), ResultFlags.None);
        var integrity = new ResponseIntegrity(1234, 56,
        [
            new IntegrityCauseCount("burst", new("Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ", "A burst far above the service point's usual hourly rate"), 1200, 3),
            new IntegrityCauseCount("too-fast", new("Trả lời quá nhanh (thời gian do máy chủ đo)", "Answered too fast (time measured by the server)"), 34, 53),
        ],
        [new UnflaggedIndicator("SIPAS", new("Chỉ số hài lòng về sự phục vụ hành chính", "Satisfaction with public administration"), Of(0.8452), Of(0.8611))]);
        var channels = new List<ChannelCount>
        {
            new("paper", new("Phiếu giấy", "Paper form"), 900, 10),
            new("web", new("Trực tuyến (mã QR)", "Online (QR code)"), 500, 20),
            new("web-verified", new("trong đó: đã xác thực (liên kết mời theo hồ sơ)", "of which verified (per-dossier invitation)"), 120, 1, Part: true),
            new("web-unverified", new("trong đó: chưa xác thực", "of which unverified"), 380, 19, Part: true),
        };
        return full with { Methodology = full.Methodology with { Channels = channels, Integrity = integrity }, Language = language };
    }

    [Fact]
    public void MethodPage_StatesExclusionsByCause_FlaggedKept_AndEachIndicatorWithoutTheFlaggedResponses_InVietnamese()
    {
        var pdf = new PdfText(WaveReport.Render(Model(ReportLanguage.Vi)));

        var annex = pdf.Pages.ToList().FindIndex(p => PdfText.Squash(p).Contains(PdfText.Squash("Kiểm soát chất lượng phiếu")));
        Assert.True(annex >= 0);
        Assert.Contains(PdfText.Squash("Phụ lục phương pháp"), string.Concat(pdf.Pages.Take(annex + 1).Select(PdfText.Squash)));
        Assert.True(pdf.Anywhere("1.234 phiếu của các kênh được tính bị giám sát viên loại khỏi kết quả; 56 phiếu có cảnh báo vẫn được tính."));
        Assert.True(pdf.Anywhere("Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ 1.200 3"));
        Assert.True(pdf.Anywhere("Trả lời quá nhanh (thời gian do máy chủ đo) 34 53"));
        Assert.True(pdf.Anywhere("Chỉ số hài lòng về sự phục vụ hành chính 84,52% 86,11%"));
        Assert.True(pdf.Anywhere("Một phiếu có hai cảnh báo được đếm ở cả hai nguyên nhân"));
        // Verified and unverified web ratings apart, as parts of the web row: the total counts the web channel once.
        Assert.True(pdf.Anywhere("trong đó: đã xác thực (liên kết mời theo hồ sơ) 120 1 121"));
        Assert.True(pdf.Anywhere("trong đó: chưa xác thực 380 19 399"));
        Assert.True(pdf.Anywhere("Tổng 1.400 30 1.430"));
    }

    [Fact]
    public void MethodPage_StatesTheSameInEnglish()
    {
        var pdf = new PdfText(WaveReport.Render(Model(ReportLanguage.En)));

        Assert.True(pdf.Anywhere("1,234 responses of the counted channels were excluded from the figures by supervisors; 56 flagged responses are still counted."));
        Assert.True(pdf.Anywhere("A burst far above the service point's usual hourly rate 1,200 3"));
        Assert.True(pdf.Anywhere("Satisfaction with public administration 84.52% 86.11%"));
        Assert.True(pdf.Anywhere("of which unverified 380 19 399"));
        Assert.True(pdf.Anywhere("Total 1,400 30 1,430"));
    }

    [Fact]
    public void ASnapshotWithoutIntegrityCounts_PrintsNoQualityControlSection()
    {
        Assert.Null(Rendered.Model.Methodology.Integrity);
        Assert.False(Rendered.VietnameseText.Anywhere("Kiểm soát chất lượng phiếu"));
    }
}
