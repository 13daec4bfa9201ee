using System.Security.Cryptography;
using Sipas.Data;
using Sipas.Jobs.Exports;
using Sipas.Reports;

namespace Sipas.Jobs.Reports;

/// <summary>A rendered report: its bytes and their SHA-256, as a snapshot report is stored.</summary>
public sealed record RenderedReport(string Kind, string Language, byte[] Pdf, byte[] Sha256);

/// <summary>
/// The report kinds beyond the province report (scorecards; sector, health and education reports: <see cref="SectorSource"/>),
/// rendered from a completed snapshot's stored rows in one language:
/// all of them by the <see cref="RenderWaveReport"/> job, stored with the snapshot (<c>sipas.snapshot_reports</c>, keyed by
/// snapshot, kind and language); one unit's scorecard alone on request, not stored.
/// </summary>
public static class ReportKinds
{
    public const string AgencyScorecards = SnapshotReport.AgencyScorecards, CommuneScorecards = SnapshotReport.CommuneScorecards;
    public static readonly IReadOnlyList<string> All = [AgencyScorecards, CommuneScorecards, .. SectorSource.Kinds.Keys];

    /// <summary>Report <paramref name="kind"/> of snapshot <paramref name="snapshotId"/>; with <paramref name="unit"/>, that unit's scorecard alone.</summary>
    public static async Task<RenderedReport> RenderAsync(SipasDb db, int snapshotId, string kind, string language, string? unit = null,
        CancellationToken ct = default)
    {
        if (!SnapshotReport.Languages.Contains(language)) throw new ArgumentException($"Unknown report language {language}", nameof(language));
        var tables = await SnapshotTables.LoadAsync(db, snapshotId, ct)
            ?? throw new InvalidOperationException($"Snapshot {snapshotId} does not exist.");
        if (tables.Snapshot.Status != SnapshotStatus.Completed)
            throw new InvalidOperationException($"Snapshot {snapshotId} has not completed; there are no figures to report.");
        var lang = language == SnapshotReport.English ? ReportLanguage.En : ReportLanguage.Vi;
        var pdf = kind switch
        {
            AgencyScorecards or CommuneScorecards => await Scorecards(db, tables, kind, lang, unit, ct),
            _ when SectorSource.Kinds.ContainsKey(kind) && unit is null => SectorReport.Render(await SectorSource.BuildAsync(db, tables, kind, lang, ct)),
            _ => throw new ArgumentException($"Unknown report kind {kind}", nameof(kind)),
        };
        return new RenderedReport(kind, language, pdf, SHA256.HashData(pdf));
    }

    private static async Task<byte[]> Scorecards(SipasDb db, SnapshotTables tables, string kind, ReportLanguage language, string? unit,
        CancellationToken ct)
    {
        var model = await ScorecardSource.BuildAsync(db, tables,
            kind == AgencyScorecards ? ScorecardKind.Agency : ScorecardKind.Commune, language, ct);
        return unit is null ? ScorecardReport.Render(model) : ScorecardReport.RenderOne(model, unit);
    }
}
