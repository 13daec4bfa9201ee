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
            (SnapshotReport.SectorLand, SnapshotReport.English) => $"Land sector report Nghe An {report.Wave} (snapshot {id}).pdf",
            (SnapshotReport.SectorLand, _) => $"Báo cáo lĩnh vực đất đai Nghệ An {report.Wave} (kết quả {id}).pdf",
            (SnapshotReport.SectorConstruction, SnapshotReport.English) => $"Construction sector report Nghe An {report.Wave} (snapshot {id}).pdf",
            (SnapshotReport.SectorConstruction, _) => $"Báo cáo lĩnh vực xây dựng Nghệ An {report.Wave} (kết quả {id}).pdf",
            (SnapshotReport.SectorInvestment, SnapshotReport.English) => $"Investment sector report Nghe An {report.Wave} (snapshot {id}).pdf",
            (SnapshotReport.SectorInvestment, _) => $"Báo cáo lĩnh vực đầu tư Nghệ An {report.Wave} (kết quả {id}).pdf",
            (SnapshotReport.Health, SnapshotReport.English) => $"Health services report Nghe An {report.Wave} (snapshot {id}).pdf",
            (SnapshotReport.Health, _) => $"Báo cáo hài lòng dịch vụ y tế Nghệ An {report.Wave} (kết quả {id}).pdf",
            (SnapshotReport.Education, SnapshotReport.English) => $"Education report Nghe An {report.Wave} (snapshot {id}).pdf",
            (SnapshotReport.Education, _) => $"Báo cáo hài lòng dịch vụ giáo dục Nghệ An {report.Wave} (kết quả {id}).pdf",
            (_, SnapshotReport.English) => $"Satisfaction report Nghe An {report.Wave} (snapshot {id}).pdf",
            _ => $"Báo cáo hài lòng Nghệ An {report.Wave} (kết quả {id}).pdf",
        };
        return TypedResults.File(report.Pdf!, "application/pdf", name, enableRangeProcessing: false, report.RenderedAt,
            new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Convert.ToHexStringLower(report.Sha256!)}\""));
    }
}
