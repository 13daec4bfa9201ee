using Sipas.Reports.Bench;

namespace Sipas.Reports.Tests;

/// <summary>The synthetic full province (150 agencies, 130 communes) rendered once per language for all tests.</summary>
public static class Rendered
{
    public static WaveReportModel Model { get; } = SyntheticReport.Build();
    public static WaveReportModel EnglishModel { get; } = Model with { Language = ReportLanguage.En };

    private static readonly Lazy<byte[]> vietnamese = new(() => WaveReport.Render(Model));
    private static readonly Lazy<byte[]> english = new(() => WaveReport.Render(EnglishModel));
    private static readonly Lazy<PdfText> vietnameseText = new(() => new PdfText(Vietnamese));
    private static readonly Lazy<PdfText> englishText = new(() => new PdfText(English));

    public static byte[] Vietnamese => vietnamese.Value;
    public static byte[] English => english.Value;
    public static PdfText VietnameseText => vietnameseText.Value;
    public static PdfText EnglishText => englishText.Value;
}
