using SkiaSharp;

namespace Sipas.Reports.Layout;

/// <summary>Writes recorded pages to a PDF with fixed metadata (no clock), then a footer on every page.</summary>
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
        using var document = SKDocument.CreatePdf(output, metadata);
        for (var i = 0; i < pages.Count; i++)
        {
            var canvas = document.BeginPage(PageBuilder.Width, PageBuilder.Height);
            canvas.DrawPicture(pages[i]);
            footer(canvas, i + 1, pages.Count);
            document.EndPage();
        }
        document.Close();
    }
}

/// <param name="Created">Creation and modification date; null writes none.</param>
internal sealed record PdfInfo(string Title, string Author, string Subject, DateTimeOffset? Created);
