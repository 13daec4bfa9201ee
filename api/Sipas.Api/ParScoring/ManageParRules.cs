using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Api.Setup;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.ParScoring;

/// <param name="Kind"><c>linear</c> (0 points at or below <c>FromPercent</c>, the maximum at or above <c>ToPercent</c>) or <c>bands</c>.</param>
/// <param name="Bands">For <c>bands</c>: thresholds in percent, increasing, each with its points (an estimate reaching a threshold earns its points).</param>
public record ParRuleRequest(string? Kind, decimal? MaxPoints, decimal? FromPercent, decimal? ToPercent, IReadOnlyList<ParBandRequest>? Bands,
    string? LegalBasis);

public record ParBandRequest(decimal MinPercent, decimal Points);

/// <param name="Current">False for rows a later change superseded (kept as history).</param>
public record ParRuleRow(int Id, string Indicator, int Year, string Kind, decimal MaxPoints, decimal? FromPercent, decimal? ToPercent,
    IReadOnlyList<ParBandRequest> Bands, string LegalBasis, DateTimeOffset CreatedAt, string? CreatedBy, DateTimeOffset? SupersededAt, bool Current);

/// <summary>
/// The rules turning survey estimates into points of the province's PAR scoring, per indicator and year. As with
/// targets, a change never overwrites: the current row is superseded and kept as history, and the change is audited.
/// </summary>
public static class ManageParRules
{
    public static Task<List<ParRuleRow>> List(SipasDb db, int? year, CancellationToken ct) =>
        db.ParScoringRules.AsNoTracking().Where(r => year == null || r.Year == year)
            .OrderByDescending(r => r.Year).ThenBy(r => r.Indicator).ThenByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .AsAsyncEnumerable().Select(Row).ToListAsync(ct).AsTask();

    public static async Task<Results<Ok<ParRuleRow>, ValidationProblem>> Set(string indicator, int year, ParRuleRequest body,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        indicator = indicator.ToUpperInvariant();
        var kind = body.Kind?.Trim().ToLowerInvariant();
        var bands = body.Bands ?? [];
        var errors = new Dictionary<string, string[]>();
        if (!ParComponent.Indicators.Contains(indicator))
            errors["indicator"] = [$"Chỉ số phải là một trong {string.Join(", ", ParComponent.Indicators)} / The indicator must be one of {string.Join(", ", ParComponent.Indicators)}"];
        if (year is < 2000 or > 2100) errors["year"] = ["Năm từ 2000 đến 2100 / A year from 2000 to 2100"];
        if (kind is not ("linear" or "bands")) errors["kind"] = ["Cách tính là linear (tuyến tính) hoặc bands (theo mức) / The kind is linear or bands"];
        if (body.MaxPoints is null) errors["maxPoints"] = [Messages.Required];
        if (kind == "linear" && body.FromPercent is null) errors["fromPercent"] = [Messages.Required];
        if (kind == "linear" && body.ToPercent is null) errors["toPercent"] = [Messages.Required];
        if (kind == "linear" && bands.Count > 0) errors["bands"] = ["Cách tính tuyến tính không có mức / A linear rule has no bands"];
        if (kind == "bands" && (body.FromPercent ?? body.ToPercent) is not null)
            errors["fromPercent"] = ["Cách tính theo mức không dùng ngưỡng tuyến tính / A banded rule has no linear thresholds"];
        foreach (var (field, value) in Decimals(body, bands))
            if (decimal.Round(value, 2) != value) errors[field] = ["Tối đa 2 chữ số thập phân / At most 2 decimals"];
        var basis = body.LegalBasis?.Trim().Normalize(NormalizationForm.FormC) ?? "";
        if (basis.Length == 0) errors["legalBasis"] = [Messages.Required];
        else if (basis.Length > 300) errors["legalBasis"] = [Messages.MaxLength];
        // Every fault at once: the rule's own checks run whenever its kind and maximum are readable.
        if (kind is "linear" or "bands" && body.MaxPoints is not null)
        {
            var rule = new ParRule(kind == "bands" ? ParRuleKind.Bands : ParRuleKind.Linear, (double)body.MaxPoints!.Value,
                (double)(body.FromPercent ?? 0), (double)(body.ToPercent ?? 0), bands.Select(b => new ParBand((double)b.MinPercent, (double)b.Points)).ToList());
            foreach (var (field, message) in rule.Faults()) errors.TryAdd(field, [message]);
        }
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors, title: "Quy tắc tính điểm không hợp lệ / The scoring rule is not valid",
                detail: "Không có gì được lưu. / Nothing was stored.");

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two admins setting the same rule at once: the second waits here and supersedes the first's row.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"par-rule/" + indicator + "/" + year}, 0))", ct);
        var current = await db.ParScoringRules.SingleOrDefaultAsync(r => r.Indicator == indicator && r.Year == year && r.SupersededAt == null, ct);
        if (current is not null)
        {
            current.SupersededAt = now;
            await db.SaveChangesAsync(ct);
        }
        var row = new ParScoringRule
        {
            Indicator = indicator, Year = year, Kind = kind!, MaxPoints = body.MaxPoints!.Value,
            FromPercent = kind == "linear" ? body.FromPercent : null, ToPercent = kind == "linear" ? body.ToPercent : null,
            BandMinPercent = bands.Select(b => b.MinPercent).ToArray(), BandPoints = bands.Select(b => b.Points).ToArray(),
            LegalBasis = basis, CreatedAt = now, CreatedBy = user.Identity?.Name,
        };
        db.ParScoringRules.Add(row);
        await db.SaveChangesAsync(ct);
        if (current is not null) current.SupersededById = row.Id;
        AdminAudit.Record(db, AuditEntry.Entities.ParScoringRule, $"{indicator}/{year}", current is null ? "create" : "change", user, now,
            current is null ? null : Row(current), Row(row));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(Row(row));
    }

    private static IEnumerable<(string Field, decimal Value)> Decimals(ParRuleRequest body, IReadOnlyList<ParBandRequest> bands)
    {
        if (body.MaxPoints is { } max) yield return ("maxPoints", max);
        if (body.FromPercent is { } from) yield return ("fromPercent", from);
        if (body.ToPercent is { } to) yield return ("toPercent", to);
        for (var i = 0; i < bands.Count; i++)
        {
            yield return ($"bands[{i}].minPercent", bands[i].MinPercent);
            yield return ($"bands[{i}].points", bands[i].Points);
        }
    }

    private static ParRuleRow Row(ParScoringRule r) => new(r.Id, r.Indicator, r.Year, r.Kind, r.MaxPoints, r.FromPercent, r.ToPercent,
        r.BandMinPercent.Zip(r.BandPoints, (min, points) => new ParBandRequest(min, points)).ToList(), r.LegalBasis, r.CreatedAt,
        r.CreatedBy, r.SupersededAt, r.SupersededAt == null);
}
