using Sipas.Reports.Layout;
using Sipas.Reports.Posters;
using SkiaSharp;

namespace Sipas.Reports;

/// <summary>
/// A4 posters for service points: a large vector QR code of the short link, the link and the code in large type,
/// and how to take part in Vietnamese with English below. One poster per page.
/// </summary>
public static class QrPoster
{
    internal static readonly SKRect QrArea = new((PageBuilder.Width - 300) / 2, 230, (PageBuilder.Width + 300) / 2, 530);

    public static void Render(ServicePointPoster poster, Stream output) => Render([poster], output);

    /// <summary>One PDF with one page per poster, e.g. all service points of an agency.</summary>
    public static void Render(IEnumerable<ServicePointPoster> posters, Stream output)
    {
        ArgumentNullException.ThrowIfNull(posters);
        ArgumentNullException.ThrowIfNull(output);
        using var styles = new PosterStyles();
        using var pages = new PageBuilder();
        var list = posters.ToArray();
        if (list.Length == 0) throw new ArgumentException("no poster to render", nameof(posters));
        foreach (var poster in list) Draw(pages, styles, poster);
        var title = list.Length == 1 ? $"{list[0].Code} — {list[0].ServicePointName}" : list[0].AgencyName;
        PdfOutput.Write(output, pages.Finish(), 
            new PdfInfo($"Sipas — {title}", "Sipas", PosterTexts.Heading, null, "vi",
                list.Select((p, i) => new PdfHeading($"{p.Code} — {p.ServicePointName}", 1, i, 0, 0)).ToList()),
            (_, _, _) => { });
    }

    public static byte[] Render(IEnumerable<ServicePointPoster> posters)
    {
        using var buffer = new MemoryStream();
        Render(posters, buffer);
        return buffer.ToArray();
    }

    private static void Draw(PageBuilder pages, PosterStyles styles, ServicePointPoster poster)
    {
        pages.NewPage();
        var canvas = pages.Canvas;
        canvas.DrawRect(0, 0, PageBuilder.Width, 18, styles.Band);
        pages.Y = 52;
        Centered(pages, PosterTexts.Heading, styles.Heading, 2);
        Centered(pages, PosterTexts.HeadingEn, styles.HeadingEn, 14);
        Centered(pages, poster.AgencyName, styles.Agency, 2);
        Centered(pages, poster.ServicePointName, styles.Point, 0);

        using var frame = new SKPaint { Color = Styles.Rule, Style = SKPaintStyle.Stroke, StrokeWidth = 1, IsAntialias = true };
        var border = QrArea;
        border.Inflate(6, 6);
        canvas.DrawRoundRect(border, 8, 8, frame);
        QrModules.Draw(canvas, QrModules.For(poster.ShortLink), QrArea, SKColors.Black);

        pages.Y = QrArea.Bottom + 22;
        Centered(pages, poster.ShortLink, styles.Link, 6);
        Centered(pages, $"{PosterTexts.CodeLabel}: {poster.Code}", styles.Code, 16);
        for (var i = 0; i < PosterTexts.Steps.Length; i++)
            Centered(pages, $"{i + 1}. {PosterTexts.Steps[i]}", styles.Step, 2);
        pages.Y += 10;
        Centered(pages, PosterTexts.English, styles.English, 0);
        Centered(pages, PosterTexts.Privacy, styles.Privacy, 0);
        canvas.DrawRect(0, PageBuilder.Height - 18, PageBuilder.Width, 18, styles.Band);
    }

    private static void Centered(PageBuilder pages, string text, TextStyle style, float spaceAfter)
    {
        foreach (var line in TextLayout.Wrap(text, style, PageBuilder.ContentWidth))
        {
            TextLayout.Draw(pages.Canvas, line, PageBuilder.Width / 2, pages.Y, style, Align.Center);
            pages.Y += style.LineHeight;
        }
        pages.Y += spaceAfter;
    }
}
