using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Agencies;

public record CommuneRequest(
    [property: StringLength(10, ErrorMessage = Messages.MaxLength)] string? Code,
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string Name,
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string FullName,
    [property: Required(ErrorMessage = Messages.Required), StringLength(200, ErrorMessage = Messages.MaxLength)] string NameEn,
    string? Type, DateOnly? ValidFrom, [property: StringLength(300, ErrorMessage = Messages.MaxLength)] string? LegalBasis);

public record CommuneRow(string Code, string Name, string FullName, string NameEn, string Type, DateOnly ValidFrom, DateOnly? ValidTo,
    string? SuccessorCode, string? LegalBasis);

/// <summary>
/// The communes (xã, phường): created, renamed, merged into a successor, retired. Responses keep the unit code
/// they were given for; active service points of a merged commune move to its successor.
/// </summary>
public static partial class ManageCommunes
{
    [GeneratedRegex("^[0-9]{5}$")]
    private static partial Regex CodePattern();

    private static readonly string[] Types = ["xa", "phuong", "dac-khu"];

    public static Task<List<CommuneRow>> List(SipasDb db, bool? includeRetired, CancellationToken ct) =>
        db.AdministrativeUnits.AsNoTracking().Where(u => includeRetired == true || u.ValidTo == null).OrderBy(u => u.Code)
            .Select(u => new CommuneRow(u.Code, u.Name, u.FullName, u.NameEn, u.Type, u.ValidFrom, u.ValidTo, u.SuccessorCode, u.LegalBasis))
            .ToListAsync(ct);

