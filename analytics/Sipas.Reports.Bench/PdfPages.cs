using System.Text;
using System.Text.RegularExpressions;

namespace Sipas.Reports.Bench;

/// <summary>Counts page objects in an uncompressed-dictionary PDF (Skia writes "/Type /Page" for each page).</summary>
public static partial class PdfPages
{
    public static int Count(byte[] pdf) => PageType().Matches(Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageType();
}
