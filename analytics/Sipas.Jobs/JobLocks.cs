using Npgsql;

namespace Sipas.Jobs;

/// <summary>
/// Locks that keep two runs of the same work apart while letting different work run side by side: a
/// PostgreSQL session advisory lock on (kind, id), held on a connection of its own for as long as the job runs.
/// Snapshots of one wave run one at a time, snapshots of different waves (or provinces) in parallel; a worker
/// that dies drops its connection and with it the lock, so nothing waits for a timeout.
/// (Hangfire's <c>DisableConcurrentExecution</c> locks a whole method: every wave would wait for every other.)
/// </summary>
public static class JobLocks
{
    /// <summary>Lock kinds: the first key of the two-key advisory lock.</summary>
    public const int Snapshot = 0x53495001, Report = 0x53495002;

    /// <summary>Waits for the lock on (<paramref name="kind"/>, <paramref name="id"/>) and holds it until disposed.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(NpgsqlDataSource dataSource, int kind, int id, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1, $2)", connection)
            {
                CommandTimeout = 0,   // waits as long as the other run takes; cancellation still stops it
                Parameters = { new NpgsqlParameter<int> { TypedValue = kind }, new NpgsqlParameter<int> { TypedValue = id } },
            };
            await command.ExecuteNonQueryAsync(ct);
            return new Held(connection, kind, id);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection, int kind, int id) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1, $2)", connection)
                {
                    Parameters = { new NpgsqlParameter<int> { TypedValue = kind }, new NpgsqlParameter<int> { TypedValue = id } },
                };
                await command.ExecuteNonQueryAsync(CancellationToken.None);
            }
            finally
            {
                // Closing also ends the session; a pooled connection is reset (DISCARD ALL drops any lock left).
                await connection.DisposeAsync();
            }
        }
    }
}
