using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using Sipas.Data;

namespace Sipas.Api.Results;

/// <summary>
/// What names a snapshot's stored figures: its id and, once completed, when it completed. The figures (rows, verdicts,
/// changes) are written only by the snapshot job, in the transaction that sets status Completed and completed_at; a
/// rerun of the same id (a retried job) sets a new completed_at, and a published snapshot is never rewritten (the job
/// skips it, <see cref="PublishedSnapshotGuard"/> refuses). Read from PostgreSQL on every request, the stamp is the
/// same on every replica, so an answer cached under it can never be stale.
/// </summary>
public readonly record struct SnapshotStamp(int Id, bool Completed, DateTimeOffset? CompletedAt);

/// <summary>
/// A snapshot's figures (tiles, drill-down rows, change) as JSON bytes, per process, bounded in bytes
/// (<c>Sipas:Results:CacheMegabytes</c>, 64 by default; 0 turns it off), keyed by the snapshot's stamp and the query.
/// Only answers that depend on nothing but the snapshot's stored rows and immutable reference rows are kept (the
/// caller says so): what can change (publication, run status, waves, names) is read from PostgreSQL on every request.
/// Callers check authorization and the snapshot's existence first: the cache is reached only by a request that may see
/// the answer. No user-dependent filter applies to these figures (analysts and admins see every row); one that is
/// added must filter before this and be part of the query key.
/// </summary>
public sealed class ResultsCache : IDisposable
{
    private readonly JsonSerializerOptions json;
    private readonly MemoryCache? cache;

    public ResultsCache(NpgsqlDataSource dataSource, IOptions<JsonOptions> json, IConfiguration configuration)
    {
        Stamps = new SnapshotStamps(dataSource);
        this.json = json.Value.SerializerOptions;
        var megabytes = configuration.GetValue("Sipas:Results:CacheMegabytes", 64L);
        cache = megabytes > 0 ? new MemoryCache(new MemoryCacheOptions { SizeLimit = megabytes << 20 }) : null;
    }

    /// <summary>Answers served from memory and answers read from PostgreSQL, since the process started (tests read them).</summary>
    public long Hits => Interlocked.Read(ref hits);
    public long Misses => Interlocked.Read(ref misses);
    private long hits, misses;

    /// <summary>The snapshot's stamp, or null when there is no such snapshot (read for this request, <see cref="SnapshotStamps"/>).</summary>
    public Task<SnapshotStamp?> StampAsync(int id, CancellationToken ct) => Stamps.GetAsync(id, ct);

    public SnapshotStamps Stamps { get; }

    /// <summary>
    /// The answer to <paramref name="query"/> (a record: compared by value) over the snapshot: from memory when the
    /// snapshot is completed and the answer was kept, else from <paramref name="read"/>, kept when it says it may be.
    /// </summary>
    public async Task<JsonAnswer<T>> GetAsync<T>(SnapshotStamp stamp, object query, Func<Task<(T Value, bool Keep)>> read)
    {
        var key = stamp is { Completed: true, CompletedAt: { } at } ? new Key(stamp.Id, at, query) : null;
        if (key is not null && cache?.TryGetValue(key, out JsonBody? kept) == true)
        {
            Interlocked.Increment(ref hits);
            return new JsonAnswer<T>(kept!);
        }
        Interlocked.Increment(ref misses);
        var (value, keep) = await read();
        var body = new JsonBody(JsonSerializer.SerializeToUtf8Bytes(value, json.GetTypeInfo(typeof(T))));
        if (key is not null && keep) cache?.Set(key, body, new MemoryCacheEntryOptions { Size = body.Size });
        return new JsonAnswer<T>(body);
    }

    public void Dispose() => cache?.Dispose();

    private sealed record Key(int SnapshotId, DateTimeOffset CompletedAt, object Query);
}

/// <summary>
/// UTF-8 JSON with its strong entity tag (a hash of the bytes: the same on every replica), and its brotli and gzip
/// forms, each made once when first asked for, with a tag of its own (a strong tag names one encoding's bytes).
/// </summary>
public sealed class JsonBody(byte[] json)
{
    public byte[] Json { get; } = json;
    public string Tag { get; } = Convert.ToHexStringLower(SHA256.HashData(json).AsSpan(0, 16));

    /// <summary>Bytes held, counted as if both compressed forms were made (each is smaller than the JSON, plus headers).</summary>
    public long Size => 3L * Json.Length + 512;

    private byte[]? brotli, gzip;

    public byte[] Brotli => brotli ??= Compress(Json, s => new System.IO.Compression.BrotliStream(s, System.IO.Compression.CompressionLevel.Optimal));
    public byte[] Gzip => gzip ??= Compress(Json, s => new System.IO.Compression.GZipStream(s, System.IO.Compression.CompressionLevel.Optimal));

    private static byte[] Compress(byte[] data, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output)) stream.Write(data);
        return output.ToArray();
    }
}
