using QRCoder;
using Sipas.Reports.Posters;
using SkiaSharp;
using UglyToad.PdfPig;

namespace Sipas.Reports.Tests;

public class QrPosterTests
{
    private static readonly ServicePointPoster Poster = new("Sở Xây dựng tỉnh Nghệ An",
        "Bộ phận một cửa – Trung tâm Phục vụ hành chính công tỉnh", "https://sipas.nghean.gov.vn/s/XD-01", "XD-01");

    [Fact]
    public void Poster_Text_HasLinkCodeAndInstructions()
    {
        var pdf = new PdfText(QrPoster.Render([Poster]));

        Assert.Equal(1, pdf.Count);
        Assert.True(pdf.Has(0, "https://sipas.nghean.gov.vn/s/XD-01"));
        Assert.True(pdf.Has(0, "Mã điểm phục vụ: XD-01"));
        Assert.True(pdf.Has(0, "Sở Xây dựng tỉnh Nghệ An"));
        Assert.True(pdf.Has(0, "quét mã QR"));
        Assert.True(pdf.Has(0, "Scan the QR code with your phone camera"));
    }

    [Fact]
    public void Poster_DrawnModules_EqualQRCodersMatrix()
    {
        var expected = Reference(Poster.ShortLink);
        var size = expected.Count;
        const int pixels = 8;
        using var bitmap = new SKBitmap(size * pixels, size * pixels);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            QrModules.Draw(canvas, QrModules.For(Poster.ShortLink), new SKRect(0, 0, size * pixels, size * pixels), SKColors.Black);
        }

        for (var y = 0; y < size; y++)
        for (var x = 0; x < size; x++)
            Assert.Equal(expected[y][x], bitmap.GetPixel(x * pixels + pixels / 2, y * pixels + pixels / 2).Red < 128);
    }

    [Fact]
    public void Poster_PrintedPage_CarriesTheSameMatrix()
    {
        var expected = Reference(Poster.ShortLink);
        var png = Assert.Single(Rasterized.Pages(QrPoster.Render([Poster]), 144, "poster-qr"));
        using var bitmap = SKBitmap.Decode(png);
        var scale = 144 / 72.0;
        var area = QrPoster.QrArea;
        var module = area.Width / expected.Count;

        for (var y = 0; y < expected.Count; y++)
        for (var x = 0; x < expected.Count; x++)
        {
            var px = (int)((area.Left + (x + 0.5) * module) * scale);
            var py = (int)((area.Top + (y + 0.5) * module) * scale);
            Assert.Equal(expected[y][x], bitmap.GetPixel(px, py).Red < 128);
        }
    }

    [Fact]
    public void Poster_QrCode_IsVectorNotBitmap()
    {
        using var document = PdfDocument.Open(QrPoster.Render([Poster]));
        var page = document.GetPage(1);

        Assert.Equal(0, page.NumberOfImages);
        Assert.NotEmpty(page.Paths);
    }

    [Fact]
    public void Posters_ForAnAgency_OnePagePerServicePoint()
    {
        var posters = Enumerable.Range(1, 5).Select(i => Poster with
        {
            ServicePointName = $"Điểm phục vụ số {i}", ShortLink = $"https://sipas.nghean.gov.vn/s/XD-{i:00}", Code = $"XD-{i:00}",
        }).ToArray();

        var pdf = new PdfText(QrPoster.Render(posters));

        Assert.Equal(5, pdf.Count);
        for (var i = 0; i < 5; i++)
        {
            Assert.True(pdf.Has(i, posters[i].ShortLink));
            Assert.True(pdf.Has(i, $"Mã điểm phục vụ: {posters[i].Code}"));
        }
    }

    [Fact]
    public void Poster_SameInput_SameBytes() =>
        Assert.Equal(QrPoster.Render([Poster]), QrPoster.Render([Poster with { }]));

    [Fact]
    public void Poster_NoServicePoint_IsRejected() =>
        Assert.Throws<ArgumentException>(() => QrPoster.Render([]));

    private static List<System.Collections.BitArray> Reference(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix;
    }
}
