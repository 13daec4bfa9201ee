using Microsoft.AspNetCore.Mvc;
using Sipas.Api.Setup;

namespace Sipas.Api.Citizens;

/// <summary>The public, anonymous endpoints a citizen's phone talks to.</summary>
public static class CitizensApi
{
    public static RouteGroupBuilder MapCitizens(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/public/service-points/{code}").WithTags("Citizens").AllowAnonymous();
        group.MapGet("/", GetServicePointSurvey.Handle)
            .WithSummary("A service point's open survey: questionnaire (both languages), wave, agency, area")
            .RequireRateLimiting(RateLimits.PublicRead);
        group.MapPost("/responses", SubmitResponse.Handle)
            .WithSummary("Submit a completed questionnaire; idempotent on clientId")
            .Accepts<SubmitResponseBody>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(SubmitResponse.MaxBodyBytes));
        return group;
    }

    public static IServiceCollection AddCitizens(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<SurveyDirectory>();
        services.AddSingleton<DossierHasher>();
        services.AddSingleton<ResponseWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ResponseWriter>());
        return services;
    }
}

/// <summary>The body of a submission, for the OpenAPI document (the handler reads it field by field).</summary>
/// <param name="ClientId">UUID generated on the phone: the idempotency key.</param>
/// <param name="Answers">Answers by item code: likert5 0..5 (0 = no opinion), option value(s), text or number; unanswered items omitted.</param>
/// <param name="DossierCode">Optional dossier code (mã hồ sơ); stored only as a keyed hash.</param>
/// <param name="StartedAt">When the person began answering (ISO 8601).</param>
public record SubmitResponseBody(Guid ClientId, Dictionary<string, object> Answers, string? DossierCode, DateTimeOffset? StartedAt);
