using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Auth;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.IndicatorTargets;

public record TargetRequest(
    [property: Required(ErrorMessage = Messages.Required), StringLength(2, ErrorMessage = Messages.MaxLength)] string Comparator,
    [property: Required(ErrorMessage = Messages.Required)] decimal? ThresholdPercent,
    [property: Required(ErrorMessage = Messages.Required), StringLength(300, ErrorMessage = Messages.MaxLength)] string LegalBasis);

/// <param name="Current">False for rows a later change superseded (kept as history).</param>
public record TargetRow(int Id, string Indicator, int Year, string Comparator, decimal ThresholdPercent, string LegalBasis,
    DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? SupersededAt, bool Current);

/// <summary>
/// Targets (chỉ tiêu) per indicator and year. A change never overwrites: the current row is marked superseded
/// (when, by which row) and a new row is added, so the history of who set what, when, stays in the table.
/// </summary>
public static class ManageTargets
{
    public static readonly IReadOnlyList<string> Indicators = ["TTHC", "SIPAS", "HEALTH", "EDUCATION", "LAND", "CONSTRUCTION", "INVESTMENT"];

    public static void MapTargets(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/api/admin/targets").WithTags("Targets").RequireAuthorization(Policies.Admin).RequireCsrf();
        admin.MapGet("/", List).WithSummary("Every target row, current and superseded (history), newest first per indicator and year");
        admin.MapPut("/{indicator}/{year:int}", Set)
            .WithSummary("Set the target of an indicator for a year; the current row is kept as history, never overwritten");
    }

    public static Task<List<TargetRow>> List(SipasDb db, int? year, CancellationToken ct) =>
        db.Targets.AsNoTracking().Where(t => year == null || t.Year == year)
            .OrderByDescending(t => t.Year).ThenBy(t => t.Indicator).ThenByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new TargetRow(t.Id, t.Indicator, t.Year, t.Comparator, t.ThresholdPercent, t.LegalBasis, t.CreatedAt,
                t.CreatedBy, t.SupersededAt, t.SupersededAt == null))
            .ToListAsync(ct);

    public static async Task<Results<Ok<TargetRow>, ValidationProblem>> Set(string indicator, int year, TargetRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        indicator = indicator.ToUpperInvariant();
        var comparator = body.Comparator.Trim() switch { ">=" => "≥", var c => c };
        var errors = new Dictionary<string, string[]>();
        if (!Indicators.Contains(indicator))
            errors["indicator"] = [$"Chỉ số phải là một trong {string.Join(", ", Indicators)} / The indicator must be one of {string.Join(", ", Indicators)}"];
        if (year is < 2000 or > 2100) errors["year"] = ["Năm từ 2000 đến 2100 / A year from 2000 to 2100"];
        if (comparator is not (">" or "≥")) errors["comparator"] = ["Phép so sánh là > hoặc ≥ / The comparator is > or ≥"];
        var threshold = body.ThresholdPercent ?? 0;
        if (threshold is <= 0 or > 100 || decimal.Round(threshold, 2) != threshold)
            errors["thresholdPercent"] = ["Ngưỡng là phần trăm trong (0; 100], tối đa 2 chữ số thập phân / The threshold is a percentage in (0, 100] with at most 2 decimals"];
        var basis = body.LegalBasis.Trim().Normalize(NormalizationForm.FormC);
        if (basis.Length == 0) errors["legalBasis"] = [Messages.Required];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Chỉ tiêu không hợp lệ / The target is not valid", detail: "Không có gì được lưu. / Nothing was stored.");

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two admins setting the same target at once: the second waits here and supersedes the first's row.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"target/" + indicator + "/" + year}, 0))", ct);
        var current = await db.Targets.SingleOrDefaultAsync(t => t.Indicator == indicator && t.Year == year && t.SupersededAt == null, ct);
        if (current is not null)
        {
            current.SupersededAt = now;
            await db.SaveChangesAsync(ct);
        }
        var row = new Target
        {
            Indicator = indicator, Year = year, Comparator = comparator, ThresholdPercent = threshold, LegalBasis = basis,
            CreatedAt = now, CreatedBy = user.Identity?.Name,
        };
        db.Targets.Add(row);
        await db.SaveChangesAsync(ct);
        if (current is not null) current.SupersededById = row.Id;
        AdminAudit.Record(db, AuditEntry.Entities.Target, $"{indicator}/{year}", current is null ? "create" : "change", user, now,
            current is null ? null : Row(current), Row(row));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(Row(row));
    }

    private static TargetRow Row(Target t) => new(t.Id, t.Indicator, t.Year, t.Comparator, t.ThresholdPercent, t.LegalBasis,
        t.CreatedAt, t.CreatedBy, t.SupersededAt, t.SupersededAt == null);
}
