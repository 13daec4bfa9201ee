using Sipas.Api.Auth;

namespace Sipas.Api.ServicePoints;

public static class ServicePointsApi
{
    public static void MapServicePoints(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/service-points").WithTags("Service points")
            .RequireAuthorization(Policies.Admin).RequireCsrf();
        admin.MapGet("/", ManageServicePoints.List).WithSummary("Every service point, with its short link");
        admin.MapPost("/", ManageServicePoints.Create).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Create a service point (counter, desk) of an agency");
        admin.MapPut("/{code}", ManageServicePoints.Update).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Edit a service point");
        admin.MapGet("/{code}/poster.pdf", ServicePointPosters.One).ProducesProblem(StatusCodes.Status409Conflict).Produces(StatusCodes.Status200OK, contentType: "application/pdf").WithSummary("The service point's printable A4 QR poster (PDF)");
        admin.MapPost("/{code}/retire", ManageServicePoints.Retire).WithSummary("Retire a service point: it stops taking responses; history stays");

        routes.MapGroup("/api/admin/agencies").WithTags("Service points").RequireAuthorization(Policies.Admin)
            .MapGet("/{agencyCode}/posters.pdf", ServicePointPosters.OfAgency).Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .WithSummary("QR posters of every active service point of an agency, one A4 page each (PDF)");

        routes.MapGet("/api/service-points/{code}/qr.svg", ServicePointQr.Handle).Produces(StatusCodes.Status200OK, contentType: "image/svg+xml").WithTags("Service points")
            .WithSummary("The QR code (SVG) of a service point's short link").AllowAnonymous();
    }
}
