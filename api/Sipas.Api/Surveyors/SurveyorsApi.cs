using Microsoft.AspNetCore.Mvc;
using Sipas.Api.Auth;

namespace Sipas.Api.Surveyors;

/// <summary>Paper forms keyed twice (surveyors), their reconciliation and file imports (supervisors).</summary>
public static class SurveyorsApi
{
    public static void MapSurveyors(this IEndpointRouteBuilder routes)
    {
        var surveyors = routes.MapGroup("/api/surveyors").WithTags("Surveyors")
            .RequireAuthorization(Policies.Surveyor).RequireCsrf();
        surveyors.MapGet("/forms", ListEntryForms.Handle)
            .WithSummary("Waves and questionnaires (scored items in order) a keyer can key");
        surveyors.MapPost("/keyings", KeyPaperForm.Handle).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Key a paper form (blind double entry: a second person keys the same serial)")
            .Accepts<KeyPaperFormBody>("application/json");

        var supervisors = routes.MapGroup("/api/supervisor").WithTags("Surveyors")
            .RequireAuthorization(Policies.Supervisor).RequireCsrf();
        supervisors.MapGet("/reconciliations", ListReconciliations.Handle)
            .WithSummary("Paper forms whose two keyings differ, waiting for a decision");
        supervisors.MapGet("/reconciliations/{wave}/{serial}", GetReconciliation.Handle)
            .WithSummary("Both keyings of a form side by side, field by field");
        supervisors.MapPost("/reconciliations/{wave}/{serial}", ReconcilePaperForm.Handle).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Decide the values of a form whose keyings differ: they become the response")
            .Accepts<ReconcilePaperFormBody>("application/json");
        supervisors.MapGet("/keyers", GetKeyerErrorRates.Handle)
            .WithSummary("Each keyer's error rate against the decided values");
        supervisors.MapPost("/imports/responses", ImportResponses.Handle).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Import a responses CSV (interchange.md); ?atomic=true stores nothing if any row is bad")
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(ImportResponses.MaxBytes));
    }
}
