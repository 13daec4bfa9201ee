using Sipas.Api.Auth;

namespace Sipas.Api.Exports;

/// <summary>
/// Downloads for analysts and admins: a snapshot's results CSV and summary workbook (from stored rows only) and a
/// wave's microdata (the responses CSV of interchange.md, streamed from PostgreSQL).
/// </summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/results").WithTags("Exports").RequireAuthorization(Policies.Analyst);
        group.MapGet("/snapshots/{id:int}/results.csv", ExportResultsCsv.Handle)
            .WithSummary("The snapshot's official figures as the results CSV of interchange.md (stored rows, not recomputed)");
        group.MapGet("/snapshots/{id:int}/summary.xlsx", ExportSummaryXlsx.Handle)
            .WithSummary("Summary tables (indicators with verdicts, areas, agencies, communes, elements and criteria) as an XLSX workbook");
        group.MapGet("/waves/{wave}/responses", ExportResponsesCsv.List)
            .WithSummary("The wave's microdata files: one responses CSV per questionnaire version, with its row count");
        group.MapGet("/waves/{wave}/responses.csv", ExportResponsesCsv.Handle)
            .WithSummary("The wave's responses to one questionnaire version as the responses CSV of interchange.md, streamed");
        return group;
    }
}
