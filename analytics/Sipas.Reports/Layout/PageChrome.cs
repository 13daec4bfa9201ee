using SkiaSharp;

namespace Sipas.Reports.Layout;

/// <summary>The running header and the footer every report page carries (PdfStructure marks both as artifacts).</summary>
internal static class PageChrome
{
    public static void Header(PageBuilder pages, Styles styles, string left, string right)
    {
        TextLayout.Draw(pages.Canvas, left, PageBuilder.Left, 32, styles.Small);
        TextLayout.Draw(pages.Canvas, right, PageBuilder.Right, 32, styles.Small, Align.Right);
        pages.Canvas.DrawLine(PageBuilder.Left, 46, PageBuilder.Right, 46, styles.RulePaint);
    }

    /// <summary>"Sipas · method version" at the left, "Trang i/N" at the right.</summary>
    public static void Footer(SKCanvas canvas, Styles styles, string methodVersion, string page)
    {
        canvas.DrawLine(PageBuilder.Left, PageBuilder.Height - 46, PageBuilder.Right, PageBuilder.Height - 46, styles.RulePaint);
        TextLayout.Draw(canvas, $"Sipas · {methodVersion}", PageBuilder.Left, PageBuilder.Height - 40, styles.Small);
        TextLayout.Draw(canvas, page, PageBuilder.Right, PageBuilder.Height - 40, styles.Small, Align.Right);
    }
}
