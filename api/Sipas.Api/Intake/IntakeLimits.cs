using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Sipas.Api.Setup;

namespace Sipas.Api.Intake;

/// <summary>What the shared counters say about one citizen submission.</summary>
/// <param name="Refusal">Null when every limit has room, else the limit met.</param>
/// <param name="DeviceToday">Submissions of this device at this service point today (this one included), 0 without a credential.</param>
/// <param name="ServicePointThisHour">Submissions at this service point in this hour (this one included).</param>
/// <param name="ServicePointUsualHour">The service point's usual hourly count (mean of its active hours of the last 14 days).</param>
public sealed record IntakeCounts(IntakeLimit? Refusal, int DeviceToday, int ServicePointThisHour, double ServicePointUsualHour);

public enum IntakeLimit { ServicePoint, Address, DeviceCap, Credentials }

/// <summary>
/// Limits of the public door held in PostgreSQL (<c>sipas.rate_counters</c>), so they hold across API replicas: per
/// service point per minute, per client address per minute (generous: a whole commune office can sit behind one
/// carrier NAT), per device and service point per Vietnam day (the cap), and credentials issued per address per
/// minute. One statement increments every counter of a request. Counters are written without waiting for the disk
/// (<c>synchronous_commit = off</c>): a crash may forget a second of counts, never a response. Addresses and devices
/// appear only as keyed hashes.
/// </summary>
public sealed class IntakeLimits(NpgsqlDataSource dataSource, InstallationKeys keys, IConfiguration configuration, TimeProvider clock)
{
    private readonly NpgsqlDataSource counters = new NpgsqlDataSourceBuilder(
        new NpgsqlConnectionStringBuilder(dataSource.ConnectionString) { Options = "-c synchronous_commit=off" }.ConnectionString).Build();
    private readonly byte[] addressKey = keys.For("address");
    private readonly ConcurrentDictionary<int, (DateTimeOffset At, double Usual)> usual = new();
    private long lastCleanup;

    private int PerServicePoint => configuration.GetValue("Sipas:RateLimits:SubmitsPerServicePointPerMinute", 120);
    private int PerAddress => configuration.GetValue("Sipas:RateLimits:SubmitsPerAddressPerMinute", 300);
    private int DeviceCap => configuration.GetValue("Sipas:RateLimits:SubmitsPerDevicePerServicePointPerDay", 3);
    private int CredentialsPerAddress => configuration.GetValue("Sipas:RateLimits:CredentialsPerAddressPerMinute", 60);

    /// <summary>Counts a citizen submission at <paramref name="servicePointId"/> and says whether it may go on.</summary>
    public async Task<IntakeCounts> CountSubmissionAsync(int servicePointId, byte[]? deviceHash, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var minute = Truncate(now, TimeSpan.FromMinutes(1));
        var hour = Truncate(now, TimeSpan.FromHours(1));
        var day = VietnamDay(now);
        var keys = new List<(string Key, DateTimeOffset Window, TimeSpan Keep)>
        {
            ($"sp-minute:{servicePointId}", minute, TimeSpan.FromMinutes(2)),
            ($"address-minute:{Address(http)}", minute, TimeSpan.FromMinutes(2)),
            ($"sp-hour:{servicePointId}", hour, TimeSpan.FromDays(15)),
        };
        if (deviceHash is not null) keys.Add(($"device-day:{Convert.ToHexString(deviceHash.AsSpan(0, 16))}:{servicePointId}", day, TimeSpan.FromDays(2)));
        var counts = await IncrementAsync(keys, ct);
        var device = deviceHash is null ? 0 : counts[3];
        IntakeLimit? refusal = counts[0] > PerServicePoint ? IntakeLimit.ServicePoint
            : counts[1] > PerAddress ? IntakeLimit.Address
            : device > DeviceCap ? IntakeLimit.DeviceCap
            : null;
        return new IntakeCounts(refusal, device, counts[2], await UsualHourAsync(servicePointId, hour, ct));
    }

