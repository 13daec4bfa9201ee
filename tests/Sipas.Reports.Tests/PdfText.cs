using System.Text;
using UglyToad.PdfPig;

namespace Sipas.Reports.Tests;

/// <summary>A PDF read back with PdfPig: per page, its words joined by spaces (NFC) and the same without any whitespace.</summary>
public sealed class PdfText
{
    public PdfText(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        Pages = document.GetPages()
            .Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)).Normalize(NormalizationForm.FormC))
            .ToArray();
        Squashed = Pages.Select(Squash).ToArray();
    }

    public string[] Pages { get; }
    public string[] Squashed { get; }
    public int Count => Pages.Length;

    /// <summary>Whether page <paramref name="index"/> (0-based) holds <paramref name="text"/>, ignoring how PdfPig split words.</summary>
    public bool Has(int index, string text) => Squashed[index].Contains(Squash(text), StringComparison.Ordinal);

    public bool Anywhere(string text) => Squashed.Any(p => p.Contains(Squash(text), StringComparison.Ordinal));

    public int FirstPageWith(string text, int from = 0) =>
        Array.FindIndex(Squashed, from, p => p.Contains(Squash(text), StringComparison.Ordinal));

    /// <summary>0-based index of the page where a section starts: the first page after cover and contents with its heading.</summary>
    public int Section(string heading) => FirstPageWith(heading, from: 2);

    public static string Squash(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
            if (!char.IsWhiteSpace(c)) builder.Append(c);
        return builder.ToString();
    }
}
