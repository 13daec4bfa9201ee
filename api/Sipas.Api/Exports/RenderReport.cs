using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Jobs;

namespace Sipas.Api.Exports;

/// <summary>A snapshot's report of one kind in one language: rendering status and progress, and the PDF's fingerprint once rendered.</summary>
public record ReportStatus(int SnapshotId, string Kind, string Language, string Status, int Progress, string Phase, string RequestedBy,
    DateTimeOffset RequestedAt, DateTimeOffset? RenderedAt, string? Sha256, int? Bytes, string? Error, string? Download)
{
    public static ReportStatus From(SnapshotReport r, int? bytes) => new(r.SnapshotId, r.Kind, r.Language, r.Status.ToString().ToLowerInvariant(),
        r.Progress, r.Phase, r.RequestedBy, r.RequestedAt, r.RenderedAt, r.Sha256 is null ? null : Convert.ToHexStringLower(r.Sha256),
        bytes, r.Error, r.Sha256 is null ? null : $"{Path(r.SnapshotId, r.Kind, r.Language)}.pdf");

    /// <summary>The report's address: the province report keeps its short one (<c>…/reports/vi</c>), other kinds name theirs.</summary>
    public static string Path(int snapshotId, string kind, string language) => kind == SnapshotReport.Province
        ? $"/api/results/snapshots/{snapshotId}/reports/{language}"
        : $"/api/results/snapshots/{snapshotId}/reports/{kind}/{language}";
}

public static class RenderReport
{
    /// <summary>Queues the rendering of a completed snapshot's province report in Vietnamese or English; returns its status to poll.</summary>
    public static Task<Results<Accepted<ReportStatus>, NotFound, ProblemHttpResult>> Handle(int id, string language,
        ClaimsPrincipal user, SipasDb db, ReportRequests requests, CancellationToken ct) =>
        HandleKind(id, SnapshotReport.Province, language, user, db, requests, ct);

    /// <summary>Queues the rendering of a completed snapshot's report of <paramref name="kind"/>; returns its status to poll.</summary>
    public static async Task<Results<Accepted<ReportStatus>, NotFound, ProblemHttpResult>> HandleKind(int id, string kind, string language,
        ClaimsPrincipal user, SipasDb db, ReportRequests requests, CancellationToken ct)
    {
        var snapshot = await db.Snapshots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (snapshot is null) return TypedResults.NotFound();
        if (snapshot.Status != SnapshotStatus.Completed)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: "Kết quả chưa tính xong, chưa thể lập báo cáo / The snapshot has not completed; there is nothing to report yet");
        var report = await requests.Enqueue(id, kind, language, user.Identity?.Name ?? "?", ct);
        return TypedResults.Accepted(ReportStatus.Path(id, kind, language), ReportStatus.From(report, null));
    }

    /// <summary>The province report's rendering status (poll until <c>completed</c> or <c>failed</c>).</summary>
    public static Task<Results<Ok<ReportStatus>, NotFound>> Status(int id, string language, SipasDb db, CancellationToken ct) =>
        StatusKind(id, SnapshotReport.Province, language, db, ct);

    /// <summary>The rendering status of the snapshot's report of <paramref name="kind"/>.</summary>
    public static async Task<Results<Ok<ReportStatus>, NotFound>> StatusKind(int id, string kind, string language, SipasDb db, CancellationToken ct)
    {
        var found = await db.SnapshotReports.AsNoTracking().Where(r => r.SnapshotId == id && r.Kind == kind && r.Language == language)
            .Select(r => new { Report = new SnapshotReport
            {
                SnapshotId = r.SnapshotId, Kind = r.Kind, Language = r.Language, Status = r.Status, Progress = r.Progress, Phase = r.Phase,
                RequestedAt = r.RequestedAt, RequestedBy = r.RequestedBy, Sha256 = r.Sha256, RenderedAt = r.RenderedAt,
                Error = r.Error, JobId = r.JobId,
            }, Bytes = r.Pdf == null ? (int?)null : r.Pdf.Length }).SingleOrDefaultAsync(ct);
        return found is null ? TypedResults.NotFound() : TypedResults.Ok(ReportStatus.From(found.Report, found.Bytes));
    }
}
