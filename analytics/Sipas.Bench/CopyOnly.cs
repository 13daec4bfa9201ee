using System.Diagnostics;
using Npgsql;

namespace Sipas.Bench;

/// <summary>
/// The floor beside a figure (issue 17): every response row of the wave streamed out of PostgreSQL with binary COPY and
/// thrown away, in the same run. A snapshot or an export cannot read its rows faster than this.
/// </summary>
public static class CopyOnly
{
    /// <summary>Seconds to copy the wave's rows out, and the bytes copied.</summary>
    public static async Task<(double Seconds, long Bytes)> TimeAsync(NpgsqlDataSource dataSource, int waveId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var watch = Stopwatch.StartNew();
        await using var copy = await connection.BeginRawBinaryCopyAsync(
            $"COPY (SELECT * FROM sipas.responses WHERE wave_id = {waveId}) TO STDOUT (FORMAT binary)");
        var buffer = new byte[1 << 16];
        long bytes = 0;
        int read;
        while ((read = await copy.ReadAsync(buffer, 0, buffer.Length)) > 0) bytes += read;
        return (watch.Elapsed.TotalSeconds, bytes);
    }
}
