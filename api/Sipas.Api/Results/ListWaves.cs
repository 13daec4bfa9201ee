using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Results;

public record WaveSnapshots(string Code, string NameVi, string NameEn, string StartsOn, string EndsOn, string Status,
    IReadOnlyList<string> OfficialChannels, IReadOnlyList<WaveQuestionnaire> Questionnaires, IReadOnlyList<SnapshotSummary> Snapshots);

/// <summary>A questionnaire of the wave; its definition (section and item titles) is at /api/questionnaires/{code}/{version}.</summary>
public record WaveQuestionnaire(string Family, string Code, string Version);

public record SnapshotSummary(int Id, string Wave, string Status, int Progress, string Phase, string MethodVersion,
    bool AllChannels, IReadOnlyList<string> Channels, string Frame, DateTimeOffset RequestedAt, string RequestedAtText,
    string RequestedBy, DateTimeOffset? CompletedAt, string? CompletedAtText, string? DataHash, int? ResponsesRead,
    int? ResponsesCounted, bool Published, DateTimeOffset? PublishedAt, string? PublishedBy, int? SupersedesId,
    JsonElement? Changes, string? Error, int? ResponsesExcluded = null, int? ResponsesFlaggedKept = null,
    IReadOnlyList<IntegrityCause>? Integrity = null)
{
    public static SnapshotSummary From(Snapshot s, string wave) => new(s.Id, wave, s.Status.ToString().ToLowerInvariant(),
        s.Progress, s.Phase, s.MethodVersion, s.AllChannels, s.Channels, s.Frame, s.RequestedAt, VietnameseFormat.Time(s.RequestedAt),
        s.RequestedBy, s.CompletedAt, s.CompletedAt is { } c ? VietnameseFormat.Time(c) : null,
        s.DataHash is null ? null : Convert.ToHexStringLower(s.DataHash), s.ResponsesRead, s.ResponsesCounted, s.IsPublished,
        s.PublishedAt, s.PublishedBy, s.SupersedesId, s.Changes?.RootElement.Clone(), s.Error, s.ResponsesExcluded,
        s.ResponsesFlaggedKept, IntegrityCause.Read(s.Integrity));
}

/// <summary>
/// One cause of a snapshot's integrity counts (counted channels): responses excluded by a supervisor and flagged
/// responses kept. A response with two flags counts under each cause.
/// </summary>
public record IntegrityCause(string Cause, string Vi, string En, int Excluded, int FlaggedKept)
{
    public static IReadOnlyList<IntegrityCause>? Read(JsonDocument? integrity)
    {
        if (integrity is null) return null;
        static Dictionary<string, int> Part(JsonElement root, string name) => root.TryGetProperty(name, out var part)
            ? part.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32()) : [];
        var (excluded, kept) = (Part(integrity.RootElement, "excluded"), Part(integrity.RootElement, "flaggedKept"));
        return [.. excluded.Keys.Union(kept.Keys).Order(StringComparer.Ordinal).Select(cause =>
        {
            var (vi, en) = Review.ReviewSelection.Explain(cause);
            return new IntegrityCause(cause, vi, en, excluded.GetValueOrDefault(cause), kept.GetValueOrDefault(cause));
        }).OrderByDescending(c => c.Excluded + c.FlaggedKept)];
    }
}

public static class ListWaves
{
    public static async Task<List<WaveSnapshots>> Handle(SipasDb db, CancellationToken ct)
    {
        // The questionnaires' names only: their definitions (several KB of JSON each) are not read.
        var waves = await db.Waves.AsNoTracking().OrderByDescending(w => w.StartsOn)
            .Select(w => new
            {
                w.Id, w.Code, w.NameVi, w.NameEn, w.StartsOn, w.EndsOn, w.Status, w.OfficialChannels,
                Questionnaires = w.Questionnaires.Select(q => new WaveQuestionnaire(q.Family, q.Code, q.Version)).ToList(),
            })
            .ToListAsync(ct);
        var snapshots = (await db.Snapshots.AsNoTracking().OrderByDescending(s => s.Id).ToListAsync(ct)).ToLookup(s => s.WaveId);
        return [.. waves.Select(w => new WaveSnapshots(w.Code, w.NameVi, w.NameEn, w.StartsOn.ToString("yyyy-MM-dd"),
            w.EndsOn.ToString("yyyy-MM-dd"), w.Status.ToString().ToLowerInvariant(),
            Channels.Counted(w.OfficialChannels), [.. w.Questionnaires.OrderBy(q => q.Family)],
            [.. snapshots[w.Id].Select(s => SnapshotSummary.From(s, w.Code))]))];
    }

    public static async Task<List<SnapshotSummary>> Runs(SipasDb db, CancellationToken ct, string? wave = null)
    {
        var rows = await db.Snapshots.AsNoTracking().Include(s => s.Wave)
            .Where(s => wave == null || s.Wave!.Code == wave).OrderByDescending(s => s.Id).Take(200).ToListAsync(ct);
        return [.. rows.Select(s => SnapshotSummary.From(s, s.Wave!.Code))];
    }

    public static async Task<Results<Ok<SnapshotSummary>, NotFound>> Get(int id, SipasDb db, CancellationToken ct)
    {
        var s = await db.Snapshots.AsNoTracking().Include(x => x.Wave).SingleOrDefaultAsync(x => x.Id == id, ct);
        return s is null ? TypedResults.NotFound() : TypedResults.Ok(SnapshotSummary.From(s, s.Wave!.Code));
    }
}
