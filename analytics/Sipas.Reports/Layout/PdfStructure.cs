using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Sipas.Reports.Layout;

/// <summary>
/// A heading of a document: a bookmark of the outline (when <paramref name="Bookmark"/>) and an H1/H2 element of the
/// structure tree. <paramref name="Page"/> is 0-based; <paramref name="Top"/> and <paramref name="Height"/> are the
/// heading's line box in points from the top of the page.
/// </summary>
internal sealed record PdfHeading(string Title, int Level, int Page, float Top, float Height, bool Bookmark = true);

/// <summary>
/// What SkiaSharp's PDF back end cannot write (its <c>SKDocumentPdfMetadata</c> has no language, outline or structure
/// tree), added to the PDF it wrote: the catalog's <c>/Lang</c>, an outline of the headings, and a tagged structure
/// (<c>/MarkInfo</c>, <c>/StructTreeRoot</c>): every text object of a page is wrapped in a marked-content sequence,
/// <c>/H1</c> or <c>/H2</c> where it draws a heading, <c>/Artifact</c> in the running header and footer bands, else
/// <c>/P</c>, and listed in reading order under one <c>/Document</c> element. Graphics (rules, bars, charts' shapes)
/// stay unmarked. The file is rewritten whole (one revision, one cross-reference table), so the same input gives the
/// same bytes. It relies on the shape Skia writes: a classic cross-reference table, one Flate content stream a page,
/// one operator a line.
/// </summary>
internal static partial class PdfStructure
{
    /// <summary>Text whose baseline lies this close to the top or bottom edge is the running header or footer.</summary>
    public const float Band = 50;

    public static byte[] Apply(byte[] pdf, string language, IReadOnlyList<PdfHeading> headings, float pageHeight)
    {
        var file = new PdfFile(pdf);
        var catalogNumber = file.Root;
        var pages = file.Pages();
        var next = file.Size;
        var replaced = new Dictionary<int, byte[]>();

        var root = next++;
        var document = next++;
        var parentTree = next++;
        var elements = new List<(int Number, string Type, int Page, List<int> Mcids)>();
        var parents = new List<List<int>>();
        for (var p = 0; p < pages.Count; p++)
        {
            var pageHeadings = headings.Where(h => h.Page == p).ToList();
            var mcids = new List<int>();
            var content = file.Content(pages[p].Contents);
            var tagged = Tag(content, pageHeight, block =>
            {
                if (block.Artifact) return null;
                var heading = block.Baseline is { } y
                    ? pageHeadings.FirstOrDefault(h => y >= h.Top && y <= h.Top + h.Height) : null;
                var type = heading is null ? "P" : heading.Level <= 1 ? "H1" : "H2";
                var mcid = mcids.Count;
                // The lines of one heading are one element, and so are the text objects of one line (a table row).
                var sameLine = heading is null && block.Baseline is { } b && block.PreviousBaseline is { } a && Math.Abs(a - b) < 0.5f;
                if (elements.Count > 0 && elements[^1] is var last && last.Page == p && last.Type == type
                    && (heading is not null ? block.Continues == heading : sameLine))
                    last.Mcids.Add(mcid);
                else
                    elements.Add((next++, type, p, [mcid]));
                mcids.Add(elements[^1].Number);
                return (type, mcid, heading);
            });
            replaced[pages[p].Contents] = Stream(pages[p].Contents, tagged);
            var dictionary = StructParents().Replace(file.Text(pages[p].Number), "");
            replaced[pages[p].Number] = Latin1($"{pages[p].Number} 0 obj\n{Close(dictionary, $"/StructParents {p}\n/Tabs /S")}\nendobj\n");
            parents.Add(mcids);
        }

        var added = new List<string>
        {
            $"<</Type /StructTreeRoot\n/K {document} 0 R\n/ParentTree {parentTree} 0 R\n/ParentTreeNextKey {pages.Count}>>",
            $"<</Type /StructElem\n/S /Document\n/P {root} 0 R\n/K [{string.Join(' ', elements.Select(e => $"{e.Number} 0 R"))}]>>",
            "<</Nums [" + string.Join('\n', parents.Select((refs, p) => $"{p} [{string.Join(' ', refs.Select(r => $"{r} 0 R"))}]")) + "]>>",
        };
        foreach (var e in elements)
        {
            var k = e.Mcids.Count == 1 ? e.Mcids[0].ToString(CultureInfo.InvariantCulture) : $"[{string.Join(' ', e.Mcids)}]";
            added.Add($"<</S /{e.Type} /P {document} 0 R /Pg {pages[e.Page].Number} 0 R /K {k}>>");
        }

        var outline = Outline(headings.Where(h => h.Bookmark).ToList(), next, pages, pageHeight);
        var outlineRoot = outline.Count > 0 ? next : (int?)null;
        added.AddRange(outline);

        var catalog = file.Text(catalogNumber);
        var entries = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"/Lang {LiteralString(language)}\n/MarkInfo <</Marked true>>\n")
            .Append(CultureInfo.InvariantCulture, $"/StructTreeRoot {root} 0 R\n/ViewerPreferences <</DisplayDocTitle true>>");
        if (outlineRoot is { } o) entries.Append(CultureInfo.InvariantCulture, $"\n/Outlines {o} 0 R\n/PageMode /UseOutlines");
        replaced[catalogNumber] = Latin1($"{catalogNumber} 0 obj\n{Close(catalog, entries.ToString())}\nendobj\n");

