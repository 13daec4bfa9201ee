using SkiaSharp;

namespace Sipas.Reports.Layout;

/// <summary>A font at a size and colour; <see cref="LineHeight"/> is the distance between baselines.</summary>
internal sealed class TextStyle : IDisposable
{
    public TextStyle(SKTypeface face, float size, SKColor color, float leading = 1.35f)
    {
        Font = new SKFont(face, size) { Subpixel = true, LinearMetrics = true, Edging = SKFontEdging.Antialias };
        Paint = new SKPaint { Color = color, IsAntialias = true };
        Size = size;
        LineHeight = size * leading;
    }

    public SKFont Font { get; }
    public SKPaint Paint { get; }
    public float Size { get; }
    public float LineHeight { get; }

    /// <summary>From the top of a line box to the baseline.</summary>
    public float Ascent => (LineHeight - Size) / 2 + Size * 0.92f;

    public float Measure(string text) => Font.MeasureText(text);

    public void Dispose()
    {
        Font.Dispose();
        Paint.Dispose();
    }
}

/// <summary>The styles of one rendering (Skia fonts and paints are not shared across threads).</summary>
internal sealed class Styles : IDisposable
{
    public static readonly SKColor Ink = new(0x1F, 0x29, 0x37);
    public static readonly SKColor Muted = new(0x5B, 0x66, 0x75);
    public static readonly SKColor Accent = new(0x0B, 0x4F, 0x8A);
    public static readonly SKColor Rule = new(0xC9, 0xD1, 0xDB);
    public static readonly SKColor Shade = new(0xF1, 0xF4, 0xF8);
    public static readonly SKColor HeaderFill = new(0xDD, 0xE7, 0xF2);

    public TextStyle Title { get; } = new(ReportFonts.Bold, 26, Accent, 1.25f);
    public TextStyle Subtitle { get; } = new(ReportFonts.Regular, 14, Ink);
    public TextStyle Heading1 { get; } = new(ReportFonts.Bold, 16, Accent);
    public TextStyle Heading2 { get; } = new(ReportFonts.Bold, 12, Ink);
    public TextStyle Body { get; } = new(ReportFonts.Regular, 9.5f, Ink, 1.45f);
    public TextStyle BodyBold { get; } = new(ReportFonts.Bold, 9.5f, Ink, 1.45f);
    public TextStyle Note { get; } = new(ReportFonts.Italic, 8.5f, Muted);
    public TextStyle Cell { get; } = new(ReportFonts.Regular, 8.5f, Ink, 1.3f);
    public TextStyle CellBold { get; } = new(ReportFonts.Bold, 8.5f, Ink, 1.3f);
    public TextStyle Small { get; } = new(ReportFonts.Regular, 8, Muted);

    public SKPaint RulePaint { get; } = new() { Color = Rule, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke, IsAntialias = true };
    public SKPaint ShadePaint { get; } = new() { Color = Shade, Style = SKPaintStyle.Fill };
    public SKPaint HeaderPaint { get; } = new() { Color = HeaderFill, Style = SKPaintStyle.Fill };
    public SKPaint AccentPaint { get; } = new() { Color = Accent, Style = SKPaintStyle.Fill };

    public void Dispose()
    {
        foreach (var style in new[] { Title, Subtitle, Heading1, Heading2, Body, BodyBold, Note, Cell, CellBold, Small })
            style.Dispose();
        RulePaint.Dispose();
        ShadePaint.Dispose();
        HeaderPaint.Dispose();
        AccentPaint.Dispose();
    }
}
