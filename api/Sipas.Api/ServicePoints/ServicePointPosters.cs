using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Reports;

namespace Sipas.Api.ServicePoints;

/// <summary>
/// Printable A4 QR posters (<see cref="QrPoster"/>): one service point's, or every active service point of an agency
/// in one PDF. The QR code and the printed text carry the short link <c>{scheme}://{host}/s/{code}</c>.
/// </summary>
public static class ServicePointPosters
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> One(string code, SipasDb db, HttpRequest request,
        CancellationToken ct)
    {
        code = code.ToUpperInvariant();
        var point = await db.ServicePoints.AsNoTracking().Include(p => p.Agency).SingleOrDefaultAsync(p => p.Code == code, ct);
        if (point is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: $"Không có điểm phục vụ {code} / No service point {code}");
        if (point.RetiredAt is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Điểm phục vụ {code} đã ngừng hoạt động, không in áp phích / Service point {code} is retired; no poster");
        return TypedResults.File(QrPoster.Render([Poster(point, request)]), "application/pdf", $"poster-{code}.pdf");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> OfAgency(string agencyCode, SipasDb db,
        HttpRequest request, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == agencyCode, ct);
        if (agency is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: $"Không có cơ quan {agencyCode} / No agency {agencyCode}");
        var points = await db.ServicePoints.AsNoTracking().Include(p => p.Agency)
            .Where(p => p.AgencyId == agency.Id && p.RetiredAt == null).OrderBy(p => p.Code).ToListAsync(ct);
        if (points.Count == 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: $"Cơ quan {agencyCode} chưa có điểm phục vụ đang hoạt động / Agency {agencyCode} has no active service point");
        return TypedResults.File(QrPoster.Render(points.Select(p => Poster(p, request))), "application/pdf",
            $"posters-{agency.Code}.pdf");
    }

    private static ServicePointPoster Poster(ServicePoint p, HttpRequest request) =>
        new(p.Agency!.NameVi, p.NameVi, ManageServicePoints.Link(request, p.Code), p.Code);
}
