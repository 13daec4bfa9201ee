using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Testing;

/// <summary>
/// A mutation fuzzer for the public endpoints: valid requests (a citizen's submission, the survey of a service point,
/// its QR code, reference lists, sign-in) mutated at the JSON level (values of other types, out-of-range numbers,
/// removed, added and repeated properties, NUL, broken surrogates, decomposed Vietnamese, SQL and script, deep
/// nesting, huge strings and arrays) and at the byte level (flipped, cut, invalid UTF-8). A 5xx, or a 4xx without
/// ProblemDetails, is a fault; afterwards <see cref="StoredGarbageAsync"/> checks that every stored response is a
/// valid one. Used by the test suite (seconds) and by <c>./sipas fuzz</c> (minutes).
/// </summary>
public sealed class Fuzzer(HttpClient http, string servicePoint, int seed)
{
    public sealed record Fault(string Request, int Status, string Body);

    public sealed class Report
    {
        public long Requests;
        public long Stored;
        /// <summary>Refused by the HTTP server before the app saw them (Kestrel: URI or headers too long, an oversize body cut off).</summary>
        public long RefusedByServer;
        public ConcurrentDictionary<int, long> ByStatus { get; } = new();
        public ConcurrentQueue<Fault> Faults { get; } = new();
        public ConcurrentDictionary<Guid, bool> Acknowledged { get; } = new();
        public double MaxMilliseconds;
        public TimeSpan Elapsed;

        public string Statuses => string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
    }

