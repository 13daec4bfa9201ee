using Microsoft.AspNetCore.Mvc;
using Sipas.Api.Intake;
using Sipas.Api.Setup;

namespace Sipas.Api.Citizens;

/// <summary>The public, anonymous endpoints a citizen's phone talks to.</summary>
public static class CitizensApi
{
    public static void MapCitizens(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/public/service-points/{code}").WithTags("Citizens").AllowAnonymous();
        group.MapGet("/", GetServicePointSurvey.Handle).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("A service point's open survey: questionnaire (both languages), wave, agency, area")
            .RequireRateLimiting(RateLimits.PublicRead);
        group.MapPost("/responses", SubmitResponse.Handle).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Submit a completed questionnaire; idempotent on clientId; header X-Sipas-Device: the device credential")
            .Accepts<SubmitResponseBody>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(SubmitResponse.MaxBodyBytes));

        var invitations = routes.MapGroup("/api/public/invitations/{token}").WithTags("Citizens").AllowAnonymous();
        invitations.MapGet("/", InvitationDoor.GetSurvey).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("The survey of an invitation link (/r/{token}): a rating bound to one dossier")
            .RequireRateLimiting(RateLimits.PublicRead);
        invitations.MapPost("/responses", InvitationDoor.Submit).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status410Gone).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Submit the rating of an invitation link (once per dossier; a verified rating)")
            .Accepts<SubmitResponseBody>("application/json")
            .WithMetadata(new RequestSizeLimitAttribute(SubmitResponse.MaxBodyBytes));

        routes.MapPost("/api/public/devices", IssueDevice.Handle).WithTags("Citizens").AllowAnonymous()
            .WithSummary("A device credential signed by the server, asked for when a form starts")
            .Accepts<DeviceRequest>("application/json")
            .RequireRateLimiting(RateLimits.PublicRead);
    }

    public static IServiceCollection AddCitizens(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddSingleton<SurveyDirectory>();
        services.AddIntake();
        return services;
    }
}

/// <summary>The body of a submission, for the OpenAPI document (the handler reads it field by field).</summary>
/// <param name="ClientId">UUID generated on the phone: the idempotency key.</param>
/// <param name="Answers">Answers by item code: likert5 0..5 (0 = no opinion), option value(s), text or number; unanswered items omitted.</param>
/// <param name="DossierCode">Optional dossier code (mã hồ sơ); stored only as a keyed hash. Not with an invitation (bound to its dossier).</param>
/// <param name="StartedAt">When the person began answering (ISO 8601); kept as told, the server measures the time from the device credential.</param>
public record SubmitResponseBody(Guid ClientId, Dictionary<string, object> Answers, string? DossierCode, DateTimeOffset? StartedAt);
