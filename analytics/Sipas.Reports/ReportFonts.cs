using System.Text;
using ScottPlot;
using SkiaSharp;

namespace Sipas.Reports;

/// <summary>
/// The three Noto Sans faces shipped inside this assembly (Latin + Vietnamese, SIL OFL 1.1). One SKTypeface per
/// face for the whole process, so a PDF embeds each face once, and ScottPlot resolves "Noto Sans" to the same
/// objects.
/// </summary>
public static class ReportFonts
{
    public const string Family = "Noto Sans";

    public static SKTypeface Regular { get; } = Load("NotoSans-Regular-vi.ttf");
    public static SKTypeface Bold { get; } = Load("NotoSans-Bold-vi.ttf");
    public static SKTypeface Italic { get; } = Load("NotoSans-Italic-vi.ttf");

    private static readonly Lock registration = new();
    private static bool registered;

    /// <summary>Adds the embedded faces to ScottPlot's font resolvers (once per process).</summary>
    public static void RegisterWithScottPlot()
    {
        lock (registration)
        {
            if (registered) return;
            Fonts.FontResolvers.Insert(0, new EmbeddedFontResolver());
            registered = true;
        }
    }

    /// <summary>
    /// The text as drawn everywhere in reports: Unicode normalisation form C, with the few symbols the cut faces
    /// lack (≥ ≤ − ≠ ≈) spelled in ASCII so nothing silently disappears from a page.
    /// </summary>
    public static string Nfc(string text)
    {
        var nfc = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        return nfc.AsSpan().IndexOfAny(Missing) < 0 ? nfc
            : nfc.Replace("≥", ">=").Replace("≤", "<=").Replace("−", "-").Replace("≠", "!=").Replace("≈", "~");
    }

    private static readonly System.Buffers.SearchValues<char> Missing = System.Buffers.SearchValues.Create("≥≤−≠≈");

    private static SKTypeface Load(string file)
    {
        var name = "Sipas.Reports.Fonts." + file;
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"missing embedded font {name}");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        using var data = SKData.CreateCopy(memory.ToArray());
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"unreadable font {name}");
    }

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width)
        {
            if (!string.Equals(fontName, Family, StringComparison.OrdinalIgnoreCase)) return null;
            if (weight >= FontWeight.SemiBold) return Bold;
            return slant == FontSlant.Upright ? Regular : Italic;
        }

        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) =>
            CreateTypeface(fontName, bold ? FontWeight.Bold : FontWeight.Normal,
                italic ? FontSlant.Italic : FontSlant.Upright, FontSpacing.Normal);
    }
}