        return file.Write(replaced, added.Select((text, i) => Latin1($"{file.Size + i} 0 obj\n{text}\nendobj\n")).ToList());
    }

    /// <summary>A text object of a content stream: where its first line sits, and whether it lies in the header or footer bands.</summary>
    private sealed record Block(float? Baseline, bool Artifact, PdfHeading? Continues, float? PreviousBaseline);

    /// <summary>
    /// Wraps each <c>BT … ET</c> of <paramref name="content"/> in a marked-content sequence: <c>/Artifact</c>, or the
    /// type and MCID <paramref name="mark"/> gives (null: an artifact). Tracks the transformation matrix (q, Q, cm)
    /// so a baseline is measured on the page whatever a chart translated.
    /// </summary>
    private static string Tag(string content, float pageHeight, Func<Block, (string Type, int Mcid, PdfHeading? Heading)?> mark)
    {
        var output = new StringBuilder(content.Length + content.Length / 8);
        var stack = new Stack<double[]>();
        double[] ctm = [1, 0, 0, 1, 0, 0];
        var lines = content.Split('\n');
        PdfHeading? previous = null;
        float? previousBaseline = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line == "q") stack.Push(ctm);
            else if (line == "Q" && stack.Count > 0) ctm = stack.Pop();
            else if (line.EndsWith(" cm", StringComparison.Ordinal) && Numbers(line, 6) is { } m) ctm = Multiply(m, ctm);
            if (line != "BT")
            {
                if (i < lines.Length - 1 || line.Length > 0) output.Append(line).Append('\n');
                continue;
            }
            var end = Array.IndexOf(lines, "ET", i);
            if (end < 0) throw new InvalidDataException("A text object has no end (ET).");
            float? baseline = null;
            for (var j = i + 1; j < end && baseline is null; j++)
                if (lines[j].EndsWith(" Tm", StringComparison.Ordinal) && Numbers(lines[j], 6) is { } tm)
                    baseline = (float)(pageHeight - (ctm[1] * tm[4] + ctm[3] * tm[5] + ctm[5]));
            var artifact = baseline is { } b && (b < Band || b > pageHeight - Band);
            var tag = mark(new Block(baseline, artifact, previous, previousBaseline));
            previous = tag?.Heading;
            previousBaseline = tag is null ? null : baseline;
            output.Append(tag is { } t ? $"/{t.Type} <</MCID {t.Mcid}>> BDC\n" : "/Artifact BMC\n");
            for (var j = i; j <= end; j++) output.Append(lines[j]).Append('\n');
            output.Append("EMC\n");
            i = end;
        }
        return output.ToString();
    }

    /// <summary>The outline objects, numbered from <paramref name="first"/> (the outline root first); none without headings.</summary>
    private static List<string> Outline(List<PdfHeading> headings, int first, IReadOnlyList<PdfPage> pages, float pageHeight)
    {
        if (headings.Count == 0) return [];
        var numbers = headings.Select((_, i) => first + 1 + i).ToArray();
        var parent = new int[headings.Count];
        var stack = new Stack<int>();
        for (var i = 0; i < headings.Count; i++)
        {
            while (stack.Count > 0 && headings[stack.Peek()].Level >= headings[i].Level) stack.Pop();
            parent[i] = stack.Count > 0 ? stack.Peek() : -1;
            stack.Push(i);
        }
        List<int> Children(int p) => Enumerable.Range(0, headings.Count).Where(i => parent[i] == p).ToList();
        int Descendants(int p) => Children(p).Sum(c => 1 + Descendants(c));

        var top = Children(-1);
        var objects = new List<string> { $"<</Type /Outlines\n/First {numbers[top[0]]} 0 R\n/Last {numbers[top[^1]]} 0 R\n/Count {headings.Count}>>" };
        for (var i = 0; i < headings.Count; i++)
        {
            var h = headings[i];
            var siblings = Children(parent[i]);
            var at = siblings.IndexOf(i);
            var children = Children(i);
            var text = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"<</Title {TextString(h.Title)}\n/Parent {(parent[i] < 0 ? first : numbers[parent[i]])} 0 R")
                .Append(CultureInfo.InvariantCulture, $"\n/Dest [{pages[h.Page].Number} 0 R /XYZ 0 {Math.Round(pageHeight - h.Top + 6)} null]");
            if (at > 0) text.Append(CultureInfo.InvariantCulture, $"\n/Prev {numbers[siblings[at - 1]]} 0 R");
            if (at < siblings.Count - 1) text.Append(CultureInfo.InvariantCulture, $"\n/Next {numbers[siblings[at + 1]]} 0 R");
            if (children.Count > 0)
                text.Append(CultureInfo.InvariantCulture,
                    $"\n/First {numbers[children[0]]} 0 R\n/Last {numbers[children[^1]]} 0 R\n/Count {Descendants(i)}");
            objects.Add(text.Append(">>").ToString());
        }
        return objects;
    }

    /// <summary>A text string as UTF-16BE with its byte-order mark, in hex (any script, any character).</summary>
    private static string TextString(string text) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(ReportFonts.Nfc(text))) + ">";

    private static string LiteralString(string ascii) => "(" + ascii.Replace("\\", "\\\\").Replace("(", "\\(").Replace(")", "\\)") + ")";

    private static byte[] Stream(int number, string content)
    {
        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(Latin1(content));
        var data = packed.ToArray();
        return [.. Latin1($"{number} 0 obj\n<</Filter /FlateDecode\n/Length {data.Length}>> stream\n"), .. data, .. Latin1("\nendstream\nendobj\n")];
    }

    /// <summary>The object's dictionary (from <c>&lt;&lt;</c> to its last <c>&gt;&gt;</c>) with <paramref name="entries"/> added.</summary>
    private static string Close(string objectText, string entries)
    {
        var start = objectText.IndexOf("<<", StringComparison.Ordinal);
        var end = objectText.LastIndexOf(">>", StringComparison.Ordinal);
        return objectText[start..end] + "\n" + entries + ">>";
    }

    private static double[]? Numbers(string line, int count)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != count + 1) return null;
        var values = new double[count];
        for (var i = 0; i < count; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])) return null;
        return values;
    }

    /// <summary>m × ctm, the new transformation matrix after <c>m cm</c>.</summary>
    private static double[] Multiply(double[] m, double[] c) =>
    [
        m[0] * c[0] + m[1] * c[2], m[0] * c[1] + m[1] * c[3],
        m[2] * c[0] + m[3] * c[2], m[2] * c[1] + m[3] * c[3],
        m[4] * c[0] + m[5] * c[2] + c[4], m[4] * c[1] + m[5] * c[3] + c[5],
    ];

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    [GeneratedRegex(@"\n?/StructParents \d+")]
    private static partial Regex StructParents();
}
