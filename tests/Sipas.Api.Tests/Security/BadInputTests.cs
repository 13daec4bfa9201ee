using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Surveyors;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Security;

/// <summary>
/// The malformed-request corpus (<c>bad-input.jsonl</c>: wrong types, out-of-range values, unknown codes, huge bodies and
/// arrays, deep nesting, invalid UTF-8, NUL bytes, SQL and script fragments, decomposed Vietnamese) against every
/// public and surveyor endpoint: each gets a 4xx ProblemDetails, no table gains or loses a row, the server stays up.
/// </summary>
public class BadInputTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed record Case(string Name, string As, string Method, string Path, string? ContentType, string? Body,
        string? BodyBase64, string? Generate, int? Status);

    public static IReadOnlyList<Case> Corpus { get; } = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Security", "bad-input.jsonl"))
        .Where(l => l.Trim().Length > 0)
        .Select(l => JsonSerializer.Deserialize<Case>(l, JsonSerializerOptions.Web)!).ToList();

    /// <summary>The fixtures the corpus names: an open wave and service point, a retired one, one with no open wave, a queued paper form.</summary>
    public sealed record Fixtures(Dictionary<string, string> Values, Sessions Sessions);

    public static async Task<Fixtures> SetUpAsync(TestHost database, SipasApp app)
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(database, "XD-BAD");
        await using (var db = database.NewDb())
        {
            var land = await db.Agencies.SingleAsync(a => a.Code == "so-nong-nghiep-moi-truong");
            var construction = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung");
            db.ServicePoints.AddRange(
                new Sipas.Data.ServicePoint { Code = "XD-OLD", NameVi = "Quầy cũ", AgencyId = construction.Id, AreaCode = "construction",
                    CreatedAt = DateTimeOffset.UtcNow, RetiredAt = DateTimeOffset.UtcNow },
                new Sipas.Data.ServicePoint { Code = "DD-SHUT", NameVi = "Quầy đất đai", AgencyId = land.Id, AreaCode = "land", CreatedAt = DateTimeOffset.UtcNow });
            await db.Waves.Where(w => w.Id == wave.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.AreaCodes, new[] { "construction" }));
            await db.SaveChangesAsync();
        }
        await app.CreateUser("corpus-surveyor", Sessions.Password, Roles.Surveyor);
        var first = await app.SignedInClient(Roles.Surveyor);
        var second = await app.SignedInClient(Roles.Surveyor);
        var differing = Fieldwork.SipasAnswers();
        differing["CC3"] = 2;
        (await first.Key(Keying.Form(wave, "Q-1"))).EnsureSuccessStatusCode();
        (await second.Key(Keying.Form(wave, "Q-1", differing))).EnsureSuccessStatusCode();
        // A client system of the province's TTHC handling system, its key sent by the "tthc-client" cases.
        using var admin = await app.SignedInClient(Roles.Admin);
        var registered = await admin.PostAsJsonAsync("/api/admin/clients", new Sipas.Api.Clients.ClientRequest("corpus-mot-cua",
            "Hệ thống một cửa (kiểm thử)", ["so-xay-dung"], null));
        registered.EnsureSuccessStatusCode();
        var apiKey = (await registered.Content.ReadFromJsonAsync<Sipas.Api.Clients.ClientCredentials>())!.ApiKey;
        var sessions = new Sessions(app);
        foreach (var role in new[] { CatalogEndpoint.AnonymousRole, Roles.Surveyor, Roles.Supervisor }) (await sessions.ClientAsync(role)).Dispose();
        return new(new Dictionary<string, string>
        {
            ["{point}"] = point.Code, ["{wave}"] = wave.Code, ["{queued}"] = "Q-1", ["{retired}"] = "XD-OLD", ["{closed}"] = "DD-SHUT",
            ["{surveyor}"] = "corpus-surveyor", ["{apiKey}"] = apiKey,
        }, sessions);
    }

    public static string Fill(string text, Fixtures fixtures)
    {
        foreach (var (key, value) in fixtures.Values) text = text.Replace(key, value);
        while (text.Contains("{uuid}")) text = new StringBuilder(text).Replace("{uuid}", Guid.NewGuid().ToString(), text.IndexOf("{uuid}"), 6).ToString();
        return text;
    }

    public static HttpRequestMessage Request(Case c, Fixtures fixtures)
    {
        var request = new HttpRequestMessage(new HttpMethod(c.Method), Fill(c.Path, fixtures));
        byte[]? body = c.BodyBase64 is { } b64 ? Convert.FromBase64String(b64)
            : c.Generate is { } generate ? Encoding.UTF8.GetBytes(Fill(Generated(generate), fixtures))
            : c.Body is { } text ? Encoding.UTF8.GetBytes(Fill(text, fixtures)) : null;
        if (body is not null || c.ContentType is not null)
        {
            request.Content = new ByteArrayContent(body ?? []);
            request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType ?? "application/json");
        }
        request.Headers.Add("X-Sipas-Device", Guid.NewGuid().ToString()); // one device each: the test is not about rate limits
        if (c.As == TthcClient) request.Headers.Add(Sipas.Api.Integration.TthcRatings.KeyHeader, fixtures.Values["{apiKey}"]);
        return request;
    }

    /// <summary>A case sent anonymously with the registered client system's API key.</summary>
    public const string TthcClient = "tthc-client";

    private static string Generated(string name)
    {
        var answers = string.Join(',', Fieldwork.SipasAnswers().Keys.Select(k => $"\"{k}\":4"));
        return name switch
        {
            "nested-answer-64" => $"{{\"clientId\":\"{{uuid}}\",\"answers\":{{{answers},\"COMMENT\":{new string('[', 64)}\"x\"{new string(']', 64)}}}}}",
            "nested-10000" => new string('[', 10_000) + new string(']', 10_000),
            "huge-comment" => $"{{\"clientId\":\"{{uuid}}\",\"answers\":{{{answers},\"COMMENT\":\"{new string('a', 1 << 20)}\"}}}}",
            "huge-comment-3mb" => $"{{\"wave\":\"{{wave}}\",\"questionnaire\":\"{Keying.Sipas}\",\"serial\":\"H-1\",\"agency\":\"so-xay-dung\"," +
                                  $"\"area\":\"construction\",\"answers\":{{{answers},\"COMMENT\":\"{new string('a', 3 << 20)}\"}}}}",
            "huge-array" => $"{{\"clientId\":\"{{uuid}}\",\"answers\":{{{answers},\"SEX\":[{string.Join(',', Enumerable.Repeat("\"nam\"", 10_000))}]}}}}",
            "many-keys" => $"{{\"clientId\":\"{{uuid}}\",\"answers\":{{{answers},{string.Join(',', Enumerable.Range(0, 3000).Select(i => $"\"K{i}\":1"))}}}}}",
            "tthc-1001" => $"{{\"ratings\":[{string.Join(',', Enumerable.Range(0, 1001).Select(i => $"{{\"idempotencyKey\":\"k{i}\",\"agency\":\"so-xay-dung\",\"area\":\"construction\",\"ratedAt\":\"2025-09-14T09:30:00+07:00\",\"answers\":{{\"TT01\":5}}}}"))}]}}",
            "tthc-5mb" => $"{{\"ratings\":[{{\"idempotencyKey\":\"k\",\"note\":\"{new string('a', 5 << 20)}\"}}]}}",
            "garbage-csv" => string.Concat(Enumerable.Repeat("x;y;\"z\n", 300_000)),
            _ => throw new ArgumentException($"unknown generator {name}"),
        };
    }

    [Fact]
    public void Corpus_HasAtLeast150Requests_OverEveryPublicAndSurveyorEndpoint()
    {
        var endpoints = Corpus.Select(c => $"{c.Method} {c.Path.Split('?')[0]}").ToHashSet();

        Assert.True(Corpus.Count >= 150, $"{Corpus.Count} requests");
        Assert.Contains("POST /api/public/service-points/{point}/responses", endpoints);
        Assert.Contains("GET /api/public/service-points/{point}", endpoints.Select(e => e.Replace("NOPE", "{point}")));
        foreach (var path in new[] { "/api/surveyors/keyings", "/api/supervisor/reconciliations/{wave}/{queued}", "/api/supervisor/imports/responses",
                     "/api/supervisor/waves/{wave}/frame", "/api/supervisor/waves/{wave}/plan", "/api/supervisor/waves/{wave}/assignments", "/api/auth/sign-in" })
            Assert.Contains(endpoints, e => e.EndsWith(path));
        Assert.Contains("POST /api/integration/tthc-ratings", endpoints);
        Assert.True(Corpus.Count(c => c.As == TthcClient) >= 10, "the TTHC endpoint is attacked with a valid key too");
        Assert.All(Corpus, c => Assert.Contains(c.As, new[] { CatalogEndpoint.AnonymousRole, Roles.Surveyor, Roles.Supervisor, TthcClient }));
    }

    // A batch that is understood is answered per item: garbage in every item is rejected item by item, with the
    // reason, and nothing of it is stored (the corpus above covers the batches refused whole).
    [Fact]
    public async Task TthcBatchOfGarbageItems_IsAnsweredItemByItem_AllRejected_AndStoresNothing()
    {
        var fixtures = await SetUpAsync(Database, App);
        var before = await RowCounts.OfAsync(Database);
        var nfd = "so-xa\u0302y-du\u031b\u0323ng";   // "sở xây dựng"-like code in decomposed form
        var items = new[]
        {
            "{}",
            "{\"idempotencyKey\":\"'; DROP TABLE sipas.responses; --\",\"agency\":\"so-xay-dung\",\"area\":\"construction\",\"dossierCode\":\"x\",\"ratedAt\":\"2025-09-14T09:30:00+07:00\",\"answers\":{\"TT01\":5}}",
            "{\"idempotencyKey\":\"a1\",\"agency\":\"<script>alert(1)</script>\",\"area\":\"construction\",\"dossierCode\":\"x\",\"ratedAt\":\"2025-09-14T09:30:00+07:00\",\"answers\":{\"TT01\":5}}",
            $"{{\"idempotencyKey\":\"a2\",\"agency\":\"{nfd}\",\"area\":\"construction\",\"dossierCode\":\"x\",\"ratedAt\":\"2025-09-14T09:30:00+07:00\",\"answers\":{{\"TT01\":5}}}}",
            "{\"idempotencyKey\":\"a3\",\"agency\":\"so-xay-dung\",\"area\":\"construction\",\"dossierCode\":\"x\",\"ratedAt\":\"2025-09-14T09:30:00+07:00\",\"answers\":{\"TT01\":9}}",
            "{\"idempotencyKey\":\"a4\",\"agency\":\"so-xay-dung\",\"area\":\"construction\",\"dossierCode\":\"x\",\"ratedAt\":\"not a time\",\"answers\":{\"TT01\":5}}",
            "{\"idempotencyKey\":\"a5\",\"agency\":\"so-xay-dung\",\"area\":\"construction\",\"dossierCode\":\"x\",\"ratedAt\":\"2025-09-14T09:30:00+07:00\",\"answers\":{\"NOPE\":5}}",
            "{\"idempotencyKey\":\"a6\",\"agency\":\"so-xay-dung\",\"area\":\"construction\",\"dossierCode\":\"x\",\"ratedAt\":\"2025-09-14T09:30:00+07:00\",\"answers\":\"five\"}",
            "42",
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/integration/tthc-ratings")
        {
            Content = new StringContent($"{{\"ratings\":[{string.Join(',', items)}]}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(Sipas.Api.Integration.TthcRatings.KeyHeader, fixtures.Values["{apiKey}"]);

        using var response = await App.NewClient().SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var receipt = await response.Content.ReadFromJsonAsync<Sipas.Api.Integration.RatingsReceipt>(Ct);
        Assert.Equal((items.Length, 0, items.Length), (receipt!.Received, receipt.Stored, receipt.Rejected));
        Assert.All(receipt.Items, i => Assert.True(i.Status == "rejected" && i.Errors is { Count: > 0 }, $"item {i.Index}: {i.Status}"));
        // Only the batch's own audit record (who sent what, when) is written.
        Assert.Equal(["audit_entries"], RowCounts.Changed(before, await RowCounts.OfAsync(Database)).Select(c => c.Split(':')[0]));
    }

    [Fact]
    public async Task EveryMalformedRequest_Gets4xxProblemDetails_StoresNothing_AndTheServerStaysUp()
    {
        var fixtures = await SetUpAsync(Database, App);
        var before = await RowCounts.OfAsync(Database);
        var clients = new Dictionary<string, HttpClient>();
        var faults = new List<string>();
        var statuses = new SortedDictionary<int, int>();

        foreach (var c in Corpus)
        {
            var role = c.As == TthcClient ? CatalogEndpoint.AnonymousRole : c.As;
            if (!clients.TryGetValue(role, out var client)) clients[role] = client = await fixtures.Sessions.ClientAsync(role);
            using var request = Request(c, fixtures);
            using var response = await client.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync(Ct);
            if (status is < 400 or >= 500 || (c.Status is { } expected && status != expected))
                faults.Add($"{c.Name}: {status}{(c.Status is null ? "" : $" (expected {c.Status})")} {body[..Math.Min(200, body.Length)]}");
            else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                faults.Add($"{c.Name}: {status} without ProblemDetails ({response.Content.Headers.ContentType})");
            var changed = RowCounts.Changed(before, await RowCounts.OfAsync(Database)).ToList();
            if (changed.Count > 0)
            {
                faults.Add($"{c.Name}: stored something ({string.Join(", ", changed)})");
                before = await RowCounts.OfAsync(Database);
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{Corpus.Count} requests: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(faults.Count == 0, $"{faults.Count} of {Corpus.Count}:\n" + string.Join('\n', faults)
            + "\n" + string.Join('\n', App.Logs.Lines.Where(l => l.StartsWith("Error")).Select(l => l[..Math.Min(l.Length, 600)])));
        Assert.Equal(HttpStatusCode.OK, (await App.NewClient().GetAsync("/health/ready", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await App.NewClient().GetAsync("/api/public/service-points/XD-BAD", Ct)).StatusCode);
    }
}
