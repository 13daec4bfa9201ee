using QRCoder;
using SkiaSharp;

namespace Sipas.Reports.Posters;

/// <summary>The QR module matrix of a payload (QRCoder, error correction M, 4-module quiet zone included) and its drawing as vector rectangles.</summary>
internal static class QrModules
{
    public static bool[,] For(string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var rows = data.ModuleMatrix;
        var modules = new bool[rows.Count, rows.Count];
        for (var y = 0; y < rows.Count; y++)
        for (var x = 0; x < rows.Count; x++)
            modules[y, x] = rows[y][x];
        return modules;
    }

    /// <summary>Fills each horizontal run of dark modules as one rectangle of one path, scaled to <paramref name="area"/>.</summary>
    public static void Draw(SKCanvas canvas, bool[,] modules, SKRect area, SKColor color)
    {
        var size = modules.GetLength(0);
        var module = area.Width / size;
        using var path = new SKPath();
        for (var y = 0; y < size; y++)
        {
            var x = 0;
            while (x < size)
            {
                if (!modules[y, x]) { x++; continue; }
                var start = x;
                while (x < size && modules[y, x]) x++;
                path.AddRect(new SKRect(area.Left + start * module, area.Top + y * module,
                    area.Left + x * module, area.Top + (y + 1) * module));
            }
        }
        using var paint = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = false };
        canvas.DrawPath(path, paint);
    }
}
