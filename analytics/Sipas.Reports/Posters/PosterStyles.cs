using Sipas.Reports.Layout;
using SkiaSharp;

namespace Sipas.Reports.Posters;

internal sealed class PosterStyles : IDisposable
{
    public TextStyle Heading { get; } = new(ReportFonts.Bold, 21, Styles.Accent, 1.2f);
    public TextStyle HeadingEn { get; } = new(ReportFonts.Italic, 12, Styles.Muted);
    public TextStyle Agency { get; } = new(ReportFonts.Bold, 16, Styles.Ink, 1.25f);
    public TextStyle Point { get; } = new(ReportFonts.Regular, 14, Styles.Ink, 1.25f);
    public TextStyle Link { get; } = new(ReportFonts.Bold, 20, Styles.Ink, 1.25f);
    public TextStyle Code { get; } = new(ReportFonts.Bold, 30, Styles.Accent, 1.2f);
    public TextStyle Step { get; } = new(ReportFonts.Regular, 12, Styles.Ink, 1.4f);
    public TextStyle English { get; } = new(ReportFonts.Italic, 9, Styles.Muted, 1.4f);
    public TextStyle Privacy { get; } = new(ReportFonts.Regular, 9, Styles.Muted, 1.4f);
    public SKPaint Band { get; } = new() { Color = Styles.Accent, Style = SKPaintStyle.Fill };

    public void Dispose()
    {
        foreach (var style in new[] { Heading, HeadingEn, Agency, Point, Link, Code, Step, English, Privacy }) style.Dispose();
        Band.Dispose();
    }
}
