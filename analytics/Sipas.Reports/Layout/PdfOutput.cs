using SkiaSharp;

namespace Sipas.Reports.Layout;

/// <summary>
/// Writes recorded pages to a PDF with fixed metadata (no clock), then a footer on every page, and adds what Skia
/// cannot write (<see cref="PdfStructure"/>): the document language, the outline of the headings and the tags.
/// </summary>
internal static class PdfOutput
{
    public static void Write(Stream output, IReadOnlyList<SKPicture> pages, PdfInfo info, Action<SKCanvas, int, int> footer)
    {
        var created = info.Created?.UtcDateTime;
        var metadata = new SKDocumentPdfMetadata(SKDocument.DefaultRasterDpi)
        {
            Title = ReportFonts.Nfc(info.Title),
            Author = ReportFonts.Nfc(info.Author),
            Subject = ReportFonts.Nfc(info.Subject),
            Creator = "Sipas",
            Producer = "Sipas.Reports (SkiaSharp)",
            Creation = created,
            Modified = created,
        };
        using var skia = new MemoryStream();
        using (var document = SKDocument.CreatePdf(skia, metadata))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var canvas = document.BeginPage(PageBuilder.Width, PageBuilder.Height);
                canvas.DrawPicture(pages[i]);
                footer(canvas, i + 1, pages.Count);
                document.EndPage();
            }
            document.Close();
        }
        output.Write(PdfStructure.Apply(skia.ToArray(), info.Language, info.Headings, PageBuilder.Height));
    }
}

/// <param name="Created">Creation and modification date; null writes none.</param>
/// <param name="Language">The document language (BCP 47: "vi", "en").</param>
/// <param name="Headings">The headings in reading order, pages counted in the document.</param>
internal sealed record PdfInfo(string Title, string Author, string Subject, DateTimeOffset? Created, string Language,
    IReadOnlyList<PdfHeading> Headings);
