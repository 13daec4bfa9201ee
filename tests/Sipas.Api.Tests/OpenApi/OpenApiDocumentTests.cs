using System.Text.Json;
using System.Text.RegularExpressions;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Security;

namespace Sipas.Api.Tests.OpenApi;

/// <summary>
/// What client systems rely on in <c>/openapi/v1.json</c> beyond the linter: each operation's security is the
/// authorization the app really applies (checked against the endpoint catalogue, which evaluates every endpoint's
/// policy for every role), operationIds are unique and stable-looking, and the refusals are ProblemDetails.
/// </summary>
public partial class OpenApiDocumentTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<(string Method, string Path, JsonElement Operation)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value))).ToList();

    private static string Normalize(string pattern) => RouteParameter().Replace(pattern, "{$1}").TrimEnd('/');

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task EveryOperation_IsSecuredAsItsEndpointIsAuthorized()
    {
        using var document = JsonDocument.Parse(await App.NewClient().GetStringAsync("/openapi/v1.json", Ct));
        var catalog = (await CatalogEndpoint.ReadAsync(App.Services)).ToDictionary(e => (e.Method, Normalize(e.Pattern)));
        var operations = Operations(document);

        Assert.True(operations.Count > 90, $"only {operations.Count} operations");
        foreach (var (method, path, operation) in operations)
        {
            var endpoint = catalog[(method, path)];
            var security = operation.GetProperty("security").EnumerateArray().ToList();
            var schemes = security.SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToHashSet();
            if (path.StartsWith("/api/integration/", StringComparison.Ordinal))
                Assert.True(schemes.SetEquals(["clientApiKey", "clientBearer"]), $"{method} {path}: {string.Join(',', schemes)}");
            else if (endpoint.Anonymous)
                Assert.True(security is [{ ValueKind: JsonValueKind.Object } only] && !only.EnumerateObject().Any(),
                    $"{method} {path} is anonymous but its security is {operation.GetProperty("security")}");
            else
            {
                var requirement = Assert.Single(security);
                var roles = requirement.GetProperty("staffCookie").EnumerateArray().Select(r => r.GetString()!).ToHashSet();
                var allowed = endpoint.Allowed.Where(a => a.Value).Select(a => a.Key).ToHashSet();
                Assert.True(allowed.SetEquals(roles), $"{method} {path}: document says {string.Join(',', roles)}, the app admits {string.Join(',', allowed)}");
                // Every unsafe staff request needs the antiforgery header, and only those.
                Assert.True(endpoint.IsUnsafe == requirement.TryGetProperty("csrfHeader", out _), $"{method} {path}: csrfHeader");
                foreach (var status in new[] { "401", "403" }) Assert.True(operation.GetProperty("responses").TryGetProperty(status, out _), $"{method} {path}: no {status}");
            }
        }
    }

    [Fact]
    public async Task OperationIds_AreUniqueCamelCase_AndTheIntegrationOnesAreNamed()
    {
        using var document = JsonDocument.Parse(await App.NewClient().GetStringAsync("/openapi/v1.json", Ct));
        var ids = Operations(document).Select(o => o.Operation.GetProperty("operationId").GetString()!).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[a-z][A-Za-z0-9]*$", id));
        Assert.Contains("submitTthcRatings", ids);
        Assert.Contains("createInvitation", ids);
        Assert.Contains("putAdminAgenciesByCode", ids); // PUT /api/admin/agencies/{code}, derived from the route
    }

    [Fact]
    public async Task Refusals_AreProblemDetails_AndRouteIdsCanBe404()
    {
        using var document = JsonDocument.Parse(await App.NewClient().GetStringAsync("/openapi/v1.json", Ct));
        var shared = document.RootElement.GetProperty("components").GetProperty("responses");

        foreach (var (method, path, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            if (path.Contains('{')) Assert.True(responses.TryGetProperty("404", out _), $"{method} {path}: no 404");
            foreach (var response in responses.EnumerateObject().Where(r => r.Name[0] is '4' or '5'))
            {
                var body = response.Value.TryGetProperty("$ref", out var reference)
                    ? shared.GetProperty(reference.GetString()!.Split('/')[^1]) : response.Value;
                Assert.True(body.GetProperty("content").TryGetProperty("application/problem+json", out _),
                    $"{method} {path} {response.Name}: not application/problem+json");
            }
        }
        Assert.Contains("code", document.RootElement.GetProperty("components").GetProperty("schemas")
            .GetProperty("ProblemDetails").GetProperty("properties").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Tags_AreDeclaredWithVietnameseAndEnglishDescriptions()
    {
        using var document = JsonDocument.Parse(await App.NewClient().GetStringAsync("/openapi/v1.json", Ct));
        var declared = document.RootElement.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var used = Operations(document).SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)).ToHashSet();

        Assert.True(used.SetEquals(declared.Keys), "tags used: " + string.Join(", ", used));
        Assert.All(declared, tag => Assert.True(tag.Value?.Contains(" / ") == true, $"tag {tag.Key}: no 'Vietnamese / English' description"));
    }
}
