using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace Sipas.Api.Citizens;

/// <summary>
/// The citizen page of a service point (<c>/s/{code}</c>) with its survey inside: the same JSON that
/// <c>GET /api/public/service-points/{code}</c> answers travels in a <c>&lt;script type="application/json"
/// id="survey-data"&gt;</c> block (data, never run), so the first screen needs no request after the page's own files.
/// A code that cannot take ratings now gets the plain page, which asks the API and shows the server's words.
/// </summary>
public sealed class SurveyPage(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public const string DataId = "survey-data";
    private readonly JsonSerializerOptions options = new(json.Value.SerializerOptions)
    {
        // Every HTML-sensitive character (<, >, &, quotes) stays escaped; Vietnamese letters are kept as they are.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };
    private sealed record Shell(DateTimeOffset Modified, string Html);
    private volatile Shell? shell;

    public async Task<IResult> Handle(string code, SurveyDirectory directory, IFileProvider files, HttpContext http, CancellationToken ct)
    {
        var file = files.GetFileInfo("survey.html");
        if (!file.Exists) return TypedResults.NotFound();
        var cached = shell;
        if (cached is null || cached.Modified != file.LastModified)
        {
            await using var stream = file.CreateReadStream();
            shell = cached = new Shell(file.LastModified, await new StreamReader(stream).ReadToEndAsync(ct));
        }
        var html = cached.Html;
        var target = await directory.FindAsync(code, ct);
        if (GetServicePointSurvey.Unavailable(target, code) is null)
        {
            var data = JsonSerializer.Serialize(GetServicePointSurvey.Describe(target!), options);
            var at = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
            if (at >= 0) html = string.Concat(html.AsSpan(0, at), $"<script type=\"application/json\" id=\"{DataId}\">{data}</script>", html.AsSpan(at));
        }
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
