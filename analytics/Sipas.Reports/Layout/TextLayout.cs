using SkiaSharp;

namespace Sipas.Reports.Layout;

internal enum Align { Left, Right, Center }

/// <summary>Word wrap and line drawing; every string is normalised to NFC before it is measured or drawn.</summary>
internal static class TextLayout
{
    /// <summary>Greedy word wrap at spaces; a word wider than the line is cut between characters.</summary>
    public static List<string> Wrap(string text, TextStyle style, float width)
    {
        var lines = new List<string>();
        foreach (var paragraph in ReportFonts.Nfc(text).Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (style.Measure(candidate) <= width) { line = candidate; continue; }
                if (line.Length > 0) lines.Add(line);
                line = word;
                while (style.Measure(line) > width && line.Length > 1)
                {
                    var fit = Fit(line, style, width);
                    lines.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            lines.Add(line);
        }
        return lines;
    }

    public static void Draw(SKCanvas canvas, string text, float x, float top, TextStyle style, Align align = Align.Left)
    {
        var nfc = ReportFonts.Nfc(text);
        var skAlign = align switch { Align.Right => SKTextAlign.Right, Align.Center => SKTextAlign.Center, _ => SKTextAlign.Left };
        canvas.DrawText(nfc, x, top + style.Ascent, skAlign, style.Font, style.Paint);
    }

    /// <summary>Draws wrapped text at the cursor, breaking pages between lines.</summary>
    public static void Paragraph(PageBuilder pages, string text, TextStyle style, float indent = 0, float spaceAfter = 6)
    {
        foreach (var line in Wrap(text, style, PageBuilder.ContentWidth - indent))
        {
            pages.EnsureSpace(style.LineHeight);
            Draw(pages.Canvas, line, PageBuilder.Left + indent, pages.Y, style);
            pages.Y += style.LineHeight;
        }
        pages.Y += spaceAfter;
    }

    private static int Fit(string text, TextStyle style, float width)
    {
        var count = 1;
        while (count < text.Length && style.Measure(text[..(count + 1)]) <= width) count++;
        return count;
    }
}
