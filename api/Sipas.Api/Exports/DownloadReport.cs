using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Exports;

public static class DownloadReport
{
    /// <summary>
    /// The stored PDF, named in the report's language (Vietnamese with its diacritics through RFC 5987
    /// <c>filename*</c>, an ASCII <c>filename</c> beside it); its ETag is the PDF's SHA-256.
    /// </summary>
    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(int id, string language, SipasDb db,
        CancellationToken ct) => HandleKind(id, SnapshotReport.Province, language, db, ct);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> HandleKind(int id, string kind, string language, SipasDb db,
        CancellationToken ct)
    {
        var report = await db.SnapshotReports.AsNoTracking().Where(r => r.SnapshotId == id && r.Kind == kind && r.Language == language && r.Pdf != null)
            .Select(r => new { r.Pdf, r.Sha256, r.RenderedAt, Wave = db.Snapshots.Where(s => s.Id == id).Select(s => s.Wave!.Code).Single() })
            .SingleOrDefaultAsync(ct);
        if (report is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound,
                title: "Báo cáo chưa được lập; hãy yêu cầu lập báo cáo / The report has not been rendered; ask for it first");
        var name = (kind, language) switch
        {
            (SnapshotReport.AgencyScorecards, SnapshotReport.English) => $"Agency scorecards Nghe An {report.Wave} (snapshot {id}).pdf",
            (SnapshotReport.AgencyScorecards, _) => $"Phiếu điểm cơ quan Nghệ An {report.Wave} (kết quả {id}).pdf",
            (SnapshotReport.CommuneScorecards, SnapshotReport.English) => $"Commune scorecards Nghe An {report.Wave} (snapshot {id}).pdf",
            (SnapshotReport.CommuneScorecards, _) => $"Phiếu điểm xã, phường Nghệ An {report.Wave} (kết quả {id}).pdf",
            (_, SnapshotReport.English) => $"Satisfaction report Nghe An {report.Wave} (snapshot {id}).pdf",
            _ => $"Báo cáo hài lòng Nghệ An {report.Wave} (kết quả {id}).pdf",
        };
        return TypedResults.File(report.Pdf!, "application/pdf", name, enableRangeProcessing: false, report.RenderedAt,
            new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Convert.ToHexStringLower(report.Sha256!)}\""));
    }
}
