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

public record AgencyRequest(
    [property: StringLength(80, ErrorMessage = Messages.MaxLength)] string? Code,
    [property: Required(ErrorMessage = Messages.Required), StringLength(300, ErrorMessage = Messages.MaxLength)] string NameVi,
    [property: Required(ErrorMessage = Messages.Required), StringLength(300, ErrorMessage = Messages.MaxLength)] string NameEn,
    string? Kind, [property: StringLength(10, ErrorMessage = Messages.MaxLength)] string? UnitCode,
    IReadOnlyList<string>? AreaCodes, DateOnly? ValidFrom, [property: StringLength(500, ErrorMessage = Messages.MaxLength)] string? Note);

/// <param name="SuccessorCode">The agency (or commune) that takes this one over.</param>
/// <param name="On">The first day the successor serves in its place (valid-to is the day before).</param>
public record MergeRequest([property: Required(ErrorMessage = Messages.Required)] string SuccessorCode, DateOnly On,
    [property: StringLength(300, ErrorMessage = Messages.MaxLength)] string? LegalBasis);

public record RetireRequest(DateOnly On, [property: StringLength(300, ErrorMessage = Messages.MaxLength)] string? LegalBasis);

public record AgencyRow(string Code, string NameVi, string NameEn, string Kind, string? UnitCode, IReadOnlyList<string> Areas,
    DateOnly ValidFrom, DateOnly? ValidTo, string? SuccessorCode, bool Verified, string? Note, int Responses, int ActiveServicePoints);

