using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Sipas.Api.Results;

/// <summary>
/// A <typeparamref name="T"/> already serialised (<see cref="JsonBody"/>): written as bytes, brotli or gzip when the
/// client takes it (made once per body, not per request), with a strong ETag per encoding, <c>Cache-Control:
/// private, no-cache</c> (a browser keeps it but asks again each time, so every use passes authorization), and 304
/// without a body when <c>If-None-Match</c> names it. Documented in OpenAPI as a <typeparamref name="T"/> (or 304).
/// </summary>
public sealed class JsonAnswer<T>(JsonBody body) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public JsonBody Body => body;
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext http)
    {
        var (bytes, encoding, suffix) = Encoding(http.Request) switch
        {
            "br" => (body.Brotli, "br", "-br"),
            "gzip" => (body.Gzip, "gzip", "-gz"),
            _ => (body.Json, null, ""),
        };
        var headers = http.Response.Headers;
        headers.ETag = $"\"{body.Tag}{suffix}\"";
        headers.CacheControl = "private, no-cache";
        headers.Vary = HeaderNames.AcceptEncoding;
        if (Matches(http.Request, body.Tag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        if (encoding is not null) headers.ContentEncoding = encoding;   // the compression middleware leaves it alone
        http.Response.ContentLength = bytes.Length;
        return http.Response.Body.WriteAsync(bytes, http.RequestAborted).AsTask();
    }

    /// <summary>br or gzip when the client accepts it (the higher q, br on a tie), else null: the JSON as it is.</summary>
    private static string? Encoding(HttpRequest request)
    {
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted)) return null;
        string? best = null;
        var bestQuality = 0.0;
        foreach (var name in new[] { "br", "gzip" })
        {
            // The coding named, else "*"; q=0 refuses it.
            var entry = accepted.FirstOrDefault(a => a.Value.Equals(name, StringComparison.OrdinalIgnoreCase))
                        ?? accepted.FirstOrDefault(a => a.Value == "*");
            var quality = entry is null ? 0 : entry.Quality ?? 1;
            if (quality > bestQuality) (best, bestQuality) = (name, quality);
        }
        return best;
    }

    /// <summary>If-None-Match names this body in any encoding (weak comparison, as RFC 9110 asks), or is <c>*</c>.</summary>
    private static bool Matches(HttpRequest request, string tag)
    {
        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)) return false;
        foreach (var t in tags)
        {
            if (t.Equals(EntityTagHeaderValue.Any)) return true;
            var value = t.Tag.AsSpan().Trim('"');
            if (value.EndsWith("-br") || value.EndsWith("-gz")) value = value[..^3];
            if (value.SequenceEqual(tag)) return true;
        }
        return false;
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}
