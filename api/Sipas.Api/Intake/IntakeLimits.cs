using System.Collections.Concurrent;
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
/// minute. Counts are reserved in blocks (<see cref="CounterLeases"/>): one statement per block of requests, not per request.
/// Addresses and devices appear only as keyed hashes.
/// </summary>
public sealed class IntakeLimits(RateCounters counters, CounterLeases leases, NpgsqlDataSource dataSource, IConfiguration configuration,
    TimeProvider clock)
{
    private readonly ConcurrentDictionary<int, (DateTimeOffset At, double Usual)> usual = new();
    private readonly ConcurrentDictionary<int, (DateTimeOffset Hour, int Count)> lastHour = new();

    private int PerServicePoint => configuration.GetValue("Sipas:RateLimits:SubmitsPerServicePointPerMinute", 120);
    private int PerAddress => configuration.GetValue("Sipas:RateLimits:SubmitsPerAddressPerMinute", 300);
    private int DeviceCap => configuration.GetValue("Sipas:RateLimits:SubmitsPerDevicePerServicePointPerDay", 3);
    private int CredentialsPerAddress => configuration.GetValue("Sipas:RateLimits:CredentialsPerAddressPerMinute", 60);
    private int BurstMinPerHour => configuration.GetValue("Sipas:Quality:BurstMinPerHour", 40);
    private double BurstFactor => configuration.GetValue("Sipas:Quality:BurstFactor", 5.0);

    /// <summary>Counts a citizen submission at <paramref name="servicePointId"/> and says whether it may go on.</summary>
    public async Task<IntakeCounts> CountSubmissionAsync(int servicePointId, byte[]? deviceHash, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var minute = Truncate(now, TimeSpan.FromMinutes(1));
        var hour = Truncate(now, TimeSpan.FromHours(1));
        var day = VietnamDay(now);
        var usualHour = await UsualHourAsync(servicePointId, hour, ct);
        // The hourly count (burst flag) and the device's day (repeated-device flag, the cap) are always counted; a limit
        // of 0 is no limit and is not counted at all.
        var keys = new List<(string Key, DateTimeOffset Window, TimeSpan Keep, int Block)>
        {
            ($"sp-hour:{servicePointId}", hour, TimeSpan.FromDays(15), HourBlock(servicePointId, hour, usualHour)),
        };
        int perServicePoint = PerServicePoint, perAddress = PerAddress, cap = DeviceCap;
        var spAt = perServicePoint > 0 ? Add(($"sp-minute:{servicePointId}", minute, TimeSpan.FromMinutes(2), CounterLeases.BlockFor(perServicePoint))) : -1;
        var addressAt = perAddress > 0 ? Add(($"address-minute:{Address(http)}", minute, TimeSpan.FromMinutes(2), CounterLeases.BlockFor(perAddress))) : -1;
        var deviceAt = deviceHash is null ? -1
            : Add(($"device-day:{Convert.ToHexString(deviceHash.AsSpan(0, 16))}:{servicePointId}", day, TimeSpan.FromDays(2), cap > 0 ? CounterLeases.BlockFor(cap) : 1000));
        int Add((string, DateTimeOffset, TimeSpan, int) key)
        {
            keys.Add(key);
            return keys.Count - 1;
        }
        var counts = await leases.NextAsync(keys, ct);
        var device = deviceAt < 0 ? 0 : counts[deviceAt];
        IntakeLimit? refusal = spAt >= 0 && counts[spAt] > perServicePoint ? IntakeLimit.ServicePoint
            : addressAt >= 0 && counts[addressAt] > perAddress ? IntakeLimit.Address
            : cap > 0 && device > cap ? IntakeLimit.DeviceCap
            : null;
        lastHour[servicePointId] = (hour, counts[0]);
        return new IntakeCounts(refusal, device, counts[0], usualHour);
    }

    /// <summary>
    /// The block of the hourly count: a tenth of the burst threshold (the flag is exact to within a few counts per
    /// replica), and once the hour is well past the threshold (a burst already flagged), a tenth of the count so far:
    /// a burst costs the database a write per tenth of itself, not one per request.
    /// </summary>
    private int HourBlock(int servicePointId, DateTimeOffset hour, double usualHour)
    {
        var threshold = Math.Max(BurstMinPerHour, BurstFactor * usualHour);
        var seen = lastHour.TryGetValue(servicePointId, out var last) && last.Hour == hour ? last.Count : 0;
        return seen > 2 * threshold ? Math.Clamp(seen / 10, 1, 1000) : Math.Max(1, (int)(threshold / 10));
    }

    /// <summary>Counts a device credential issued to this client address; false when the address asked for too many this minute.</summary>
    public async Task<bool> CountCredentialAsync(HttpContext http, CancellationToken ct)
    {
        if (CredentialsPerAddress <= 0) return true;
        var minute = Truncate(clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        var counts = await leases.NextAsync([($"credentials-minute:{Address(http)}", minute, TimeSpan.FromMinutes(2),
            CounterLeases.BlockFor(CredentialsPerAddress))], ct);
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

    /// <summary>The mean count of the service point's active hours over the last 14 days (this hour left out), cached 10 minutes.</summary>
    private async Task<double> UsualHourAsync(int servicePointId, DateTimeOffset hour, CancellationToken ct)
    {
        if (usual.TryGetValue(servicePointId, out var cached) && clock.GetUtcNow() - cached.At < TimeSpan.FromMinutes(10)) return cached.Usual;
        await using var command = dataSource.CreateCommand("""
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

    /// <summary>A keyed hash of the client address: counts per address without storing one.</summary>
    private string Address(HttpContext http) => counters.Hash(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");

    private static DateTimeOffset Truncate(DateTimeOffset t, TimeSpan unit) => new(t.UtcTicks - t.UtcTicks % unit.Ticks, TimeSpan.Zero);

    /// <summary>The start of today in Vietnam (UTC+7), as a UTC instant.</summary>
    public static DateTimeOffset VietnamDay(DateTimeOffset t)
    {
        var local = t.ToOffset(VietnameseFormat.Offset);
        return new DateTimeOffset(local.Date, VietnameseFormat.Offset).ToUniversalTime();
    }
}