/// <summary>
/// The seeded agencies, editable: created, renamed, merged into a successor, retired, with valid-from and
/// valid-to. Responses are never rewritten: they keep the agency id they were given for; only what still takes
/// responses (active service points) moves to the successor, and new responses for a merged or retired agency are
/// refused by the paths that take them.
/// </summary>
public static partial class ManageAgencies
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();

    public static async Task<List<AgencyRow>> List(SipasDb db, bool? includeRetired, CancellationToken ct)
    {
        var agencies = await db.Agencies.AsNoTracking().Include(a => a.Areas)
            .Where(a => includeRetired == true || a.ValidTo == null).OrderBy(a => a.Kind).ThenBy(a => a.Code).ToListAsync(ct);
        var codes = agencies.ToDictionary(a => a.Id, a => a.Code);
        var successors = await db.Agencies.AsNoTracking().Where(a => agencies.Select(x => x.SuccessorId).Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var responses = await db.Responses.GroupBy(r => r.AgencyId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        var points = await db.ServicePoints.Where(p => p.RetiredAt == null).GroupBy(p => p.AgencyId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return agencies.Select(a => Row(a, a.SuccessorId is { } s ? successors.GetValueOrDefault(s) : null,
            responses.GetValueOrDefault(a.Id), points.GetValueOrDefault(a.Id))).ToList();
    }

    public static async Task<Results<Created<AgencyRow>, ValidationProblem, ProblemHttpResult>> Create(AgencyRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = body.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
            errors["code"] = ["Mã gồm chữ thường, chữ số, dấu gạch nối (ví dụ so-xay-dung) / Lower-case letters, digits and hyphens (e.g. so-xay-dung)"];
        if (!Enum.TryParse<AgencyKind>(body.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            errors["kind"] = ["Loại là provincial, other hoặc commune / The kind is provincial, other or commune"];
        var agency = new Agency { Code = code, NameVi = "", NameEn = "", Kind = kind, ValidFrom = body.ValidFrom ?? DateOnly.FromDateTime(clock.GetUtcNow().Date) };
        await ApplyAsync(agency, body, db, errors, ct);
        if (errors.Count > 0) return Invalid(errors);
        if (await db.Agencies.AnyAsync(a => a.Code == code, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Mã {code} đã được dùng / The code {code} is taken");
        db.Agencies.Add(agency);
        AdminAudit.Record(db, AuditEntry.Entities.Agency, code, "create", user, clock.GetUtcNow(), null, State(agency));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/agencies/{code}", Row(agency, null, 0, 0));
    }

    /// <summary>Renames (or corrects the areas of) a current agency; its responses follow its id, so history shows the new name.</summary>
    public static async Task<Results<Ok<AgencyRow>, ValidationProblem, ProblemHttpResult, NotFound>> Update(string code, AgencyRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var agency = await db.Agencies.Include(a => a.Areas).SingleOrDefaultAsync(a => a.Code == code, ct);
        if (agency is null) return TypedResults.NotFound();
        if (agency.ValidTo is not null) return NotCurrent(agency);
        var before = State(agency);
        var errors = new Dictionary<string, string[]>();
        await ApplyAsync(agency, body, db, errors, ct);
        if (errors.Count > 0) return Invalid(errors);
        agency.Verified = true;
        AdminAudit.Record(db, AuditEntry.Entities.Agency, code, "update", user, clock.GetUtcNow(), before, State(agency));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Row(agency, null, 0, 0));
    }

    /// <summary>
    /// Merges an agency into a successor from a date: valid-to is set, the successor is recorded, the successor
    /// takes over the areas and the active service points; responses stay with the agency they were given for.
    /// </summary>
    public static async Task<Results<Ok<AgencyRow>, ValidationProblem, ProblemHttpResult, NotFound>> Merge(string code, MergeRequest body,
        ClaimsPrincipal user, SipasDb db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var agency = await db.Agencies.Include(a => a.Areas).SingleOrDefaultAsync(a => a.Code == code, ct);
        if (agency is null) return TypedResults.NotFound();
        if (agency.ValidTo is not null) return NotCurrent(agency);
        var successor = await db.Agencies.Include(a => a.Areas).SingleOrDefaultAsync(a => a.Code == body.SuccessorCode && a.ValidTo == null, ct);
        var errors = new Dictionary<string, string[]>();
        if (successor is null || successor.Id == agency.Id)
            errors["successorCode"] = ["Cơ quan kế thừa phải là một cơ quan khác đang hoạt động / The successor must be another current agency"];
        if (body.On <= agency.ValidFrom) errors["on"] = ["Ngày sáp nhập phải sau ngày bắt đầu hiệu lực / The merge date must be after valid-from"];
        if (errors.Count > 0) return Invalid(errors);

        var now = clock.GetUtcNow();
        var before = State(agency);
        agency.ValidTo = body.On.AddDays(-1);
        agency.SuccessorId = successor!.Id;
        if (!string.IsNullOrWhiteSpace(body.LegalBasis)) agency.Note = Nfc(body.LegalBasis);
        foreach (var area in agency.Areas.Where(a => successor.Areas.All(s => s.Code != a.Code))) successor.Areas.Add(area);
        var points = await db.ServicePoints.Where(p => p.AgencyId == agency.Id && p.RetiredAt == null).ToListAsync(ct);
        foreach (var point in points)
        {
            AdminAudit.Record(db, AuditEntry.Entities.ServicePoint, point.Code, "move", user, now,
                new { Agency = agency.Code }, new { Agency = successor.Code });
            point.AgencyId = successor.Id;
            if (agency.Kind == AgencyKind.Commune && point.UnitCode == agency.UnitCode && successor.UnitCode is not null)
                point.UnitCode = successor.UnitCode;
        }
        AdminAudit.Record(db, AuditEntry.Entities.Agency, code, "merge", user, now, before, State(agency));
        await db.SaveChangesAsync(ct);
        (cache as MemoryCache)?.Clear();
        return TypedResults.Ok(Row(agency, successor.Code, 0, 0));
    }

    /// <summary>Retires an agency from a date (no successor); its active service points are retired with it.</summary>
    public static async Task<Results<Ok<AgencyRow>, ValidationProblem, ProblemHttpResult, NotFound>> Retire(string code, RetireRequest body,
        ClaimsPrincipal user, SipasDb db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var agency = await db.Agencies.Include(a => a.Areas).SingleOrDefaultAsync(a => a.Code == code, ct);
        if (agency is null) return TypedResults.NotFound();
        if (agency.ValidTo is not null) return NotCurrent(agency);
        if (body.On <= agency.ValidFrom)
            return Invalid(new() { ["on"] = ["Ngày ngừng phải sau ngày bắt đầu hiệu lực / The retirement date must be after valid-from"] });
        var now = clock.GetUtcNow();
        var before = State(agency);
        agency.ValidTo = body.On.AddDays(-1);
        if (!string.IsNullOrWhiteSpace(body.LegalBasis)) agency.Note = Nfc(body.LegalBasis);
        foreach (var point in await db.ServicePoints.Where(p => p.AgencyId == agency.Id && p.RetiredAt == null).ToListAsync(ct))
        {
            point.RetiredAt = now;
            AdminAudit.Record(db, AuditEntry.Entities.ServicePoint, point.Code, "retire", user, now, null, new { point.Code, Agency = code });
        }
        AdminAudit.Record(db, AuditEntry.Entities.Agency, code, "retire", user, now, before, State(agency));
        await db.SaveChangesAsync(ct);
        (cache as MemoryCache)?.Clear();
        return TypedResults.Ok(Row(agency, null, 0, 0));
    }

    private static async Task ApplyAsync(Agency agency, AgencyRequest body, SipasDb db, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var codes = (body.AreaCodes ?? []).Distinct().ToList();
        var areas = await db.ServiceAreas.Where(a => codes.Contains(a.Code)).ToListAsync(ct);
        if (codes.Count == 0) errors["areaCodes"] = ["Cần ít nhất một lĩnh vực / At least one service area is required"];
        else if (areas.Count != codes.Count) errors["areaCodes"] = ["Có lĩnh vực không tồn tại / An area does not exist"];
        var unit = string.IsNullOrWhiteSpace(body.UnitCode) ? null : body.UnitCode.Trim();
        if (unit is not null && !await db.AdministrativeUnits.AnyAsync(u => u.Code == unit && u.ValidTo == null, ct))
            errors["unitCode"] = ["Không có xã, phường này / No such commune"];
        if (agency.Kind == AgencyKind.Commune && unit is null && agency.UnitCode is null)
            errors["unitCode"] = ["UBND xã, phường cần mã xã, phường / A commune's People's Committee needs its commune"];
        if (errors.Count > 0) return;
        agency.NameVi = Nfc(body.NameVi)!;
        agency.NameEn = Nfc(body.NameEn)!;
        agency.UnitCode = unit ?? agency.UnitCode;
        if (body.Note is not null) agency.Note = Nfc(body.Note);
        agency.Areas.RemoveAll(a => !codes.Contains(a.Code));
        agency.Areas.AddRange(areas.Where(a => agency.Areas.All(x => x.Code != a.Code)));
    }

    private static ProblemHttpResult NotCurrent(Agency agency) => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: $"Cơ quan {agency.Code} đã hết hiệu lực từ {VietnameseFormat.Date(agency.ValidTo!.Value)} / Agency {agency.Code} ended on {agency.ValidTo:yyyy-MM-dd}",
        extensions: new Dictionary<string, object?> { ["code"] = "agency-not-current" });

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors,
        title: "Thông tin không hợp lệ / Not valid", detail: "Không có gì được lưu. / Nothing was stored.");

    private static string? Nfc(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().Normalize(NormalizationForm.FormC);

    private static AgencyRow Row(Agency a, string? successor, int responses, int points) => new(a.Code, a.NameVi, a.NameEn,
        a.Kind.ToString().ToLowerInvariant(), a.UnitCode, a.Areas.Select(x => x.Code).Order().ToList(), a.ValidFrom, a.ValidTo,
        successor, a.Verified, a.Note, responses, points);

    private static object State(Agency a) => new
    {
        a.Code, a.NameVi, a.NameEn, Kind = a.Kind.ToString(), a.UnitCode, Areas = a.Areas.Select(x => x.Code).Order().ToArray(),
        a.ValidFrom, a.ValidTo, a.SuccessorId, a.Note,
    };
}