    /// <summary>Counts a device credential issued to this client address; false when the address asked for too many this minute.</summary>
    public async Task<bool> CountCredentialAsync(HttpContext http, CancellationToken ct)
    {
        var minute = Truncate(clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        var counts = await IncrementAsync([($"credentials-minute:{Address(http)}", minute, TimeSpan.FromMinutes(2))], ct);
        return counts[0] <= CredentialsPerAddress;
    }

    /// <summary>Seconds until the limit met frees up again (for Retry-After).</summary>
    public int RetryAfterSeconds(IntakeLimit limit)
    {
        var now = clock.GetUtcNow();
        if (limit != IntakeLimit.DeviceCap) return 60 - now.Second;
        var nextDay = VietnamDay(now).AddDays(1);
        return (int)Math.Ceiling((nextDay - now).TotalSeconds);
    }

    private async Task<int[]> IncrementAsync(List<(string Key, DateTimeOffset Window, TimeSpan Keep)> keys, CancellationToken ct)
    {
        // Rows are locked in key order, so two requests never wait on each other crosswise.
        var order = Enumerable.Range(0, keys.Count).OrderBy(i => keys[i].Key, StringComparer.Ordinal).ToArray();
        await using var command = counters.CreateCommand("""
            INSERT INTO sipas.rate_counters AS c (key, window_start, count, expires_at)
            SELECT k, w, 1, e FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) WITH ORDINALITY AS t(k, w, e, n) ORDER BY n
            ON CONFLICT (key, window_start) DO UPDATE SET count = c.count + 1
            RETURNING key, count
            """);
        command.Parameters.AddWithValue(order.Select(i => keys[i].Key).ToArray());
        command.Parameters.AddWithValue(order.Select(i => keys[i].Window).ToArray());
        command.Parameters.AddWithValue(order.Select(i => keys[i].Window + keys[i].Keep).ToArray());
        var byKey = new Dictionary<string, int>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) byKey[reader.GetString(0)] = reader.GetInt32(1);
        await CleanupNowAndThenAsync(ct);
        return keys.Select(k => byKey[k.Key]).ToArray();
    }

    /// <summary>The mean count of the service point's active hours over the last 14 days (this hour left out), cached 10 minutes.</summary>
    private async Task<double> UsualHourAsync(int servicePointId, DateTimeOffset hour, CancellationToken ct)
    {
        if (usual.TryGetValue(servicePointId, out var cached) && clock.GetUtcNow() - cached.At < TimeSpan.FromMinutes(10)) return cached.Usual;
        await using var command = counters.CreateCommand("""
            SELECT coalesce(avg(count), 0)::float8 FROM sipas.rate_counters
            WHERE key = $1 AND window_start >= $2 AND window_start < $3
            """);
        command.Parameters.AddWithValue($"sp-hour:{servicePointId}");
        command.Parameters.AddWithValue(hour.AddDays(-14));
        command.Parameters.AddWithValue(hour);
        var value = (double)(await command.ExecuteScalarAsync(ct))!;
        usual[servicePointId] = (clock.GetUtcNow(), value);
        return value;
    }

    /// <summary>Deletes expired counters at most once every five minutes per process.</summary>
    private async Task CleanupNowAndThenAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        var last = Interlocked.Read(ref lastCleanup);
        if (now - last < 300 || Interlocked.CompareExchange(ref lastCleanup, now, last) != last) return;
        await using var command = counters.CreateCommand("DELETE FROM sipas.rate_counters WHERE expires_at < now()");
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A keyed hash of the client address: counts per address without storing one.</summary>
    private string Address(HttpContext http) => Convert.ToHexString(HMACSHA256.HashData(addressKey,
        Encoding.UTF8.GetBytes(http.Connection.RemoteIpAddress?.ToString() ?? "unknown")).AsSpan(0, 12));

    private static DateTimeOffset Truncate(DateTimeOffset t, TimeSpan unit) => new(t.UtcTicks - t.UtcTicks % unit.Ticks, TimeSpan.Zero);

    /// <summary>The start of today in Vietnam (UTC+7), as a UTC instant.</summary>
    public static DateTimeOffset VietnamDay(DateTimeOffset t)
    {
        var local = t.ToOffset(VietnameseFormat.Offset);
        return new DateTimeOffset(local.Date, VietnameseFormat.Offset).ToUniversalTime();
    }
}
