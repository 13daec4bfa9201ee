using System.Collections.Concurrent;
using System.Data;
using Npgsql;
using Sipas.Data;

namespace Sipas.Api.Results;

/// <summary>
/// Reads snapshots' stamps (<see cref="SnapshotStamp"/>) from PostgreSQL, one read shared by the requests that wait
/// for it, as a group commit shares a flush: a request that arrives while its snapshot's stamp is being read waits for
/// the next read, sent as soon as that one returns, so no request is ever answered with a read sent before it arrived
/// (nothing stale), and under load one read serves many requests instead of one each. A failed read fails the requests
/// that shared it (503 when the database is down, as before).
/// </summary>
public sealed class SnapshotStamps(NpgsqlDataSource dataSource)
{
    private readonly ConcurrentDictionary<int, Rounds> byId = new();
    private long reads;

    /// <summary>Reads sent to PostgreSQL since the process started (tests read it).</summary>
    public long Reads => Interlocked.Read(ref reads);

    /// <summary>The snapshot's stamp, or null when there is no such snapshot.</summary>
    public Task<SnapshotStamp?> GetAsync(int id, CancellationToken ct)
    {
        var rounds = byId.GetOrAdd(id, static _ => new Rounds());
        Task<SnapshotStamp?> next;
        var start = false;
        lock (rounds)
        {
            rounds.Next ??= new TaskCompletionSource<SnapshotStamp?>(TaskCreationOptions.RunContinuationsAsynchronously);
            next = rounds.Next.Task;
            if (!rounds.Reading) rounds.Reading = start = true;
        }
        if (start) _ = ReadRounds(id, rounds);
        return next.WaitAsync(ct);
    }

    /// <summary>Reads for the waiting requests, round after round, until none waits.</summary>
    private async Task ReadRounds(int id, Rounds rounds)
    {
        while (true)
        {
            TaskCompletionSource<SnapshotStamp?> round;
            lock (rounds)
            {
                if (rounds.Next is null)
                {
                    rounds.Reading = false;
                    // Not kept for ids nobody asks for (unknown ones included). A request holding this object already
                    // finds it idle and reads on it alone: correct, only not shared.
                    byId.TryRemove(KeyValuePair.Create(id, rounds));
                    return;
                }
                (round, rounds.Next) = (rounds.Next, null);
            }
            try
            {
                round.SetResult(await ReadAsync(id));
            }
            catch (Exception e)
            {
                round.SetException(e);
            }
        }
    }

    /// <summary>One prepared primary-key read (prepared once per pooled connection).</summary>
    private async Task<SnapshotStamp?> ReadAsync(int id)
    {
        Interlocked.Increment(ref reads);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT status, completed_at FROM sipas.snapshots WHERE id = $1", connection)
        {
            Parameters = { new NpgsqlParameter<int> { TypedValue = id } },
        };
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow);
        if (!await reader.ReadAsync()) return null;
        var completed = reader.GetString(0) == nameof(SnapshotStatus.Completed);
        return new SnapshotStamp(id, completed, completed && !reader.IsDBNull(1) ? reader.GetFieldValue<DateTimeOffset>(1) : null);
    }

    private sealed class Rounds
    {
        public TaskCompletionSource<SnapshotStamp?>? Next;
        public bool Reading;
    }
}
