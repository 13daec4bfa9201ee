using System.Security.Cryptography;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sipas.Data;
using Sipas.Jobs.Exports;
using Sipas.Reports;

namespace Sipas.Jobs;

/// <summary>
/// Renders a PDF report of a snapshot (its kind: <see cref="SnapshotReport.Kinds"/>) in one language and stores it with
/// the snapshot (<c>sipas.snapshot_reports</c>) with its SHA-256, reporting progress as it goes. Reentrant: the model is filled from stored rows
/// only and the PDF is dated by the snapshot, so a second run stores the same bytes again.
/// </summary>
public sealed class RenderWaveReport(SipasDb db, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<RenderWaveReport> log)
{
    /// <summary>The province report.</summary>
    [AutomaticRetry(Attempts = 1)]
    public Task Run(int snapshotId, string language, CancellationToken ct) => Run(snapshotId, SnapshotReport.Province, language, ct);

    [AutomaticRetry(Attempts = 1)]
    public async Task Run(int snapshotId, string kind, string language, CancellationToken ct)
    {
        if (!SnapshotReport.Languages.Contains(language))
            throw new ArgumentException($"Unknown report language {language}", nameof(language));
        if (!SnapshotReport.Kinds.Contains(kind)) throw new ArgumentException($"Unknown report kind {kind}", nameof(kind));
        // One rendering per snapshot, kind and language at a time; other reports render in parallel.
        var slot = (snapshotId * SnapshotReport.Kinds.Count + SnapshotReport.Kinds.ToList().IndexOf(kind)) * SnapshotReport.Languages.Count
            + SnapshotReport.Languages.ToList().IndexOf(language);
        await using var held = await JobLocks.AcquireAsync(dataSource, JobLocks.Report, slot, ct);
        var key = (snapshotId, kind, language);
        await Ensure(key, ct);
        try
        {
            await Report(key, SnapshotStatus.Running, 10, "reading", ct);
            byte[] pdf;
            if (kind == SnapshotReport.Province)
            {
                var tables = await SnapshotTables.LoadAsync(db, snapshotId, ct)
                    ?? throw new InvalidOperationException($"Snapshot {snapshotId} does not exist.");
                if (tables.Snapshot.Status != SnapshotStatus.Completed)
                    throw new InvalidOperationException($"Snapshot {snapshotId} has not completed; there are no figures to report.");
                var model = await WaveReportSource.BuildAsync(db, tables, language == SnapshotReport.English ? ReportLanguage.En : ReportLanguage.Vi, ct);
                await Report(key, SnapshotStatus.Running, 40, "rendering", ct);
                pdf = WaveReport.Render(model);
            }
            else pdf = (await Reports.ReportKinds.RenderAsync(db, snapshotId, kind, language, ct: ct)).Pdf;
            await Report(key, SnapshotStatus.Running, 90, "storing", ct);

            await using var command = dataSource.CreateCommand("""
                UPDATE sipas.snapshot_reports SET status = 'Completed', progress = 100, phase = 'done', pdf = $3, sha256 = $4,
                    rendered_at = $5, error = NULL
                WHERE snapshot_id = $1 AND language = $2 AND kind = $6
                """);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = snapshotId });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = language });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = pdf });
            command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = SHA256.HashData(pdf) });
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
            await command.ExecuteNonQueryAsync(ct);
            log.LogInformation("Report {Kind} of snapshot {Id} ({Language}): {Bytes} bytes", kind, snapshotId, language, pdf.Length);
        }
        catch (Exception e)
        {
            // A report rendered before keeps its bytes; the error is recorded beside them.
            await using var failed = dataSource.CreateCommand("""
                UPDATE sipas.snapshot_reports SET status = CASE WHEN pdf IS NULL THEN 'Failed' ELSE 'Completed' END,
                    progress = CASE WHEN pdf IS NULL THEN progress ELSE 100 END, phase = 'failed', error = $3
                WHERE snapshot_id = $1 AND language = $2 AND kind = $4
                """);
            failed.Parameters.Add(new NpgsqlParameter<int> { TypedValue = snapshotId });
            failed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = language });
            failed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Message });
            failed.Parameters.Add(new NpgsqlParameter<string> { TypedValue = kind });
            await failed.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>The report row exists even when the job was enqueued by hand (Hangfire dashboard, tests).</summary>
    private async Task Ensure((int SnapshotId, string Kind, string Language) key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            INSERT INTO sipas.snapshot_reports (snapshot_id, language, status, progress, phase, requested_at, requested_by, kind)
            VALUES ($1, $2, 'Queued', 0, 'queued', $3, $4, $5) ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key.SnapshotId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Language });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Snapshot.Scheduler });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Kind });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task Report((int SnapshotId, string Kind, string Language) key, SnapshotStatus status, int progress, string phase,
        CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE sipas.snapshot_reports SET status = $3, progress = $4, phase = $5 WHERE snapshot_id = $1 AND language = $2 AND kind = $6");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = key.SnapshotId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Language });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = status.ToString() });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = progress });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = phase });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.Kind });
        await command.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Queues the rendering of a snapshot's report (<see cref="RenderWaveReport"/>) and records who asked.</summary>
public sealed class ReportRequests(SipasDb db, IBackgroundJobClient jobs, TimeProvider clock)
{
    /// <summary>
    /// The report row of <paramref name="snapshotId"/> in <paramref name="language"/>, queued for rendering unless a
    /// rendering is already queued or running (then that one is returned).
    /// </summary>
    public async Task<SnapshotReport> Enqueue(int snapshotId, string kind, string language, string requestedBy, CancellationToken ct = default)
    {
        var report = await db.SnapshotReports.SingleOrDefaultAsync(r => r.SnapshotId == snapshotId && r.Kind == kind && r.Language == language, ct);
        if (report is { Status: SnapshotStatus.Queued or SnapshotStatus.Running }) return report;
        if (report is null)
        {
            report = new SnapshotReport { SnapshotId = snapshotId, Kind = kind, Language = language, RequestedBy = requestedBy };
            db.SnapshotReports.Add(report);
        }
        (report.Status, report.Progress, report.Phase, report.RequestedAt, report.RequestedBy, report.Error) =
            (SnapshotStatus.Queued, 0, "queued", clock.GetUtcNow(), requestedBy, null);
        await db.SaveChangesAsync(ct);
        report.JobId = jobs.Enqueue<RenderWaveReport>(job => job.Run(snapshotId, kind, language, CancellationToken.None));
        await db.SaveChangesAsync(ct);
        return report;
    }
}
