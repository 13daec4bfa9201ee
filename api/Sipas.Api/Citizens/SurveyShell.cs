using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Sipas.Api.Setup;

namespace Sipas.Api.Citizens;

/// <summary>
/// The built <c>survey.html</c> with its own stylesheet and module script inlined, so that the first screen of
/// <c>/s/{code}</c> needs one response, and the Content-Security-Policy that allows exactly these inline blocks by
/// their SHA-256 (no <c>'unsafe-inline'</c>). The file <c>survey.html</c> itself still names the hashed files: the
/// service worker keeps it and them for offline reloads, and the other paths that serve it are unchanged.
/// </summary>
public sealed partial record SurveyShell(string Html, string ContentSecurityPolicy)
{
    /// <summary>
    /// Inlines each <c>/assets/*.js</c> module script and <c>/assets/*.css</c> stylesheet that <paramref name="html"/>
    /// names, read with <paramref name="readAsset"/> (null when missing): the styles where the first of these tags was,
    /// the scripts (deferred modules either way) at the end of the body, so the page's static text can be painted
    /// while they arrive. When a file is missing, or its text could end its element early (<c>&lt;/script</c>,
    /// <c>&lt;!--</c>, <c>&lt;/style</c>), nothing is inlined: the page as built under the site's policy, and
    /// <paramref name="fault"/> says why.
    /// </summary>
    public static SurveyShell Build(string html, Func<string, string?> readAsset, out string? fault)
    {
        fault = null;
        var tags = AssetTag().Matches(html);
        if (tags.Count == 0) return Plain(html, "survey.html names no /assets/ module script or stylesheet", out fault);
        StringBuilder styles = new(), scripts = new();
        List<string> scriptHashes = [], styleHashes = [];
        foreach (Match tag in tags)
        {
            var path = tag.Groups["path"].Value;
            if (readAsset(path) is not { } text) return Plain(html, $"{path} is missing", out fault);
            // The HTML parser turns CR LF and CR into LF before the browser hashes the element's text.
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
            var script = tag.Value.StartsWith("<script", StringComparison.OrdinalIgnoreCase);
            var unsafeText = text.Contains('\0') || (script
                ? text.Contains("</script", StringComparison.OrdinalIgnoreCase) || text.Contains("<!--", StringComparison.Ordinal)
                : text.Contains("</style", StringComparison.OrdinalIgnoreCase));
            if (unsafeText) return Plain(html, $"{path} holds text that would end its inline element early", out fault);
            if (script) scripts.Append("<script type=\"module\">").Append(text).Append("</script>");
            else styles.Append("<style>").Append(text).Append("</style>");
            (script ? scriptHashes : styleHashes).Add(Sha256(text));
        }
        var body = html.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        if (body < tags[^1].Index) return Plain(html, "survey.html has no </body> after its asset tags", out fault);
        var page = new StringBuilder(html.Length + styles.Length + scripts.Length);
        var at = 0;
        foreach (Match tag in tags)
        {
            page.Append(html, at, tag.Index - at);
            if (tag == tags[0]) page.Append(styles);
            at = tag.Index + tag.Length;
        }
        page.Append(html, at, body - at).Append(scripts).Append(html, body, html.Length - body);
        return new SurveyShell(page.ToString(), WebSecurity.PolicyAllowing(scriptHashes, styleHashes));
    }

    /// <summary>The files <paramref name="html"/> names that <see cref="Build"/> inlines, as <c>/assets/…</c> paths.</summary>
    public static IEnumerable<string> AssetPaths(string html) => AssetTag().Matches(html).Select(m => m.Groups["path"].Value);

    /// <summary>The CSP source of an inline block: <c>'sha256-…'</c> of its text in UTF-8.</summary>
    public static string Sha256(string text) => $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(text)))}'";

    private static SurveyShell Plain(string html, string reason, out string? fault)
    {
        fault = reason;
        return new SurveyShell(html, WebSecurity.ContentSecurityPolicy);
    }

    // Vite's tags: <script type="module" crossorigin src="/assets/x.js"></script> and <link rel="stylesheet" crossorigin href="/assets/x.css">.
    [GeneratedRegex("""<script\b(?=[^>]*\btype="module")[^>]*\bsrc="(?<path>/assets/[\w.-]+\.js)"[^>]*>\s*</script>|<link\b(?=[^>]*\brel="stylesheet")[^>]*\bhref="(?<path>/assets/[\w.-]+\.css)"[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex AssetTag();
}
