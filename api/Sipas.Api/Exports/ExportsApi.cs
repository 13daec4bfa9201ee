using Sipas.Api.Auth;

namespace Sipas.Api.Exports;

/// <summary>
/// Downloads for analysts and admins: a snapshot's results CSV and summary workbook (from stored rows only) and a
/// wave's microdata (the responses CSV of interchange.md, streamed from PostgreSQL); the snapshot's PDF report,
/// rendered by a job and stored with the snapshot.
/// </summary>
public static class ExportsApi
{
    public static RouteGroupBuilder MapExports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/results").WithTags("Exports").RequireAuthorization(Policies.Analyst);
        group.MapGet("/snapshots/{id:int}/results.csv", ExportResultsCsv.Handle).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The snapshot's official figures as the results CSV of interchange.md (stored rows, not recomputed)");
        group.MapGet("/snapshots/{id:int}/summary.xlsx", ExportSummaryXlsx.Handle).Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .WithSummary("Summary tables (indicators with verdicts, areas, agencies, communes, elements and criteria) as an XLSX workbook");
        group.MapGet("/waves/{wave}/responses", ExportResponsesCsv.List)
            .WithSummary("The wave's microdata files: one responses CSV per questionnaire version, with its row count");
        group.MapGet("/waves/{wave}/responses.csv", ExportResponsesCsv.Handle).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The wave's responses to one questionnaire version as the responses CSV of interchange.md, streamed");
        group.MapPost("/snapshots/{id:int}/reports/{language:regex(^(vi|en)$)}", RenderReport.Handle).ProducesProblem(StatusCodes.Status409Conflict).RequireCsrf()
            .WithSummary("Render the snapshot's PDF report in Vietnamese (vi) or English (en) in a worker; returns its status to poll");
        group.MapGet("/snapshots/{id:int}/reports/{language:regex(^(vi|en)$)}", RenderReport.Status)
            .WithSummary("The report's rendering status and progress, and its SHA-256 once rendered");
        group.MapGet("/snapshots/{id:int}/reports/{language:regex(^(vi|en)$)}.pdf", DownloadReport.Handle).Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("Download the rendered report (application/pdf)");
        const string kinds = "{kind:regex(^(province|agency-scorecards|commune-scorecards|sector-land|sector-construction|sector-investment|health|education)$)}/{language:regex(^(vi|en)$)}";
        group.MapPost($"/snapshots/{{id:int}}/reports/{kinds}", RenderReport.HandleKind).ProducesProblem(StatusCodes.Status409Conflict).RequireCsrf()
            .WithSummary("Render a report kind of the snapshot (province, agency-scorecards, commune-scorecards, sector-land, sector-construction, sector-investment, health, education) in vi or en in a worker; returns its status to poll");
        group.MapGet($"/snapshots/{{id:int}}/reports/{kinds}", RenderReport.StatusKind)
            .WithSummary("A report kind's rendering status and progress, and its SHA-256 once rendered");
        group.MapGet($"/snapshots/{{id:int}}/reports/{kinds}.pdf", DownloadReport.HandleKind).Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("Download a rendered report kind (application/pdf; all scorecards in one PDF with a bookmark each)");
        group.MapGet("/snapshots/{id:int}/scorecards/{type:regex(^(agency|unit)$)}/{code}/{language:regex(^(vi|en)$)}.pdf", DownloadScorecard.Handle)
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("One agency's or commune's scorecard alone (application/pdf), rendered from the snapshot's stored rows");
        return group;
    }
}