    public static async Task<Results<Created<CommuneRow>, ValidationProblem, ProblemHttpResult>> Create(CommuneRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = body.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code)) errors["code"] = ["Mã thống kê gồm 5 chữ số / The statistics code has 5 digits"];
        if (!Types.Contains(body.Type)) errors["type"] = ["Loại là xa, phuong hoặc dac-khu / The type is xa, phuong or dac-khu"];
        if (errors.Count > 0) return Invalid(errors);
        if (await db.AdministrativeUnits.AnyAsync(u => u.Code == code, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Mã {code} đã được dùng / The code {code} is taken");
        var unit = new AdministrativeUnit
        {
            Code = code, Name = Nfc(body.Name)!, FullName = Nfc(body.FullName)!, NameEn = Nfc(body.NameEn)!, Type = body.Type!,
            ProvinceCode = Sipas.Data.Seed.ReferenceData.ProvinceCode, ValidFrom = body.ValidFrom ?? DateOnly.FromDateTime(clock.GetUtcNow().Date),
            LegalBasis = Nfc(body.LegalBasis),
        };
        db.AdministrativeUnits.Add(unit);
        AdminAudit.Record(db, AuditEntry.Entities.Commune, code, "create", user, clock.GetUtcNow(), null, Row(unit));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/communes/{code}", Row(unit));
    }

    public static async Task<Results<Ok<CommuneRow>, ValidationProblem, ProblemHttpResult, NotFound>> Update(string code, CommuneRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var unit = await db.AdministrativeUnits.SingleOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null) return TypedResults.NotFound();
        if (unit.ValidTo is not null) return NotCurrent(unit);
        if (body.Type is not null && !Types.Contains(body.Type))
            return Invalid(new() { ["type"] = ["Loại là xa, phuong hoặc dac-khu / The type is xa, phuong or dac-khu"] });
        var before = Row(unit);
        (unit.Name, unit.FullName, unit.NameEn, unit.Type) = (Nfc(body.Name)!, Nfc(body.FullName)!, Nfc(body.NameEn)!, body.Type ?? unit.Type);
        if (body.LegalBasis is not null) unit.LegalBasis = Nfc(body.LegalBasis);
        AdminAudit.Record(db, AuditEntry.Entities.Commune, code, "update", user, clock.GetUtcNow(), before, Row(unit));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Row(unit));
    }

    public static async Task<Results<Ok<CommuneRow>, ValidationProblem, ProblemHttpResult, NotFound>> Merge(string code, MergeRequest body,
        ClaimsPrincipal user, SipasDb db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var unit = await db.AdministrativeUnits.SingleOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null) return TypedResults.NotFound();
        if (unit.ValidTo is not null) return NotCurrent(unit);
        var successor = await db.AdministrativeUnits.SingleOrDefaultAsync(u => u.Code == body.SuccessorCode && u.ValidTo == null, ct);
        var errors = new Dictionary<string, string[]>();
        if (successor is null || successor.Code == unit.Code)
            errors["successorCode"] = ["Xã, phường kế thừa phải là một đơn vị khác đang hoạt động / The successor must be another current commune"];
        if (body.On <= unit.ValidFrom) errors["on"] = ["Ngày sáp nhập phải sau ngày bắt đầu hiệu lực / The merge date must be after valid-from"];
        if (errors.Count > 0) return Invalid(errors);
        var now = clock.GetUtcNow();
        var before = Row(unit);
        unit.ValidTo = body.On.AddDays(-1);
        unit.SuccessorCode = successor!.Code;
        if (!string.IsNullOrWhiteSpace(body.LegalBasis)) unit.LegalBasis = Nfc(body.LegalBasis);
        foreach (var point in await db.ServicePoints.Where(p => p.UnitCode == code && p.RetiredAt == null).ToListAsync(ct))
        {
            AdminAudit.Record(db, AuditEntry.Entities.ServicePoint, point.Code, "move", user, now, new { Unit = code }, new { Unit = successor.Code });
            point.UnitCode = successor.Code;
        }
        AdminAudit.Record(db, AuditEntry.Entities.Commune, code, "merge", user, now, before, Row(unit));
        await db.SaveChangesAsync(ct);
        (cache as MemoryCache)?.Clear();
        return TypedResults.Ok(Row(unit));
    }

    public static async Task<Results<Ok<CommuneRow>, ValidationProblem, ProblemHttpResult, NotFound>> Retire(string code, RetireRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var unit = await db.AdministrativeUnits.SingleOrDefaultAsync(u => u.Code == code, ct);
        if (unit is null) return TypedResults.NotFound();
        if (unit.ValidTo is not null) return NotCurrent(unit);
        if (body.On <= unit.ValidFrom)
            return Invalid(new() { ["on"] = ["Ngày ngừng phải sau ngày bắt đầu hiệu lực / The retirement date must be after valid-from"] });
        if (await db.ServicePoints.AnyAsync(p => p.UnitCode == code && p.RetiredAt == null, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Xã, phường {code} còn điểm phục vụ đang hoạt động / Commune {code} still has active service points",
                detail: "Sáp nhập vào đơn vị kế thừa, hoặc chuyển các điểm phục vụ trước. / Merge it into its successor, or move the service points first.");
        var before = Row(unit);
        unit.ValidTo = body.On.AddDays(-1);
        if (!string.IsNullOrWhiteSpace(body.LegalBasis)) unit.LegalBasis = Nfc(body.LegalBasis);
        AdminAudit.Record(db, AuditEntry.Entities.Commune, code, "retire", user, clock.GetUtcNow(), before, Row(unit));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Row(unit));
    }

    private static ProblemHttpResult NotCurrent(AdministrativeUnit u) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: $"Xã, phường {u.Code} đã hết hiệu lực từ {VietnameseFormat.Date(u.ValidTo!.Value)} / Commune {u.Code} ended on {u.ValidTo:yyyy-MM-dd}",
        extensions: new Dictionary<string, object?> { ["code"] = "commune-not-current" });

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors,
        title: "Thông tin không hợp lệ / Not valid", detail: "Không có gì được lưu. / Nothing was stored.");

    private static string? Nfc(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Normalize(NormalizationForm.FormC);

    private static CommuneRow Row(AdministrativeUnit u) =>
        new(u.Code, u.Name, u.FullName, u.NameEn, u.Type, u.ValidFrom, u.ValidTo, u.SuccessorCode, u.LegalBasis);
}
