using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sipas.Api.Results;
using Sipas.Api.Setup;

namespace Sipas.Api.PublicResults;

/// <summary>
/// The published results, for anyone (the public page /ket-qua): only snapshots that were published are reachable;
/// an unpublished or unknown snapshot is 404 on every endpoint. Answers carry an ETag and may be kept for five
/// minutes (a published snapshot never changes), and go through the public read rate limit.
/// </summary>
public static class PublicResultsApi
{
    public static RouteGroupBuilder MapPublicResults(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/public/results").WithTags("Public results").AllowAnonymous()
            .RequireRateLimiting(RateLimits.PublicRead);
        group.MapGet("/", PublishedResults.List).Produces<List<PublishedSnapshot>>()
            .WithSummary("Published snapshots, the latest of each wave, newest wave first");
        group.MapGet("/snapshots/{id:int}", PublishedResults.Get).Produces<PublishedSnapshot>().Produces(404)
            .WithSummary("A published snapshot: wave, when published, responses counted, questionnaire families");
        group.MapGet("/snapshots/{id:int}/indicators", PublishedResults.Indicators).Produces<List<PublicIndicator>>().Produces(404)
            .WithSummary("The province's indicators against the year's targets, with the verdicts stored with the snapshot");
        group.MapGet("/snapshots/{id:int}/rankings", PublishedResults.Rankings).Produces<LeagueTable>().Produces(404)
            .WithSummary("League table of agencies (groupType=agency) or communes (unit) on one indicator, rank with its 95% interval");
        group.MapGet("/snapshots/{id:int}/results.csv", PublishedResults.ResultsCsv).Produces(200, contentType: "text/csv").Produces(404)
            .WithSummary("Open data: the published official figures as results.csv (interchange.md), read from the stored rows");
        group.MapGet("/snapshots/{id:int}/rankings.csv", PublishedResults.RankingsCsv).Produces(200, contentType: "text/csv").Produces(404)
            .WithSummary("Open data: the league tables as rankings.csv (interchange.md)");
        group.MapGet("/dictionary.csv", PublishedResults.Dictionary).Produces(200, contentType: "text/csv")
            .WithSummary("Open data: the data dictionary of results.csv and rankings.csv (columns, meanings, units) and the licence");
        return group;
    }
}

/// <summary>Answers that browsers and proxies may keep: an ETag over the bytes (If-None-Match answers 304) and Cache-Control.</summary>
public static class PublicCache
{
    public const string CacheControl = "public, max-age=300";

    public static IResult Json<T>(HttpContext http, T value)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return Bytes(http, JsonSerializer.SerializeToUtf8Bytes(value, options), "application/json; charset=utf-8");
    }

    public static IResult Bytes(HttpContext http, byte[] bytes, string contentType, string? fileName = null)
    {
        http.Response.Headers.CacheControl = CacheControl;
        var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        return TypedResults.File(bytes, contentType, fileName, entityTag: tag);
    }
}
