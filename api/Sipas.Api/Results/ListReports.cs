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
        var languages = await db.SnapshotReports.AsNoTracking().Where(r => r.SnapshotId == id).Select(r => r.Language)
            .ToListAsync(ct);
        var list = new List<ReportStatus>();
        foreach (var language in languages.Distinct().OrderBy(l => l == SnapshotReport.Vietnamese ? 0 : 1).ThenBy(l => l, StringComparer.Ordinal))
            if ((await RenderReport.Status(id, language, db, ct)).Result is Ok<ReportStatus> ok) list.Add(ok.Value!);
        return TypedResults.Ok(list);
    }
}
