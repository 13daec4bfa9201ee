using System.Diagnostics;
using SkiaSharp;

namespace Sipas.Reports.Tests;

/// <summary>Pages rendered to PNG by poppler's pdftoppm (as a reader would see them), decoded with SkiaSharp.</summary>
public static class Rasterized
{
    public static string[] Pages(byte[] pdf, int dpi, string name, int? first = null, int? last = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "sipas-reports-tests", name);
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "document.pdf");
        File.WriteAllBytes(file, pdf);
        var arguments = new List<string> { "-png", "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (first is { } f) arguments.AddRange(["-f", f.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (last is { } l) arguments.AddRange(["-l", l.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        arguments.AddRange([file, Path.Combine(directory, "page")]);
        var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
        return Directory.GetFiles(directory, "page-*.png").Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Share of pixels that are clearly not white.</summary>
    public static double InkShare(string png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var ink = 0;
        for (var y = 0; y < bitmap.Height; y++)
        for (var x = 0; x < bitmap.Width; x++)
        {
            var c = bitmap.GetPixel(x, y);
            if (c.Red + c.Green + c.Blue < 3 * 235) ink++;
        }
        return (double)ink / (bitmap.Width * bitmap.Height);
    }
}
