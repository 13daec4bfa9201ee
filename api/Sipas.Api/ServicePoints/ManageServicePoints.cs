using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Citizens;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.ServicePoints;

public record AgencyRef(string Code, string NameVi, string NameEn);

public record ServicePointSummary(string Code, string NameVi, string? NameEn, AgencyRef Agency, string AreaCode,
    string? UnitCode, string? Address, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, string Link, string OpeningHours);

public record CreateServicePointRequest(
    [property: Required(ErrorMessage = Messages.Required), StringLength(20, ErrorMessage = Messages.MaxLength)] string Code,
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string NameVi,
    [property: StringLength(200, ErrorMessage = Messages.MaxLength)] string? NameEn,
    [property: Required(ErrorMessage = Messages.Required), StringLength(80, ErrorMessage = Messages.MaxLength)] string AgencyCode,
    [property: Required(ErrorMessage = Messages.Required), StringLength(20, ErrorMessage = Messages.MaxLength)] string AreaCode,
    [property: StringLength(10, ErrorMessage = Messages.MaxLength)] string? UnitCode,
    [property: StringLength(300, ErrorMessage = Messages.MaxLength)] string? Address,
    [property: StringLength(200, ErrorMessage = Messages.MaxLength)] string? OpeningHours = null);

public record UpdateServicePointRequest(
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string NameVi,
    [property: StringLength(200, ErrorMessage = Messages.MaxLength)] string? NameEn,
    [property: Required(ErrorMessage = Messages.Required), StringLength(80, ErrorMessage = Messages.MaxLength)] string AgencyCode,
    [property: Required(ErrorMessage = Messages.Required), StringLength(20, ErrorMessage = Messages.MaxLength)] string AreaCode,
    [property: StringLength(10, ErrorMessage = Messages.MaxLength)] string? UnitCode,
    [property: StringLength(300, ErrorMessage = Messages.MaxLength)] string? Address,
    [property: StringLength(200, ErrorMessage = Messages.MaxLength)] string? OpeningHours = null);

