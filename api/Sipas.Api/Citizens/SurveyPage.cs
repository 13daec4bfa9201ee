using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Sipas.Api.Citizens;

/// <summary>
/// The citizen page in one response, for a service point (<c>/s/{code}</c>) and for an invitation link
/// (<c>/r/{token}</c>, sent by SMS): the page's own CSS and JS inline (<see cref="SurveyShell"/>, allowed by their
/// hashes in this response's Content-Security-Policy), and the same JSON that <c>GET /api/public/service-points/{code}</c>
/// or <c>GET /api/public/invitations/{token}</c> answers in a <c>&lt;script type="application/json"
/// id="survey-data"&gt;</c> block (data, never run), so the first screen needs no request after the page.
/// A code or an invitation that cannot take ratings now gets the page without the data block, which asks the API and
/// shows the server's words. Sent <c>no-cache</c> with an ETag: a phone that has the same page revalidates it with a 304.
/// </summary>
public sealed class SurveyPage(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<SurveyPage> log)
{
    public const string DataId = "survey-data";
    private readonly JsonSerializerOptions options = new(json.Value.SerializerOptions)
    {
        // Every HTML-sensitive character (<, >, &, quotes) stays escaped; Vietnamese letters are kept as they are.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The shell of one build of survey.html (its hashed files make a new build change the file).</summary>
    private sealed record Built(DateTimeOffset Modified, SurveyShell Shell);
    private volatile Built? built;

    public async Task<IResult> Handle(string code, SurveyDirectory directory, IFileProvider files, HttpContext http, CancellationToken ct)
    {
        var target = await directory.FindAsync(code, ct);
        return await PageAsync(GetServicePointSurvey.Unavailable(target, code) is null ? target : null, null, files, http, ct);
    }

    /// <summary>
    /// An invitation link's page: its survey in the page when the invitation can take its rating now (the same checks
    /// as its API: a forged or unknown token, an expired, used or closed one get the page alone, whose request to the
    /// API then shows why). The data block names the token it was made for (<c>data-invitation</c>).
    /// </summary>
    public async Task<IResult> HandleInvitation(string token, Intake.InvitationTokens tokens, Sipas.Data.SipasDb db, SurveyDirectory directory,
        TimeProvider clock, IFileProvider files, HttpContext http, CancellationToken ct)
    {
        var (target, _, refusal) = await InvitationDoor.ResolveAsync(token, tokens, db, directory, clock, ct);
        return await PageAsync(refusal is null ? target : null, token, files, http, ct);
    }

    private async Task<IResult> PageAsync(SurveyTarget? target, string? invitation, IFileProvider files, HttpContext http, CancellationToken ct)
    {
        var file = files.GetFileInfo("survey.html");
        if (!file.Exists) return TypedResults.NotFound();
        var current = built;
        if (current is null || current.Modified != file.LastModified) built = current = await BuildAsync(file, files, ct);
        var html = current.Shell.Html;
        if (target is not null)
        {
            var data = JsonSerializer.Serialize(GetServicePointSurvey.Describe(target), options);
            var bound = invitation is null ? "" : $" data-invitation=\"{HtmlEncoder.Default.Encode(invitation)}\"";
            var at = html.IndexOf("</head>", StringComparison.OrdinalIgnoreCase);
            if (at >= 0) html = string.Concat(html.AsSpan(0, at), $"<script type=\"application/json\" id=\"{DataId}\"{bound}>{data}</script>", html.AsSpan(at));
        }
        var body = Encoding.UTF8.GetBytes(html);
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ContentSecurityPolicy = current.Shell.ContentSecurityPolicy;
        // Weak: the same page is sent compressed in more than one way. The framework answers If-None-Match with 304.
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"", isWeak: true);
        return TypedResults.Bytes(body, "text/html; charset=utf-8", entityTag: etag);
    }

    private async Task<Built> BuildAsync(IFileInfo page, IFileProvider files, CancellationToken ct)
    {
        var html = await ReadAsync(page, ct);
        var assets = new Dictionary<string, string?>();
        foreach (var path in SurveyShell.AssetPaths(html))
            assets[path] = files.GetFileInfo(path.TrimStart('/')) is { Exists: true } asset ? await ReadAsync(asset, ct) : null;
        var shell = SurveyShell.Build(html, path => assets.GetValueOrDefault(path), out var fault);
        if (fault is not null)
            log.LogWarning("The citizen page is served without its files inlined (one more round trip on a phone): {Fault}", fault);
        return new Built(page.LastModified, shell);
    }

    private static async Task<string> ReadAsync(IFileInfo file, CancellationToken ct)
    {
        await using var stream = file.CreateReadStream();
        return await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync(ct);
    }
}
