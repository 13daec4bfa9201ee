using System.Text.Json;

namespace Sipas.Api.Setup;

/// <summary>
/// The ceiling the ingest benchmark compares the citizens' door with (issue 17): an endpoint that goes through the
/// same middleware, parses the same JSON body and answers 201 with a receipt, and does nothing else. Mapped only when
/// <c>Sipas:Bench:NoOpEndpoint</c> is true, which only <c>./sipas bench ingest</c> sets; never in production.
/// </summary>
public static class NoOpEndpoint
{
    public const string Setting = "Sipas:Bench:NoOpEndpoint";

    public static void MapBenchNoOp(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>(Setting)) return;
        app.MapPost("/api/bench/no-op/{code}", async (string code, HttpRequest request, CancellationToken ct) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
            var id = body.RootElement.TryGetProperty("clientId", out var value) ? value.GetString() : null;
            return TypedResults.Created($"/api/bench/no-op/{code}/{id}", new { id, receivedAt = DateTimeOffset.UtcNow });
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
