using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Sipas.Reports.Layout;

/// <summary>A page object of a <see cref="PdfFile"/> and its content stream's object number.</summary>
internal sealed record PdfPage(int Number, int Contents);

/// <summary>
/// The objects of a PDF as SkiaSharp writes it (one revision, a classic cross-reference table, objects one after
/// another): each object's bytes, the catalog, the pages in order, a page's decoded content; and the file written
/// again with some objects replaced and others added. Not a general PDF reader.
/// </summary>
internal sealed partial class PdfFile
{
    private readonly byte[] bytes;
    private readonly long[] offsets;
    private readonly long[] ends;
    private readonly int xref;
    private readonly string trailer;

    public PdfFile(byte[] pdf)
    {
        bytes = pdf;
        var text = Encoding.Latin1.GetString(pdf);
        var startxref = text.LastIndexOf("startxref", StringComparison.Ordinal);
        xref = int.Parse(text.AsSpan(startxref + 9).Trim().ToString().Split('\n')[0], CultureInfo.InvariantCulture);
        var trailerAt = text.IndexOf("trailer", xref, StringComparison.Ordinal);
        trailer = text[trailerAt..startxref];
        Size = Reference(trailer, "Size", reference: false);
        Root = Reference(trailer, "Root");
        offsets = new long[Size];
        var lines = text[xref..trailerAt].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 1; i < lines.Length;)
        {
            var head = lines[i++].Split(' ');
            var (start, count) = (int.Parse(head[0], CultureInfo.InvariantCulture), int.Parse(head[1], CultureInfo.InvariantCulture));
            for (var k = 0; k < count; k++, i++)
                if (lines[i].EndsWith('n')) offsets[start + k] = long.Parse(lines[i][..10], CultureInfo.InvariantCulture);
        }
        ends = new long[Size];
        var order = Enumerable.Range(0, Size).Where(n => offsets[n] > 0).OrderBy(n => offsets[n]).ToArray();
        for (var i = 0; i < order.Length; i++) ends[order[i]] = i + 1 < order.Length ? offsets[order[i + 1]] : xref;
    }

    /// <summary>One more than the highest object number.</summary>
    public int Size { get; }
    public int Root { get; }

    /// <summary>The bytes of object <paramref name="number"/>, from "n 0 obj" to the next object (or the cross-reference table).</summary>
    public ReadOnlySpan<byte> Object(int number)
    {
        var start = offsets[number];
        return bytes.AsSpan((int)start, (int)(ends[number] - start));
    }

    /// <summary>An object's text up to its stream data, if any.</summary>
    public string Text(int number)
    {
        var text = Encoding.Latin1.GetString(Object(number));
        var stream = text.IndexOf("stream\n", StringComparison.Ordinal);
        return stream < 0 ? text : text[..stream];
    }

    /// <summary>The pages in order, walking the page tree from the catalog.</summary>
    public List<PdfPage> Pages()
    {
        var pages = new List<PdfPage>();
        void Walk(int node)
        {
            var text = Text(node);
            if (PagesType().IsMatch(text))
                foreach (Match kid in Kid().Matches(Kids().Match(text).Groups[1].Value))
                    Walk(int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture));
            else
                pages.Add(new PdfPage(node, Reference(text, "Contents")));
        }
        Walk(Reference(Text(Root), "Pages"));
        return pages;
    }

    /// <summary>The decoded (inflated) content stream of object <paramref name="number"/>, as Latin-1 text.</summary>
    public string Content(int number)
    {
        var text = Text(number);
        if (!text.Contains("/FlateDecode", StringComparison.Ordinal))
            throw new InvalidDataException($"Content stream {number} is not Flate-encoded.");
        var length = Reference(text, "Length", reference: false);
        var data = Object(number).Slice(text.Length + "stream\n".Length, length).ToArray();
        using var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress);
        using var inflated = new MemoryStream();
        zlib.CopyTo(inflated);
        return Encoding.Latin1.GetString(inflated.ToArray());
    }

    /// <summary>The file again: every object in its place (or its replacement), then the added objects, numbered from <see cref="Size"/>.</summary>
    public byte[] Write(IReadOnlyDictionary<int, byte[]> replaced, IReadOnlyList<byte[]> added)
    {
        var output = new MemoryStream(bytes.Length + bytes.Length / 4);
        var header = Encoding.Latin1.GetBytes("%PDF-1.7\n");
        output.Write(header);
        var firstObject = (int)offsets.Where(o => o > 0).Min();
        output.Write(bytes.AsSpan(header.Length, firstObject - header.Length));
        var size = Size + added.Count;
        var at = new long[size];
        foreach (var number in Enumerable.Range(1, Size - 1).Where(n => offsets[n] > 0).OrderBy(n => offsets[n]))
        {
            at[number] = output.Position;
            output.Write(replaced.TryGetValue(number, out var replacement) ? replacement : Object(number));
        }
        for (var i = 0; i < added.Count; i++)
        {
            at[Size + i] = output.Position;
            output.Write(added[i]);
        }
        var table = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {size}\n0000000000 65535 f \n");
        for (var n = 1; n < size; n++)
            table.Append(at[n] > 0 ? $"{at[n]:0000000000} 00000 n \n" : "0000000000 65535 f \n");
        var xrefAt = output.Position;
        var info = InfoEntry().Match(trailer);
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size}\n/Root {Root} 0 R{(info.Success ? "\n" + info.Value : "")}>>\n");
        table.Append(CultureInfo.InvariantCulture, $"startxref\n{xrefAt}\n%%EOF\n");
        output.Write(Encoding.Latin1.GetBytes(table.ToString()));
        return output.ToArray();
    }

    private static int Reference(string dictionary, string key, bool reference = true)
    {
        var match = Regex.Match(dictionary, $@"/{key}\s+(\d+){(reference ? @"\s+0\s+R" : @"(?![\d.])")}");
        if (!match.Success) throw new InvalidDataException($"No /{key} in {dictionary[..Math.Min(80, dictionary.Length)]}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"/Type\s*/Pages\b")]
    private static partial Regex PagesType();

    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")]
    private static partial Regex Kids();

    [GeneratedRegex(@"(\d+)\s+0\s+R")]
    private static partial Regex Kid();

    [GeneratedRegex(@"/Info\s+\d+\s+0\s+R")]
    private static partial Regex InfoEntry();
}
