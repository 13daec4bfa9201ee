using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Sipas.Api.Setup;

/// <summary>
/// Counters of limits shared by every API replica, held in PostgreSQL (<c>sipas.rate_counters</c>, entity
/// <see cref="Sipas.Data.RateCounter"/>): one row per key and window, incremented atomically with
/// <c>INSERT … ON CONFLICT DO UPDATE … RETURNING count</c>, so two replicas counting the same key at the same moment
/// both see the sum. A singleton over the <see cref="NpgsqlDataSource"/>; each call is one statement on a pooled
/// connection, outside any transaction of the caller.
/// <para>
/// Use: pick a key naming the limit and what it counts (<c>sign-in:account:…</c>, <c>submit:device:…</c>), the
/// start of the current window (<see cref="WindowStart"/>) and how long the row means something (at least the window).
/// Keys must hold no personal data in clear: pass user names, addresses and devices through <see cref="Hash"/>
/// (HMAC-SHA256 under a key derived from the installation secret <c>Sipas:DossierHashKey</c>; different from the
/// dossier hash, so the two cannot be joined). Keys are at most 200 characters.
/// </para>
/// <para>
/// Expired rows are deleted by <see cref="DeleteExpiredAsync"/>, which <see cref="IncrementAsync"/> calls by itself
/// about once every <see cref="CleanupEvery"/> per process (opportunistic housekeeping, no job needed).
/// </para>
/// </summary>
public sealed class RateCounters(NpgsqlDataSource dataSource, Intake.InstallationKeys keys, TimeProvider clock,
    ILogger<RateCounters> logger)
{
    public const int MaxKeyLength = 200;
    public static readonly TimeSpan CleanupEvery = TimeSpan.FromMinutes(5);

    /// <summary>Keyed with a key derived from the installation secret for counters only (<see cref="Intake.InstallationKeys"/>).</summary>
    private readonly Intake.KeyedHash hmac = new(keys.For("rate-counters"));

    private long nextCleanup = clock.GetUtcNow().Add(CleanupEvery).UtcTicks;

    /// <summary>The same database, on connections that commit without waiting for the disk (for <see cref="IncrementAllAsync"/>).</summary>
    private readonly NpgsqlDataSource relaxed = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) { Options = "-c synchronous_commit=off" }.ConnectionString).Build();

    /// <summary>
    /// Adds one to the counter of <paramref name="key"/> in the window starting at <paramref name="windowStart"/>
    /// and returns the new count (1 for the first). The row may be deleted after <c>now + lifetime</c>; a later
    /// increment extends it, never shortens it.
    /// </summary>
    public async Task<int> IncrementAsync(string key, DateTimeOffset windowStart, TimeSpan lifetime, CancellationToken ct)
    {
        Check(key);
        await CleanupNowAndThenAsync(ct);
        await using var command = dataSource.CreateCommand("""
            INSERT INTO sipas.rate_counters (key, window_start, count, expires_at) VALUES ($1, $2, 1, $3)
            ON CONFLICT (key, window_start) DO UPDATE
              SET count = rate_counters.count + 1, expires_at = greatest(rate_counters.expires_at, excluded.expires_at)
            RETURNING count
            """);
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(windowStart.ToUniversalTime());
        command.Parameters.AddWithValue(clock.GetUtcNow().Add(lifetime));
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Adds one to each counter of <paramref name="counters"/> in one statement (a request that meets several limits)
    /// and returns the new counts in the same order. Rows are locked in key order, so two requests never wait on each
    /// other crosswise; the statement does not wait for the disk (<c>synchronous_commit = off</c>): a crash may forget
    /// a second of counts, never a response, and a busy key's row lock is not held through an fsync.
    /// </summary>
    public Task<int[]> IncrementAllAsync(IReadOnlyList<(string Key, DateTimeOffset WindowStart, TimeSpan Lifetime)> counters,
        CancellationToken ct) => AddAllAsync(counters.Select(c => (c.Key, c.WindowStart, c.Lifetime, 1)).ToList(), ct);

    /// <summary>As <see cref="IncrementAllAsync"/>, adding <c>By</c> to each counter (a block of counts reserved at once).</summary>
    public async Task<int[]> AddAllAsync(IReadOnlyList<(string Key, DateTimeOffset WindowStart, TimeSpan Lifetime, int By)> counters,
        CancellationToken ct)
    {
        foreach (var c in counters) Check(c.Key);
        await CleanupNowAndThenAsync(ct);
        var order = Enumerable.Range(0, counters.Count).OrderBy(i => counters[i].Key, StringComparer.Ordinal).ToArray();
        var now = clock.GetUtcNow();
        await using var command = relaxed.CreateCommand("""
            INSERT INTO sipas.rate_counters AS c (key, window_start, count, expires_at)
            SELECT k, w, b, e FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[], $4::int[]) WITH ORDINALITY AS t(k, w, e, b, n)
            ORDER BY n
            ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + excluded.count, expires_at = greatest(c.expires_at, excluded.expires_at)
            RETURNING key, count
            """);
        command.Parameters.AddWithValue(order.Select(i => counters[i].Key).ToArray());
        command.Parameters.AddWithValue(order.Select(i => counters[i].WindowStart.ToUniversalTime()).ToArray());
        command.Parameters.AddWithValue(order.Select(i => now.Add(counters[i].Lifetime)).ToArray());
        command.Parameters.AddWithValue(order.Select(i => counters[i].By).ToArray());
        var byKey = new Dictionary<string, int>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) byKey[reader.GetString(0)] = reader.GetInt32(1);
        return counters.Select(c => byKey[c.Key]).ToArray();
    }

    /// <summary>The count of <paramref name="key"/> in the window starting at <paramref name="windowStart"/>, 0 when
    /// there is none (or it expired); changes nothing.</summary>
    public async Task<int> PeekAsync(string key, DateTimeOffset windowStart, CancellationToken ct)
    {
        Check(key);
        await using var command = dataSource.CreateCommand(
            "SELECT count FROM sipas.rate_counters WHERE key = $1 AND window_start = $2 AND expires_at > $3");
        command.Parameters.AddWithValue(key);
        command.Parameters.AddWithValue(windowStart.ToUniversalTime());
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return await command.ExecuteScalarAsync(ct) is int count ? count : 0;
    }

    /// <summary>Deletes the rows whose lifetime has passed; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM sipas.rate_counters WHERE expires_at <= $1");
        command.Parameters.AddWithValue(clock.GetUtcNow());
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The start of the fixed window of length <paramref name="window"/> that holds now (windows are
    /// aligned on the Unix epoch, the same on every replica).</summary>
    public DateTimeOffset WindowStart(TimeSpan window)
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) % window.Ticks, TimeSpan.Zero);
    }

    /// <summary>A keyed hash of <paramref name="value"/> for a key (43 characters, URL-safe Base64): the same value
    /// gives the same text on every replica of this installation, and nothing without the installation secret.</summary>
    public string Hash(string value) =>
        Convert.ToBase64String(hmac.Compute(Encoding.UTF8.GetBytes(value))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Check(string key)
    {
        if (key.Length is 0 or > MaxKeyLength)
            throw new ArgumentException($"A rate counter key has 1 to {MaxKeyLength} characters.", nameof(key));
    }

    private async Task CleanupNowAndThenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref nextCleanup);
        if (now < due || Interlocked.CompareExchange(ref nextCleanup, now + CleanupEvery.Ticks, due) != due) return;
        try
        {
            var deleted = await DeleteExpiredAsync(ct);
            if (deleted > 0) logger.LogDebug("Deleted {Count} expired rate counters", deleted);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            // Housekeeping may fail with the database; the counting itself reports that.
            logger.LogWarning(e, "Could not delete expired rate counters");
        }
    }
}
