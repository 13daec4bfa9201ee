using System.Text;

namespace Sipas.Analytics;

/// <summary>
/// A growing list of distinct codes (agencies, areas, strata…) and their dense indexes 0..Count−1, in order of
/// first appearance. Codes are stored in Unicode NFC; a code that arrives in another normal form maps to the
/// same index as its NFC form.
/// </summary>
public sealed class CodeTable
{
    private readonly List<string> codes = [];
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> spanIndex;

    /// <summary>Creates an empty table.</summary>
    public CodeTable() => spanIndex = index.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Creates a table holding <paramref name="codes"/> in order (duplicates share an index).</summary>
    public CodeTable(IEnumerable<string> codes) : this()
    {
        foreach (var code in codes) Add(code);
    }

    /// <summary>Number of distinct codes.</summary>
    public int Count => codes.Count;

    /// <summary>The code at <paramref name="i"/>.</summary>
    public string this[int i] => codes[i];

    /// <summary>The codes in index order.</summary>
    public IReadOnlyList<string> Codes => codes;

    /// <summary>Index of <paramref name="code"/>, adding it when new.</summary>
    public int Add(ReadOnlySpan<char> code)
    {
        if (spanIndex.TryGetValue(code, out var i)) return i;
        var text = code.ToString();
        var nfc = IsAsciiOrNfc(text) ? text : text.Normalize(NormalizationForm.FormC);
        if (!index.TryGetValue(nfc, out i))
        {
            i = codes.Count;
            codes.Add(nfc);
            index[nfc] = i;
        }
        index[text] = i;   // an alias for a non-NFC spelling
        return i;
    }

    /// <summary>Index of <paramref name="code"/>, or −1 when absent (NFC-insensitive).</summary>
    public int IndexOf(ReadOnlySpan<char> code)
    {
        if (spanIndex.TryGetValue(code, out var i)) return i;
        var text = code.ToString();
        return IsAsciiOrNfc(text) ? -1 : index.GetValueOrDefault(text.Normalize(NormalizationForm.FormC), -1);
    }

    private static bool IsAsciiOrNfc(string text) => Ascii.IsValid(text) || text.IsNormalized(NormalizationForm.FormC);
}
