using Sipas.Api.Auth;

namespace Sipas.Api.Waves;

public static class WavesApi
{
    public static void MapWaves(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/waves").WithTags("Waves").RequireAuthorization(Policies.Admin).RequireCsrf();
        admin.MapGet("/", ManageWaves.List).WithSummary("Every wave with its status, scope and counts per channel");
        admin.MapGet("/{code}", ManageWaves.Get).WithSummary("One wave with its counts per channel");
        admin.MapPost("/", ManageWaves.Create).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Create a draft wave (code, dates, look-back period, questionnaires, scope, official channels)");
        admin.MapPut("/{code}", ManageWaves.Update).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Edit a draft wave");
        admin.MapPost("/{code}/open", ManageWaves.Open).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Open a draft wave: it needs a published questionnaire and an active service point in scope or an assignment");
        admin.MapPost("/{code}/close", ManageWaves.Close).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Close an open wave: it takes no more responses");
    }
}
