using Sipas.Api.Auth;

namespace Sipas.Api.Agencies;

public static class AgenciesApi
{
    public static void MapAgencies(this IEndpointRouteBuilder routes)
    {
        var agencies = routes.MapGroup("/api/admin/agencies").WithTags("Agencies and communes")
            .RequireAuthorization(Policies.Admin).RequireCsrf();
        agencies.MapGet("/", ManageAgencies.List).WithSummary("Agencies (with includeRetired=true, merged and retired ones too)");
        agencies.MapPost("/", ManageAgencies.Create).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Create an agency");
        agencies.MapPut("/{code}", ManageAgencies.Update).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Rename a current agency or change its areas");
        agencies.MapPost("/{code}/merge", ManageAgencies.Merge).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Merge an agency into a successor from a date; its active service points move, its responses stay");
        agencies.MapPost("/{code}/retire", ManageAgencies.Retire).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Retire an agency from a date; its active service points retire");

        var communes = routes.MapGroup("/api/admin/communes").WithTags("Agencies and communes")
            .RequireAuthorization(Policies.Admin).RequireCsrf();
        communes.MapGet("/", ManageCommunes.List).WithSummary("Communes (with includeRetired=true, merged and retired ones too)");
        communes.MapPost("/", ManageCommunes.Create).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Create a commune");
        communes.MapPut("/{code}", ManageCommunes.Update).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Rename a current commune");
        communes.MapPost("/{code}/merge", ManageCommunes.Merge).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Merge a commune into a successor from a date; its active service points move, its responses stay");
        communes.MapPost("/{code}/retire", ManageCommunes.Retire).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Retire a commune that has no active service point");
    }
}
