using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Sipas.Data;

namespace Sipas.Api.ServicePoints;

public static class ServicePointQr
{
    /// <summary>The short link as an SVG QR code (error correction M: survives a worn sticker).</summary>
    public static async Task<Results<ContentHttpResult, NotFound>> Handle(string code, SipasDb db, HttpRequest request, CancellationToken ct)
    {
        code = code.ToUpperInvariant();
        if (!await db.ServicePoints.AnyAsync(p => p.Code == code, ct)) return TypedResults.NotFound();
        using var data = QRCodeGenerator.GenerateQrCode(ManageServicePoints.Link(request, code), QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(8);
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Content(svg, "image/svg+xml; charset=utf-8");
    }
}
