using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Auth;
using Sipas.Api.Clients;
using Sipas.Api.Setup;
using Sipas.Api.Setup.OpenApi;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.ParScoring;

/// <summary>
/// The survey component of the PAR scoring (docs/formats.md, "PAR scoring input"): admins set the rule per year and
/// indicator; analysts download any finished snapshot's component as CSV or XLSX; a client system (the scoring
/// software) fetches the latest published snapshot's component of a wave with its key, limited to its agencies.
/// </summary>
public static class ParScoringApi
{
    public static void MapParScoring(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/par-rules").WithTags("PAR scoring").RequireAuthorization(Policies.Admin).RequireCsrf();
        admin.MapGet("/", ManageParRules.List).WithSummary("Every PAR scoring rule, current and superseded (history), newest first per indicator and year");
        admin.MapPut("/{indicator}/{year:int}", ManageParRules.Set)
            .WithSummary("Set the PAR scoring rule of an indicator for a year (linear or bands); the current row is kept as history");

        var analyst = routes.MapGroup("/api/results/snapshots/{id:int}").WithTags("PAR scoring").RequireAuthorization(Policies.Analyst);
        analyst.MapGet("/par.csv", Csv).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The snapshot's PAR scoring input as CSV: every agency and commune, each indicator's estimate, interval, n, flags, rank and points");
        analyst.MapGet("/par.xlsx", Xlsx).Produces(StatusCodes.Status200OK, contentType: SummaryWorkbook.ContentType)
            .WithSummary("The snapshot's PAR scoring input as an XLSX workbook (Vietnamese / English column titles)");

        // Anonymous to the cookie scheme: the handler authenticates the client system's API key itself.
        routes.MapGroup("/api/integration").WithTags("Integration").AllowAnonymous().RequireClientKey()
            .MapGet("/waves/{wave}/par.csv", ForClient).WithName("getParScoringInput")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary($"The PAR scoring input of a wave's latest published snapshot, for a client system (header {ManageClients.KeyHeader}), limited to its agencies and their communes");
    }

    public static async Task<Results<FileContentHttpResult, NotFound>> Csv(int id, SipasDb db, CancellationToken ct) =>
        await ParComponent.LoadAsync(db, id, ct) is { } component ? CsvFile(component) : TypedResults.NotFound();

    public static async Task<Results<FileContentHttpResult, NotFound>> Xlsx(int id, SipasDb db, CancellationToken ct)
    {
        if (await ParComponent.LoadAsync(db, id, ct) is not { } component) return TypedResults.NotFound();
        using var buffer = new MemoryStream();
        ParFiles.WriteXlsx(component, buffer);
        return TypedResults.File(buffer.ToArray(), SummaryWorkbook.ContentType, $"par-{component.Wave}-snapshot-{component.SnapshotId}.xlsx");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ForClient(string wave, HttpRequest request, SipasDb db, CancellationToken ct)
    {
        if (await ManageClients.AuthenticateAsync(request, db, ct) is not { } client) return ManageClients.InvalidKey();
        var snapshotId = await db.Snapshots.AsNoTracking()
            .Where(s => s.Wave!.Code == wave && s.PublishedAt != null && s.Status == SnapshotStatus.Completed)
            .OrderByDescending(s => s.PublishedAt).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (snapshotId is null || await ParComponent.LoadAsync(db, snapshotId.Value, ct) is not { } component)
            return Problems.Coded(StatusCodes.Status404NotFound, "not-published",
                $"Đợt {wave} chưa có kết quả được công bố / Wave {wave} has no published results",
                "Điểm CCHC được lấy từ kết quả đã công bố. / PAR points come from published results.");
        var scope = await db.Agencies.AsNoTracking().Where(a => client.AgencyIds.Contains(a.Id)).Select(a => new { a.Code, a.UnitCode })
            .ToListAsync(ct);
        var agencies = scope.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        var units = scope.Where(a => a.UnitCode != null).Select(a => a.UnitCode!).ToHashSet(StringComparer.Ordinal);
        var rows = component.Rows.Where(r => r.UnitType == "agency" ? agencies.Contains(r.Code) : units.Contains(r.Code)).ToList();
        return CsvFile(new ParComponent
        {
            Year = component.Year, Wave = component.Wave, SnapshotId = component.SnapshotId, Published = true, Rows = rows,
        });
    }

    private static FileContentHttpResult CsvFile(ParComponent component)
    {
        using var buffer = new MemoryStream();
        ParFiles.WriteCsv(component, buffer);
        return TypedResults.File(buffer.ToArray(), ParFiles.CsvContentType, $"par-{component.Wave}-snapshot-{component.SnapshotId}.csv");
    }
}
