using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Exports;
using Sipas.Data;

namespace Sipas.Api.Results;

public static class ListReports
{
    /// <summary>
    /// Every report stored for a snapshot, each as the one-report endpoint answers it (<see cref="RenderReport.Status"/>),
    /// so the dashboard lists whatever reports exist without knowing their kinds. The PDFs themselves are not read.
    /// </summary>
    public static async Task<Results<Ok<List<ReportStatus>>, NotFound>> Handle(int id, SipasDb db, CancellationToken ct)
    {
        if (!await db.Snapshots.AnyAsync(s => s.Id == id, ct)) return TypedResults.NotFound();
        var stored = await db.SnapshotReports.AsNoTracking().Where(r => r.SnapshotId == id).Select(r => new { r.Kind, r.Language })
            .ToListAsync(ct);
        var list = new List<ReportStatus>();
        foreach (var r in stored.OrderBy(r => SnapshotReport.Kinds.ToList().IndexOf(r.Kind))
                     .ThenBy(r => r.Language == SnapshotReport.Vietnamese ? 0 : 1).ThenBy(r => r.Language, StringComparer.Ordinal))
            if ((await RenderReport.StatusKind(id, r.Kind, r.Language, db, ct)).Result is Ok<ReportStatus> ok) list.Add(ok.Value!);
        return TypedResults.Ok(list);
    }
}
