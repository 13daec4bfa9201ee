using Sipas.Api.Auth;

namespace Sipas.Api.Questionnaires;

public static class QuestionnairesApi
{
    public static void MapQuestionnaires(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/api/questionnaires").WithTags("Questionnaires").RequireAuthorization(Policies.Staff);
        staff.MapGet("/", ListQuestionnaires.Handle).WithSummary("Every questionnaire version with its status");
        staff.MapGet("/{code}/{version}", GetQuestionnaire.Handle).Produces(StatusCodes.Status200OK, contentType: "application/json").WithSummary("A questionnaire version's definition (interchange JSON)");

        var admin = routes.MapGroup("/api/admin/questionnaires").WithTags("Questionnaires")
            .RequireAuthorization(Policies.Admin).RequireCsrf();
        admin.MapPost("/", UploadQuestionnaire.Handle).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Upload a questionnaire JSON as a draft; every fault is reported with its JSON path")
            .Accepts<object>("application/json");
        admin.MapPut("/{code}/{version}", UploadQuestionnaire.Replace).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace a draft's definition (a published version is immutable)")
            .Accepts<object>("application/json");
        admin.MapPost("/{code}/{version}/publish", PublishQuestionnaire.Handle).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Publish a draft: it becomes immutable");
        admin.MapPost("/{code}/{version}/retire", PublishQuestionnaire.Retire).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Retire a published version");
        admin.MapPost("/{code}/{version}/copy", UploadQuestionnaire.Copy).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Copy a version into a new draft with the version number given ({\"version\": \"2026.1\"})");
    }
}
