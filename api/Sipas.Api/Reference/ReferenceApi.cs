using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Data.Seed;

namespace Sipas.Api.Reference;

public record AreaSummary(string Code, string NameVi, string NameEn);
public record UnitSummary(string Code, string Name, string FullName, string NameEn, string Type);
public record AgencySummary(string Code, string NameVi, string NameEn, string Kind, string? UnitCode, bool Verified, IReadOnlyList<string> Areas);

/// <summary>Public reference lists: service areas, communes, agencies (public information, anonymous, cacheable).</summary>
public static class ReferenceApi
{
    public static RouteGroupBuilder MapReference(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/reference").WithTags("Reference").AllowAnonymous()
            .CacheOutputHeaders(TimeSpan.FromMinutes(5));
        group.MapGet("/areas", (SipasDb db, CancellationToken ct) => db.ServiceAreas.AsNoTracking().OrderBy(a => a.SortOrder)
            .Select(a => new AreaSummary(a.Code, a.NameVi, a.NameEn)).ToListAsync(ct))
            .WithSummary("Service areas (lĩnh vực)");
        group.MapGet("/units", (SipasDb db, CancellationToken ct) => db.AdministrativeUnits.AsNoTracking()
            .Where(u => u.ValidTo == null).OrderBy(u => u.Code)
            .Select(u => new UnitSummary(u.Code, u.Name, u.FullName, u.NameEn, u.Type)).ToListAsync(ct))
            .WithSummary("Current commune-level units (xã, phường) with their statistics codes");
        group.MapGet("/agencies", (SipasDb db, CancellationToken ct, string? area) => db.Agencies.AsNoTracking()
            .Where(a => a.ValidTo == null && (area == null || a.Areas.Any(x => x.Code == area)))
            .OrderBy(a => a.Kind).ThenBy(a => a.Code)
            .Select(a => new AgencySummary(a.Code, a.NameVi, a.NameEn, a.Kind.ToString().ToLowerInvariant(), a.UnitCode,
                a.Verified, a.Areas.OrderBy(x => x.SortOrder).Select(x => x.Code).ToList()))
            .ToListAsync(ct))
            .WithSummary("Current agencies, optionally those serving one area");
        group.MapGet("/communes.geojson", () => TypedResults.Bytes(CommuneBoundaries.Value, "application/geo+json"))
            .WithSummary("Boundaries of Nghệ An's communes (GeoJSON, property code); MIT licence at /api/reference/communes.geojson.license");
        group.MapGet("/communes.geojson.license", () => TypedResults.Bytes(CommuneLicence.Value, "text/plain; charset=utf-8"))
            .WithSummary("Licence of the commune boundaries (MIT, vietnamese-provinces-database)");
        return group;
    }

    private static readonly Lazy<byte[]> CommuneBoundaries = new(() => SeedFiles.Read("reference/nghe-an-communes.geojson"));
    private static readonly Lazy<byte[]> CommuneLicence = new(() => SeedFiles.Read("reference/LICENSE-vietnamese-provinces-database.txt"));

    /// <summary>Lets browsers and proxies keep public reference data for a while.</summary>
    public static TBuilder CacheOutputHeaders<TBuilder>(this TBuilder builder, TimeSpan maxAge) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder>(async (context, next) =>
        {
            var result = await next(context);
            context.HttpContext.Response.Headers.CacheControl = $"public, max-age={(int)maxAge.TotalSeconds}";
            return result;
        });
}
