using Npgsql;
using Sipas.Testing;

namespace Sipas.Api.Tests.Security;

/// <summary>The number of rows of every table of the <c>sipas</c> schema but the limit counters, to show that a
/// refused request stored nothing.</summary>
public static class RowCounts
{
    public static async Task<SortedDictionary<string, long>> OfAsync(TestDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            // Limit counters (rate_counters) change by design with refused requests: a failed sign-in counts there.
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'sipas' AND table_type = 'BASE TABLE' AND table_name <> 'rate_counters'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
            counts[table] = (long)(await new NpgsqlCommand($"SELECT count(*) FROM sipas.\"{table}\"", connection).ExecuteScalarAsync())!;
        return counts;
    }

    /// <summary>Tables whose count changed, as <c>table: before → after</c>.</summary>
    public static IEnumerable<string> Changed(SortedDictionary<string, long> before, SortedDictionary<string, long> after) =>
        after.Where(t => before.GetValueOrDefault(t.Key) != t.Value).Select(t => $"{t.Key}: {before.GetValueOrDefault(t.Key)} → {t.Value}");
}
