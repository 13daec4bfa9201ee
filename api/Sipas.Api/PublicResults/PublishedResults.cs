using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Api.Exports;
using Sipas.Api.Results;
using Sipas.Api.Setup;
using Sipas.Data;
using Sipas.Jobs.Exports;

namespace Sipas.Api.PublicResults;

/// <summary>A published snapshot as the public sees it.</summary>
public record PublishedSnapshot(int Id, string Wave, string WaveNameVi, string WaveNameEn, string StartsOn, string EndsOn,
    DateTimeOffset PublishedAt, string PublishedAtText, int? ResponsesCounted, string MethodVersion,
    IReadOnlyList<string> Families);

/// <summary>An official indicator of the province against the year's target (no channel figures, no flagged-kept variant).</summary>
public record PublicIndicator(string Indicator, double? Estimate, double? CiLow, double? CiHigh, int? NValid,
    IReadOnlyList<string> Flags, string Display, string CiDisplay, TargetView? Target, string? Verdict, string? Qualifier);

public static class PublishedResults
{
    public static async Task<IResult> List(HttpContext http, SipasDb db, CancellationToken ct)
    {
        var published = await Published(db).Include(s => s.Wave).ThenInclude(w => w!.Questionnaires)
            .OrderByDescending(s => s.Wave!.StartsOn).ThenByDescending(s => s.PublishedAt).ToListAsync(ct);
        return PublicCache.Json(http, published.GroupBy(s => s.WaveId).Select(g => View(g.First())).ToList());
    }

    public static async Task<IResult> Get(int id, HttpContext http, SipasDb db, CancellationToken ct)
    {
        var snapshot = await Published(db).Include(s => s.Wave).ThenInclude(w => w!.Questionnaires)
            .SingleOrDefaultAsync(s => s.Id == id, ct);
        return snapshot is null ? TypedResults.NotFound() : PublicCache.Json(http, View(snapshot));
    }

    public static async Task<IResult> Indicators(int id, HttpContext http, SipasDb db, CancellationToken ct)
    {
        if (!await IsPublished(db, id, ct)) return TypedResults.NotFound();
        var tiles = await GetIndicators.Read(db, id, "", ct);
        return PublicCache.Json(http, tiles.Select(t => new PublicIndicator(t.Indicator, t.Estimate, t.CiLow, t.CiHigh,
            t.NValid, t.Flags, t.Display, t.CiDisplay, t.Target, t.Verdict, t.Qualifier)).ToList());
    }

    public static async Task<IResult> Rankings(int id, HttpContext http, SipasDb db, CancellationToken ct,
        string indicator = "SIPAS", string groupType = "agency")
    {
        if (!await IsPublished(db, id, ct)) return TypedResults.NotFound();
        if (GetRankings.Invalid(groupType) is { } problem) return problem;
        return PublicCache.Json(http, await GetRankings.Read(db, id, indicator, groupType, "", ct));
    }

    /// <summary>The same file as the analysts' download (<see cref="ExportResultsCsv"/>), for a published snapshot only.</summary>
    public static async Task<IResult> ResultsCsv(int id, HttpContext http, SipasDb db, CancellationToken ct)
    {
        if (!await IsPublished(db, id, ct)) return TypedResults.NotFound();
        var tables = (await SnapshotTables.LoadAsync(db, id, ct))!;
        using var buffer = new MemoryStream();
        Analytics.Interchange.ResultsCsv.Write(buffer, tables.ResultRows());
        return PublicCache.Bytes(http, buffer.ToArray(), ExportResultsCsv.ContentType, $"ket-qua-{tables.Wave.Code}-{id}.csv");
    }

    public static async Task<IResult> RankingsCsv(int id, HttpContext http, SipasDb db, CancellationToken ct)
    {
        if (!await IsPublished(db, id, ct)) return TypedResults.NotFound();
        var tables = (await SnapshotTables.LoadAsync(db, id, ct))!;
        using var buffer = new MemoryStream();
        Analytics.Interchange.RankingsCsv.Write(buffer, Analytics.Rankings.Of(tables.ResultRows()));
        return PublicCache.Bytes(http, buffer.ToArray(), ExportResultsCsv.ContentType, $"xep-hang-{tables.Wave.Code}-{id}.csv");
    }

    public static IResult Dictionary(HttpContext http) =>
        PublicCache.Bytes(http, OpenDataDictionary.Csv.Value, ExportResultsCsv.ContentType, "tu-dien-du-lieu.csv");

    /// <summary>What "published" means: completed and published by an analyst (<see cref="Results.PublishSnapshot"/>).</summary>
    private static IQueryable<Snapshot> Published(SipasDb db) => db.Snapshots.AsNoTracking()
        .Where(s => s.PublishedAt != null && s.Status == SnapshotStatus.Completed);

    private static Task<bool> IsPublished(SipasDb db, int id, CancellationToken ct) => Published(db).AnyAsync(s => s.Id == id, ct);

    private static PublishedSnapshot View(Snapshot s) => new(s.Id, s.Wave!.Code, s.Wave.NameVi, s.Wave.NameEn,
        s.Wave.StartsOn.ToString("yyyy-MM-dd"), s.Wave.EndsOn.ToString("yyyy-MM-dd"), s.PublishedAt!.Value,
        VietnameseFormat.Time(s.PublishedAt.Value), s.ResponsesCounted, s.MethodVersion,
        [.. s.Wave.Questionnaires.Select(q => q.Family).Distinct().Order(StringComparer.Ordinal)]);
}
