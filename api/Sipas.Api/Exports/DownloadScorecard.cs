using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Setup;
using Sipas.Data;
using Sipas.Jobs.Reports;

namespace Sipas.Api.Exports;

public static class DownloadScorecard
{
    /// <summary>
    /// One agency's or commune's scorecard alone, rendered on request from the snapshot's stored rows (about 20 ms; the
    /// set of all scorecards is the stored report kind). Same bytes on every request; its ETag is their SHA-256.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(int id, string type, string code, string language,
        SipasDb db, CancellationToken ct)
    {
        var snapshot = await db.Snapshots.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Status, s.Wave!.Code }).SingleOrDefaultAsync(ct);
        if (snapshot is null || snapshot.Status != SnapshotStatus.Completed)
            return Problems.Coded(StatusCodes.Status404NotFound, "no-snapshot",
                "Không có kết quả đã tính xong với mã này / No completed snapshot with this id", "");
        var kind = type == "agency" ? ReportKinds.AgencyScorecards : ReportKinds.CommuneScorecards;
        RenderedReport report;
        try
        {
            report = await ReportKinds.RenderAsync(db, id, kind, language, code, ct);
        }
        catch (ArgumentException)
        {
            return Problems.Coded(StatusCodes.Status404NotFound, "no-scorecard",
                $"Kết quả này không có phiếu điểm của {code} / This snapshot has no scorecard for {code}",
                "Chỉ đơn vị có phiếu trả lời trong kết quả mới có phiếu điểm. / Only units with responses in the snapshot have a scorecard.");
        }
        var name = language == SnapshotReport.English
            ? $"Scorecard {code} {snapshot.Code} (snapshot {id}).pdf"
            : $"Phiếu điểm {code} {snapshot.Code} (kết quả {id}).pdf";
        return TypedResults.File(report.Pdf, "application/pdf", name, enableRangeProcessing: false, entityTag:
            new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{Convert.ToHexStringLower(report.Sha256)}\""));
    }
}