    private static readonly string[] Items =
        ["TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "TT5", "CC1", "CC2", "CC3", "CC4", "CC5", "CC6", "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3", "PA4"];

    private static readonly string[] Nasty =
    [
        "", " ", "\0", "a\0b", "\uD800", "\uDC00x", "' OR '1'='1", "'; DROP TABLE sipas.responses; --", "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>", "../../etc/passwd", "%00", "%s%s%n", "{{7*7}}", "${jndi:ldap://x}", "\u202Eevil",
        "Ho\u0300a\u0300 ngu\u031Bo\u031B\u0300i", "Đánh giá tốt", "🙂🙂", "\u0007\u001b[31m", "NaN", "-0", "1e309", "0x10", "null", "true",
        "TC1", "nam", "nu", "XD-01", "so-xay-dung", "construction", new string('a', 70_000), new string('\u0301', 300),
    ];

    public async Task<Report> RunAsync(TimeSpan duration, int clients, CancellationToken ct = default)
    {
        var report = new Report();
        var clock = Stopwatch.StartNew();
        var end = DateTime.UtcNow + duration;
        var randoms = Enumerable.Range(0, clients).Select(i => new Random(seed * 1000 + i)).ToArray();
        await Task.WhenAll(randoms.Select(r => Task.Run(async () =>
        {
            while (DateTime.UtcNow < end && !ct.IsCancellationRequested)
                await OneAsync(r, report, ct);
        }, ct)));
        report.Elapsed = clock.Elapsed;
        return report;
    }

    private async Task OneAsync(Random r, Report report, CancellationToken ct)
    {
        var (method, path, body, contentType, isSubmit) = Pick(r);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        request.Headers.Add("X-Sipas-Device", $"fuzz-{r.Next(1_000_000)}");
        var started = Stopwatch.GetTimestamp();
        int status;
        string text;
        string? mediaType;
        try
        {
            using var response = await http.SendAsync(request, ct);
            status = (int)response.StatusCode;
            mediaType = response.Content.Headers.ContentType?.MediaType;
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException e)
        {
            status = 599;
            mediaType = null;
            text = e.InnerException is { } inner ? $"{e.Message} ({inner.GetType().Name}: {inner.Message})" : e.Message;
        }
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        lock (report) report.MaxMilliseconds = Math.Max(report.MaxMilliseconds, ms);
        Interlocked.Increment(ref report.Requests);
        report.ByStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        var shown = $"{method} {path} ({body?.Length ?? 0} bytes) {Show(body)}";
        // Kestrel's own refusals carry no body (the app's always carry a ProblemDetails); an oversize body makes it
        // answer 413 and close the connection while the client is still sending, which the client sees as a failure.
        if (status is 414 or 431 || (status is >= 400 and < 500 && text.Length == 0 && mediaType is null)
            || (status == 599 && body is { Length: > 64 * 1024 }))
        {
            Interlocked.Increment(ref report.RefusedByServer);
            return;
        }
        if (status >= 500)
            report.Faults.Enqueue(new Fault(shown, status, Clip(text)));
        else if (status >= 400 && path.StartsWith("/api/") && mediaType != "application/problem+json")
            report.Faults.Enqueue(new Fault(shown, status, $"no ProblemDetails ({mediaType}): {Clip(text)}"));
        if (isSubmit && status is 200 or 201)
        {
            Interlocked.Increment(ref report.Stored);
            try
            {
                report.Acknowledged.TryAdd(JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid(), true);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                report.Faults.Enqueue(new Fault(shown, status, $"acknowledged without a receipt: {Clip(text)}"));
            }
        }
    }

    private (string Method, string Path, byte[]? Body, string ContentType, bool IsSubmit) Pick(Random r)
    {
        var code = r.Next(10) < 8 ? servicePoint : Mutate(r, servicePoint);
        // A NUL in the path never reaches the app: Kestrel answers 400 itself (and the in-process test server throws).
        code = Paired(code.Replace("\0", "")); // and a URL cannot carry half a surrogate pair
        var escaped = Uri.EscapeDataString(code.Length > 300 ? code[..300] : code);
        switch (r.Next(20))
        {
            case 0: return ("GET", $"/api/public/service-points/{escaped}", null, "", false);
            case 1: return ("GET", $"/api/service-points/{escaped}/qr.svg", null, "", false);
            case 2: return ("GET", $"/api/reference/agencies?area={Uri.EscapeDataString(Paired(Mutate(r, "construction")))}", null, "", false);
            case 3:
                var signIn = new JsonObject { ["userName"] = Mutate(r, "fuzz-user"), ["password"] = Mutate(r, "password-123456") };
                return ("POST", "/api/auth/sign-in", Bytes(r, MutateJson(r, signIn)), "application/json", false);
        }
        var submission = new JsonObject
        {
            ["clientId"] = Guid.NewGuid().ToString(),
            ["answers"] = Answers(r),
        };
        if (r.Next(3) == 0) submission["dossierCode"] = $"HS-{r.Next(100000)}";
        if (r.Next(3) == 0) submission["startedAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        var mutations = r.Next(4); // a quarter stay valid: the valid path is exercised under the same load
        JsonNode body = submission;
        for (var i = 0; i < mutations; i++) body = MutateJson(r, body);
        var contentType = r.Next(30) == 0 ? Ascii(Mutate(r, "application/json")) : "application/json";
        return ("POST", $"/api/public/service-points/{escaped}/responses", Bytes(r, body, mutations > 0), contentType, true);
    }

    private static JsonObject Answers(Random r)
    {
        var answers = new JsonObject();
        foreach (var item in Items)
            if (r.Next(10) > 0) answers[item] = r.Next(12) == 0 ? 0 : r.Next(1, 6);
        if (r.Next(2) == 0) answers["SEX"] = r.Next(2) == 0 ? "nam" : "nu";
        if (r.Next(3) == 0) answers["COMMENT"] = "Cán bộ nhiệt tình, hướng dẫn rõ ràng.";
        return answers;
    }

    private JsonNode MutateJson(Random r, JsonNode node)
    {
        var containers = new List<JsonNode>();
        Collect(node, containers);
        var target = containers[r.Next(containers.Count)];
        switch (target)
        {
            case JsonObject o when o.Count > 0 && r.Next(4) > 0:
                var names = o.Select(p => p.Key).ToList();
                var name = names[r.Next(names.Count)];
                switch (r.Next(4))
                {
                    case 0: o.Remove(name); break;
                    case 1: o[Mutate(r, name)] = RandomValue(r); break;
                    default: o[name] = MutateValue(r, o[name]); break;
                }
                break;
            case JsonObject o:
                o[Mutate(r, "x")] = RandomValue(r);
                break;
            case JsonArray a:
                if (a.Count > 0 && r.Next(2) == 0) a[r.Next(a.Count)] = RandomValue(r);
                else a.Add(RandomValue(r));
                break;
        }
        return r.Next(40) == 0 ? new JsonArray(node.DeepClone()) : node;
    }

    private static void Collect(JsonNode? node, List<JsonNode> containers)
    {
        if (node is JsonObject o)
        {
            containers.Add(o);
            foreach (var (_, value) in o) Collect(value, containers);
        }
        else if (node is JsonArray a)
        {
            containers.Add(a);
            foreach (var value in a) Collect(value, containers);
        }
    }

    private JsonNode? MutateValue(Random r, JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<int>(out var n) => r.Next(5) switch
        {
            0 => n + r.Next(-3, 4), 1 => -n, 2 => n + 0.5, 3 => long.MaxValue, _ => RandomValue(r),
        },
        JsonValue v when v.TryGetValue<string>(out var s) => r.Next(3) == 0 ? RandomValue(r) : Mutate(r, s),
        _ => RandomValue(r),
    };

    private JsonNode? RandomValue(Random r) => r.Next(11) switch
    {
        0 => null,
        1 => r.Next(-10, 10),
        2 => r.NextDouble() * Math.Pow(10, r.Next(-5, 300)),
        3 => r.Next(2) == 0,
        4 => new JsonArray(Enumerable.Range(0, r.Next(0, 3) == 0 ? 5000 : 3).Select(_ => (JsonNode?)Nasty[r.Next(Nasty.Length)]).ToArray()),
        5 => new JsonObject { [Nasty[r.Next(Nasty.Length)]] = Nasty[r.Next(Nasty.Length)] },
        6 => Nested(r.Next(2, 200)),
        _ => Mutate(r, Nasty[r.Next(Nasty.Length)]),
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create(1);
        for (var i = 0; i < depth; i++) node = new JsonArray(node);
        return node;
    }

    private static string Mutate(Random r, string text) => r.Next(8) switch
    {
        0 => Nasty[r.Next(Nasty.Length)],
        1 => text + Nasty[r.Next(Nasty.Length)],
        2 => text.Length > 0 ? text.Insert(r.Next(text.Length), Nasty[r.Next(Nasty.Length)]) : "\0",
        3 => Paired(text).Normalize(NormalizationForm.FormD) + "\u0301",
        4 => text.ToUpperInvariant(),
        5 => string.Concat(Enumerable.Repeat(text, r.Next(2, 50))),
        6 => text.Length > 1 ? text[..r.Next(text.Length)] : "",
        _ => text.Replace('-', '\u2011'),
    };

    private static readonly JsonSerializerOptions Writing = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 1000,
    };

    /// <summary>The JSON text, and sometimes its bytes damaged (cut, flipped, invalid UTF-8, a property repeated).</summary>
    private static byte[] Bytes(Random r, JsonNode? node, bool damage = true)
    {
        var text = node?.ToJsonString(Writing) ?? "null";
        var bytes = Encoding.UTF8.GetBytes(text).ToList();
        if (!damage || r.Next(4) > 0) return [.. bytes];
        switch (r.Next(5))
        {
            case 0:
                var cut = r.Next(bytes.Count);
                bytes.RemoveRange(cut, bytes.Count - cut);
                break;
            case 1: bytes[r.Next(bytes.Count)] ^= (byte)(1 << r.Next(8)); break;
            case 2: bytes.InsertRange(r.Next(bytes.Count), new byte[] { 0xC0, 0xAF, 0xFF, 0xFE, 0xED, 0xA0, 0x80 }.Take(r.Next(1, 7))); break;
            case 3: bytes.Insert(r.Next(bytes.Count), 0); break;
            default:
                if (text.Contains("\"clientId\"", StringComparison.Ordinal)) bytes.InsertRange(1, Encoding.UTF8.GetBytes($"\"clientId\":\"{Guid.NewGuid()}\","));
                break;
        }
        return [.. bytes];
    }

    /// <summary>A header value an HTTP client can send (printable ASCII).</summary>
    private static string Ascii(string text) => new([.. text.Where(c => c is >= ' ' and <= '~').Take(200)]);

    /// <summary>The text without unpaired surrogates.</summary>
    private static string Paired(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) kept.Append(text[i]).Append(text[++i]);
            else if (!char.IsSurrogate(text[i])) kept.Append(text[i]);
        }
        return kept.ToString();
    }

    private static string Show(byte[]? body) =>
        body is null ? "" : Clip(Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300))));

    private static string Clip(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>
    /// Stored responses that no valid submission could have produced (scores out of range or misplaced, unknown or
    /// malformed other answers, text with control characters or not NFC, no rating at all), and stored responses of
    /// the service point's web channel that were never acknowledged.
    /// </summary>
    public static async Task<List<string>> StoredGarbageAsync(SipasDb db, IReadOnlyCollection<Guid> acknowledged, CancellationToken ct = default)
    {
        var garbage = new List<string>();
        var questionnaires = (await db.Questionnaires.AsNoTracking().ToListAsync(ct)).ToDictionary(q => q.Id, q => q.Read());
        var ids = acknowledged.ToHashSet();
        await foreach (var response in db.Responses.AsNoTracking().Where(r => r.Channel == Channels.Web).AsAsyncEnumerable().WithCancellation(ct))
        {
            var q = questionnaires[response.QuestionnaireId];
            var faults = new List<string>();
            if (!ids.Contains(response.Id)) faults.Add("stored but never acknowledged");
            if (response.Scores.Length != q.ScoredItems.Count) faults.Add($"{response.Scores.Length} scores for {q.ScoredItems.Count} items");
            if (response.Scores.Any(s => s is < 0 or > 5)) faults.Add("a score outside 0..5");
            if (response.Scores.All(s => s is null)) faults.Add("no rating");
            if (response.DossierHash is { Length: not 32 }) faults.Add("a dossier hash that is not HMAC-SHA256");
            if (response.OtherAnswers is { } others)
                foreach (var answer in others.RootElement.EnumerateObject())
                {
                    if (!q.ItemsByCode.TryGetValue(answer.Name, out var item) || q.ScoredIndexOf(item.Code) >= 0)
                    {
                        faults.Add($"other answer {answer.Name} is no other item");
                        continue;
                    }
                    var ok = item.Scale switch
                    {
                        ItemScale.Single => answer.Value.ValueKind == JsonValueKind.String && item.Options.Any(o => o.Value == answer.Value.GetString()),
                        ItemScale.Multi => answer.Value.ValueKind == JsonValueKind.Array && answer.Value.EnumerateArray()
                            .All(v => v.ValueKind == JsonValueKind.String && item.Options.Any(o => o.Value == v.GetString())),
                        ItemScale.Text => answer.Value.ValueKind == JsonValueKind.String && answer.Value.GetString() is { } s
                            && s.Length <= 2000 && s.IsNormalized(NormalizationForm.FormC) && !s.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'),
                        _ => answer.Value.ValueKind == JsonValueKind.Number,
                    };
                    if (!ok) faults.Add($"other answer {answer.Name} is not a valid {item.Scale}");
                }
            if (faults.Count > 0) garbage.Add($"{response.Id}: {string.Join("; ", faults)}");
        }
        return garbage;
    }
}
