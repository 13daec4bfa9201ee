using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Outline;
using UglyToad.PdfPig.Tokens;

namespace Sipas.Reports.Tests;

/// <summary>
/// What a reader of a PDF relies on beyond its text, read back with PdfPig: the catalog's language, the outline,
/// whether it is tagged, each page's marked content (tag and text) and the letters outside any, and whether every
/// font is embedded.
/// </summary>
public sealed class PdfFacts
{
    public PdfFacts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var catalog = document.Structure.Catalog.CatalogDictionary;
        Language = (At(document, catalog, "Lang") as StringToken)?.Data;
        Marked = At(document, At(document, catalog, "MarkInfo") as DictionaryToken, "Marked") is BooleanToken { Data: true };
        HasStructureTree = At(document, catalog, "StructTreeRoot") is DictionaryToken;
        Bookmarks = document.TryGetBookmarks(out var bookmarks) ? Flatten(bookmarks.Roots).ToList() : [];
        PageCount = document.NumberOfPages;
        foreach (var page in document.GetPages())
        {
            var marks = Leaves(page.GetMarkedContents()).ToList();
            foreach (var mark in marks.Where(m => !m.IsArtifact))
                Tagged.Add(new TaggedText(page.Number, mark.Tag, Text(mark.Letters)));
            UnmarkedLetters += page.Letters.Count - marks.Sum(m => m.Letters.Count);
            foreach (var font in FontsOf(document, page)) fonts[font.Name] = font.Embedded;
        }
    }

    public string? Language { get; }
    public bool Marked { get; }
    public bool HasStructureTree { get; }
    public int PageCount { get; }
    /// <summary>Every bookmark, depth first: title, level (0 = top), 1-based page.</summary>
    public List<(string Title, int Level, int Page)> Bookmarks { get; }
    /// <summary>Every marked-content sequence that is not an artifact, in content order.</summary>
    public List<TaggedText> Tagged { get; } = [];
    /// <summary>Letters drawn outside any marked-content sequence (0 in a fully tagged document).</summary>
    public int UnmarkedLetters { get; }
    private readonly Dictionary<string, bool> fonts = [];
    /// <summary>Each font's base name and whether its program is embedded (FontFile, FontFile2 or FontFile3).</summary>
    public IReadOnlyDictionary<string, bool> Fonts => fonts;

    public IEnumerable<string> Headings(string tag) => Tagged.Where(t => t.Tag == tag).Select(t => t.Text);

    public sealed record TaggedText(int Page, string Tag, string Text);

    private static IEnumerable<(string, int, int)> Flatten(IEnumerable<BookmarkNode> nodes) =>
        nodes.SelectMany(n => new[] { (n.Title.Normalize(NormalizationForm.FormC), n.Level, (n as DocumentBookmarkNode)?.PageNumber ?? 0) }
            .Concat(Flatten(n.Children)));

    private static IEnumerable<MarkedContentElement> Leaves(IEnumerable<MarkedContentElement> marks) =>
        marks.SelectMany(m => m.Children.Count == 0 ? [m] : Leaves(m.Children).Prepend(m));

    private static string Text(IEnumerable<Letter> letters) =>
        string.Concat(letters.Select(l => l.Value)).Normalize(NormalizationForm.FormC);

    /// <summary>The value of <paramref name="key"/> in <paramref name="dictionary"/>, references followed.</summary>
    private static IToken? At(PdfDocument document, DictionaryToken? dictionary, string key)
    {
        if (dictionary is null || !dictionary.Data.TryGetValue(key, out var token)) return null;
        while (token is IndirectReferenceToken r) token = document.Structure.GetObject(r.Data).Data;
        return token;
    }

    private static IEnumerable<(string Name, bool Embedded)> FontsOf(PdfDocument document, Page page)
    {
        IToken? Resolve(IToken? token) => token is IndirectReferenceToken r ? document.Structure.GetObject(r.Data).Data : token;
        DictionaryToken? Get(DictionaryToken? d, string key) => At(document, d, key) as DictionaryToken;
        var resources = Get(Get(page.Dictionary, "Resources"), "Font");
        if (resources is null) yield break;
        foreach (var (_, value) in resources.Data)
        {
            if (Resolve(value) is not DictionaryToken font) continue;
            var name = (At(document, font, "BaseFont") as NameToken)?.Data ?? "?";
            var described = font;
            if (At(document, font, "DescendantFonts") is ArrayToken array)
                described = Resolve(array.Data[0]) as DictionaryToken ?? font;
            var descriptor = Get(described, "FontDescriptor");
            var embedded = descriptor is not null && (descriptor.Data.ContainsKey("FontFile") || descriptor.Data.ContainsKey("FontFile2")
                || descriptor.Data.ContainsKey("FontFile3"));
            yield return (name, embedded);
        }
    }
}