public static partial class ManageServicePoints
{
    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,19}$")]
    private static partial Regex CodePattern();

    public static async Task<List<ServicePointSummary>> List(SipasDb db, HttpRequest request, bool? includeRetired, CancellationToken ct)
    {
        var points = await db.ServicePoints.AsNoTracking().Include(p => p.Agency)
            .Where(p => includeRetired == true || p.RetiredAt == null).OrderBy(p => p.Code).ToListAsync(ct);
        return points.Select(p => Summary(p, request)).ToList();
    }

    public static async Task<Results<Created<ServicePointSummary>, ValidationProblem, ProblemHttpResult>> Create(
        CreateServicePointRequest body, ClaimsPrincipal user, SipasDb db, HttpRequest request, TimeProvider clock, CancellationToken ct)
    {
        var code = body.Code.Trim().ToUpperInvariant();
        var errors = new Dictionary<string, string[]>();
        if (!CodePattern().IsMatch(code))
            errors["code"] = ["Mã gồm 2-20 chữ in hoa, chữ số, dấu gạch nối (ví dụ XD-01) / 2-20 capital letters, digits or hyphens (e.g. XD-01)"];
        var (agency, unit) = await CheckPlace(body.AgencyCode, body.AreaCode, body.UnitCode, db, errors, ct);
        var hours = CheckHours(body.OpeningHours, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Điểm phục vụ không hợp lệ / The service point is not valid");
        if (await db.ServicePoints.AnyAsync(p => p.Code == code, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Mã {code} đã được dùng / The code {code} is taken");

        var point = new ServicePoint
        {
            Code = code, NameVi = Nfc(body.NameVi)!, NameEn = Nfc(body.NameEn), AgencyId = agency!.Id, Agency = agency,
            AreaCode = body.AreaCode, UnitCode = unit, Address = Nfc(body.Address), CreatedAt = clock.GetUtcNow(), OpeningHours = hours,
        };
        db.ServicePoints.Add(point);
        AdminAudit.Record(db, AuditEntry.Entities.ServicePoint, code, "create", user, point.CreatedAt, null, Summary(point, request));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/service-points/{code}", Summary(point, request));
    }

    public static async Task<Results<Ok<ServicePointSummary>, ValidationProblem, ProblemHttpResult, NotFound>> Update(
        string code, UpdateServicePointRequest body, ClaimsPrincipal user, SipasDb db, SurveyDirectory directory, HttpRequest request,
        TimeProvider clock, CancellationToken ct)
    {
        var point = await db.ServicePoints.Include(p => p.Agency).SingleOrDefaultAsync(p => p.Code == code.ToUpperInvariant(), ct);
        if (point is null) return TypedResults.NotFound();
        if (point.RetiredAt is not null)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Điểm phục vụ {point.Code} đã ngừng hoạt động / {point.Code} is retired");
        var errors = new Dictionary<string, string[]>();
        var (agency, unit) = await CheckPlace(body.AgencyCode, body.AreaCode, body.UnitCode, db, errors, ct);
        var hours = CheckHours(body.OpeningHours, errors);
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: "Điểm phục vụ không hợp lệ / The service point is not valid");

        var before = Summary(point, request);
        (point.NameVi, point.NameEn, point.AgencyId, point.Agency, point.AreaCode, point.UnitCode, point.Address, point.OpeningHours) =
            (Nfc(body.NameVi)!, Nfc(body.NameEn), agency!.Id, agency, body.AreaCode, unit, Nfc(body.Address), hours);
        AdminAudit.Record(db, AuditEntry.Entities.ServicePoint, point.Code, "update", user, clock.GetUtcNow(), before, Summary(point, request));
        await db.SaveChangesAsync(ct);
        directory.Forget(point.Code);
        return TypedResults.Ok(Summary(point, request));
    }

    public static async Task<Results<Ok<ServicePointSummary>, NotFound>> Retire(
        string code, ClaimsPrincipal user, SipasDb db, SurveyDirectory directory, HttpRequest request, TimeProvider clock,
        CancellationToken ct)
    {
        var point = await db.ServicePoints.Include(p => p.Agency).SingleOrDefaultAsync(p => p.Code == code.ToUpperInvariant(), ct);
        if (point is null) return TypedResults.NotFound();
        if (point.RetiredAt is null)
        {
            point.RetiredAt = clock.GetUtcNow();
            AdminAudit.Record(db, AuditEntry.Entities.ServicePoint, point.Code, "retire", user, point.RetiredAt.Value, null, Summary(point, request));
        }
        await db.SaveChangesAsync(ct);
        directory.Forget(point.Code);
        return TypedResults.Ok(Summary(point, request));
    }

    /// <summary>The agency must exist and serve the area; a commune must be a current unit (a commune's People's Committee defaults to its own).</summary>
    private static async Task<(Agency?, string?)> CheckPlace(string agencyCode, string areaCode, string? unitCode, SipasDb db,
        Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var agency = await db.Agencies.Include(a => a.Areas).SingleOrDefaultAsync(a => a.Code == agencyCode && a.ValidTo == null, ct);
        if (agency is null)
            errors["agencyCode"] = ["Không có cơ quan này / No such agency"];
        else if (agency.Areas.All(a => a.Code != areaCode))
            errors["areaCode"] = [$"{agency.NameVi} không phục vụ lĩnh vực này / {agency.NameEn} does not serve this area"];
        var unit = string.IsNullOrWhiteSpace(unitCode) ? agency?.UnitCode : unitCode.Trim();
        if (unit is not null && !await db.AdministrativeUnits.AnyAsync(u => u.Code == unit && u.ValidTo == null, ct))
            errors["unitCode"] = ["Không có xã, phường này / No such commune"];
        return (agency, unit);
    }

    /// <summary>Opening hours as the desk's notice says them (<see cref="OpeningHours"/>); empty: the one-stop default.</summary>
    private static string? CheckHours(string? text, Dictionary<string, string[]> errors)
    {
        var hours = Nfc(text)?.ToUpperInvariant();
        if (hours is not null && Intake.OpeningHours.Parse(hours) is null) errors["openingHours"] = [Intake.OpeningHours.Format];
        return hours;
    }

    private static string? Nfc(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Normalize(NormalizationForm.FormC);

    public static string Link(HttpRequest request, string code) => $"{request.Scheme}://{request.Host}/s/{code}";

    private static ServicePointSummary Summary(ServicePoint p, HttpRequest request) => new(p.Code, p.NameVi, p.NameEn,
        new AgencyRef(p.Agency!.Code, p.Agency.NameVi, p.Agency.NameEn), p.AreaCode, p.UnitCode, p.Address, p.CreatedAt,
        p.RetiredAt, Link(request, p.Code), p.OpeningHours ?? Intake.OpeningHours.Default);
}
