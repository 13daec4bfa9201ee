using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Sipas.Api.Setup;

/// <summary>
/// Rules every request body and query obeys before a handler sees it: text must be valid Unicode without NUL
/// (PostgreSQL stores neither a NUL nor half a surrogate pair, and refused them with a 500), and a JSON object may
/// not name a property twice (which of two <c>clientId</c>s would count?).
/// </summary>
public static partial class Input
{
    public const string InvalidText = "Văn bản không hợp lệ (ký tự NUL hoặc mã Unicode hỏng) / Invalid text (a NUL character or broken Unicode)";
    public const string NotAnObject = "Nội dung phải là một đối tượng JSON / The body must be a JSON object";

    /// <summary>
    /// A body read by hand, or null when it is larger than <paramref name="maxBytes"/> (by its Content-Length, by
    /// what arrives, or by the server's own limit), so the caller answers 413 without holding more than the limit.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) return null;
        try
        {
            // A declared length (every browser and client sends one) is read into an array of that size: no 16 KB chunk
            // zeroed and no stream growing and copied per request (ingest profile, docs/benchmarks.md).
            if (request.ContentLength is { } length)
            {
                var exact = new byte[length];
                var filled = 0;
                int read;
                while (filled < exact.Length && (read = await request.Body.ReadAsync(exact.AsMemory(filled), ct)) > 0) filled += read;
                // Kestrel refuses a body shorter than its Content-Length; a longer one never reaches the handler.
                return filled == exact.Length ? exact : exact.AsMemory(0, filled);
            }
            using var buffer = new MemoryStream();
            var chunk = new byte[16384];
            int got;
            while ((got = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + got > maxBytes) return null;
                buffer.Write(chunk, 0, got);
            }
            return buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    /// <summary>Options for bodies read by hand (<see cref="JsonDocument.Parse(ReadOnlyMemory{byte}, JsonDocumentOptions)"/>).</summary>
    public static JsonDocumentOptions DocumentOptions(int maxDepth) => new() { MaxDepth = maxDepth, AllowDuplicateProperties = false };

    /// <summary>JSON bound by the framework (records, <see cref="JsonElement"/>): no duplicate properties, strings checked.</summary>
    public static IServiceCollection AddSipasInput(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new CheckedStringConverter());
        })
        // A body the framework cannot bind (a word where a number goes, broken JSON) is thrown, so UseSipasInput answers
        // it with the field and the reason instead of a bare "Bad Request".
        .Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public const string Unreadable = "Nội dung gửi lên không đọc được / The request body could not be read";

    /// <summary>The field (JSON path without <c>$.</c>) and the reason of a body the framework could not bind.</summary>
    public static (string Field, string Reason) Unbound(BadHttpRequestException e) => e.InnerException is JsonException json
        ? (json.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body",
           "Giá trị không đúng kiểu (ví dụ chữ ở chỗ cần số) hoặc JSON hỏng / A value of the wrong type (e.g. a word where a number goes) or broken JSON")
        : ("body", "Thiếu nội dung JSON hoặc nội dung không phải JSON / The JSON body is missing or is not JSON");

    /// <summary>A query string holding a NUL is refused before routing (Kestrel already refuses one in the path).</summary>
    public static void UseSipasInput(this WebApplication app) => app.Use(async (http, next) =>
    {
        var query = http.Request.QueryString.Value;
        if (query is { Length: > 0 } && (query.Contains("%00") || query.Contains('\0')))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = { Status = StatusCodes.Status400BadRequest, Title = InvalidText },
            });
            return;
        }
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status400BadRequest && !http.Response.HasStarted)
        {
            var (field, reason) = Unbound(e);
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new Microsoft.AspNetCore.Http.HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [reason] })
                {
                    Status = StatusCodes.Status400BadRequest, Title = Unreadable, Detail = "Không có gì được lưu. / Nothing was stored.",
                },
            });
        }
    });

    /// <summary>
    /// The JSON path (<c>answers.COMMENT</c>, <c>body</c>) of the first property name or string that is not valid
    /// Unicode or holds a NUL; null when all text is sound.
    /// </summary>
    public static string? TextFault(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    string name;
                    try
                    {
                        name = property.Name;
                    }
                    catch (InvalidOperationException)
                    {
                        return path.Length == 0 ? "body" : path;
                    }
                    var here = path.Length == 0 ? name : $"{path}.{name}";
                    if (name.Contains('\0')) return path.Length == 0 ? "body" : path;
                    if (TextFault(property.Value, here) is { } fault) return fault;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                    if (TextFault(item, $"{path}[{i++}]") is { } fault) return fault;
                return null;
            case JsonValueKind.String:
                try
                {
                    return element.GetString()!.Contains('\0') ? Where(path) : null;
                }
                catch (InvalidOperationException)
                {
                    return Where(path);
                }
            default:
                return null;
        }

        static string Where(string path) => path.Length == 0 ? "body" : path;
    }

    /// <summary>
    /// Reads a JSON object body by hand (at most <paramref name="maxBytes"/>): the document, or the validation errors
    /// to answer with (malformed JSON, duplicate or unknown properties, broken text, not an object, too large).
    /// </summary>
    public static async Task<(JsonDocument? Document, Dictionary<string, string[]>? Errors)> ReadObjectAsync(
        HttpRequest request, string[]? properties, int maxBytes, CancellationToken ct)
    {
        if (await ReadLimitedAsync(request, maxBytes, ct) is not { } body) return (null, TooLarge(request.HttpContext, maxBytes));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, DocumentOptions(maxDepth: 16));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return (null, new() { ["body"] = [e is JsonException j
                ? $"JSON không hợp lệ (dòng {(j.LineNumber ?? 0) + 1}) / Malformed JSON (line {(j.LineNumber ?? 0) + 1})" : InvalidText] });
        }
        var root = document.RootElement;
        Dictionary<string, string[]>? errors = root.ValueKind != JsonValueKind.Object ? new() { ["body"] = [NotAnObject] }
            : TextFault(root) is { } field ? new() { [field] = [InvalidText] }
            : null;
        if (errors is null && properties is not null)
            foreach (var unknown in root.EnumerateObject().Where(p => !properties.Contains(p.Name)))
                (errors ??= [])[unknown.Name] = ["Thuộc tính không được hỗ trợ / Unknown property"];
        if (errors is null) return (document, null);
        document.Dispose();
        return (null, errors);
    }

    /// <summary>Checks a body already parsed (citizens' submissions): broken text, by JSON path.</summary>
    public static Dictionary<string, string[]>? Check(JsonElement root) =>
        TextFault(root) is { } field ? new() { [field] = [InvalidText] } : null;

    private static Dictionary<string, string[]> TooLarge(HttpContext http, int maxBytes)
    {
        CloseAfterResponse(http);
        return new() { ["body"] = [$"Nội dung quá lớn (tối đa {maxBytes / 1024} KB) / The body is too large (at most {maxBytes / 1024} KB)"] };
    }

    /// <summary>
    /// Says <c>Connection: close</c> on an answer given without reading the whole body: the server will not read
    /// the rest, so the connection cannot carry another request, and a client that knows it opens a new one.
    /// </summary>
    public static void CloseAfterResponse(HttpContext http) => http.Response.Headers.Connection = "close";

    /// <summary>Lines (1-based) of an uploaded text file that hold NUL or other control characters, or are not UTF-8.</summary>
    public static List<int> BadTextLines(MemoryStream file)
    {
        var bad = new List<int>();
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var bytes = file.GetBuffer().AsSpan(0, (int)file.Length);
        var line = 1;
        while (!bytes.IsEmpty)
        {
            var end = bytes.IndexOf((byte)'\n');
            var current = end < 0 ? bytes : bytes[..end];
            try
            {
                var text = strict.GetString(current);
                if (text.Any(c => char.IsControl(c) && c is not '\t' and not '\r')) bad.Add(line);
            }
            catch (DecoderFallbackException)
            {
                bad.Add(line);
            }
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            line++;
        }
        return bad;
    }

    public const string BadLine = "Dòng có ký tự điều khiển (NUL…) hoặc không phải UTF-8 / The line holds control characters (NUL…) or is not UTF-8";

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ._/\-]{0,119}$")]
    private static partial Regex StratumPattern();

    /// <summary>A stratum code: letters, digits, space and . _ / - (at most 120 characters), as <c>agency/area</c>.</summary>
    public static bool IsStratum(string text) => StratumPattern().IsMatch(text);

    public const string BadStratum = "Mã tầng chỉ gồm chữ, số, dấu cách và . _ / - (tối đa 120 ký tự) / A stratum code holds letters, digits, spaces and . _ / - (at most 120 characters)";

    /// <summary>Strings of bound records and dictionaries: valid Unicode, no NUL, else the framework's 400.</summary>
    private sealed class CheckedStringConverter : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("A string is expected.");
            return Checked(ref reader);
        }

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(ref reader);

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);

        private static string Checked(ref Utf8JsonReader reader)
        {
            string text;
            try
            {
                text = reader.GetString()!;
            }
            catch (InvalidOperationException e)
            {
                throw new JsonException("Invalid text.", e);
            }
            return text.Contains('\0') ? throw new JsonException("A NUL character in text.") : text;
        }
    }
}
