using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Sipas.Data;

namespace Sipas.Api.Intake;

public enum WriteOutcome { Stored, AlreadyStored, Conflict, WaveClosed, InvitationUsed }

public sealed record WriteResult(WriteOutcome Outcome, DateTimeOffset ReceivedAt);

/// <summary>
/// Writes responses durably in groups: concurrent submissions wait in a bounded channel and a few writer loops
/// insert up to <see cref="MaxBatch"/> of them in one transaction, so the throughput does not stop at one fsync
/// per request (architecture.md). A row whose wave has been closed is not inserted (<see cref="WriteOutcome.WaveClosed"/>),
/// whatever a cache upstream still believed about the wave. Each caller's task completes only after its transaction has committed; a failed
/// commit fails every caller in it, and nobody is told "stored" for something that is not.
/// </summary>
public sealed class ResponseWriter(NpgsqlDataSource dataSource, IConfiguration configuration, ILogger<ResponseWriter> log)
    : BackgroundService
{
    public const int MaxBatch = 512;

    /// <summary>How long one statement of a batch may wait for PostgreSQL before its callers are told to retry.</summary>
    private readonly int commandTimeout = configuration.GetValue("Sipas:Ingest:CommandTimeoutSeconds", 10);

    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(20_000)
    {
        FullMode = BoundedChannelFullMode.Wait, SingleReader = false,
    });

    private sealed record Pending(Response Response, TaskCompletionSource<WriteResult> Done);

    /// <summary>Queues a response and returns once it is committed (or known to be stored already).</summary>
    public async Task<WriteResult> WriteAsync(Response response, CancellationToken ct)
    {
        var pending = new Pending(response, new TaskCompletionSource<WriteResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        await queue.Writer.WriteAsync(pending, ct);
        // Once queued, the write goes ahead even if this caller gives up: its retry will find it stored.
        return await pending.Done.Task.WaitAsync(ct);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var writers = Math.Max(1, configuration.GetValue("Sipas:Ingest:Writers", 2));
        return Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => Loop(stoppingToken), CancellationToken.None)));
    }

    private async Task Loop(CancellationToken stoppingToken)
    {
        var batch = new List<Pending>(MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < MaxBatch && queue.Reader.TryRead(out var next)) batch.Add(next);
                await Flush(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        // Shutting down: what is already queued is still written before the host stops.
        while (queue.Reader.TryRead(out var next)) batch.Add(next);
        if (batch.Count > 0) await Flush(batch);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task Flush(List<Pending> batch)
    {
        try
        {
            Dictionary<Pending, WriteResult> results;
            try
            {
                results = await Insert(batch);
            }
            catch (PostgresException e) when (e.IsTransient || e.SqlState is PostgresErrorCodes.DeadlockDetected)
            {
                results = await Insert(batch); // the other writer's batch won; this one now finds its rows settled
            }
            foreach (var pending in batch) pending.Done.TrySetResult(results[pending]);
        }
        catch (PostgresException e) when (IsDataException(e) && batch.Count > 1)
        {
            // A value PostgreSQL refuses fails only its own response: the batch is written again one response at a time.
            log.LogWarning("A batch of {Count} responses held a value PostgreSQL refuses ({SqlState}); writing them one by one", batch.Count, e.SqlState);
            foreach (var pending in batch) await Flush([pending]);
        }
        catch (PostgresException e) when (IsDataException(e))
        {
            // Retrying would not help: the caller gets an error, not "try again later".
            log.LogError("A response was refused by PostgreSQL ({SqlState})", e.SqlState);
            foreach (var pending in batch) pending.Done.TrySetException(e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException or IOException)
        {
            log.LogWarning(e, "A batch of {Count} responses could not be stored; callers are told to retry", batch.Count);
            foreach (var pending in batch) pending.Done.TrySetException(new StorageUnavailableException(e));
        }
        catch (Exception e)
        {
            // A bug (say, a value Npgsql refuses to write) fails this batch's callers; the loop keeps serving the others.
            log.LogError(e, "A batch of {Count} responses failed", batch.Count);
            foreach (var pending in batch) pending.Done.TrySetException(e);
        }
    }

    /// <summary>SQLSTATE class 22 (data exception: a NUL in text, a value out of range): the data is at fault, not the database.</summary>
    private static bool IsDataException(PostgresException e) => e.SqlState.StartsWith("22", StringComparison.Ordinal);

    private async Task<Dictionary<Pending, WriteResult>> Insert(List<Pending> batch)
    {
        // One statement is its own transaction: the batch commits when the INSERT returns, in one round trip instead of
        // BEGIN, INSERT, COMMIT (ingest profile, docs/benchmarks.md). The look-up of rows stored before runs after it.
        await using var connection = await dataSource.OpenConnectionAsync();
        var (inserted, stored) = await InsertRows(batch.Select(p => p.Response).ToList(), connection, null);

        var results = new Dictionary<Pending, WriteResult>();
        var claimed = new HashSet<Guid>();
        foreach (var pending in batch)
        {
            var response = pending.Response;
            if (inserted.Contains(response.Id) && claimed.Add(response.Id))
                results[pending] = new(WriteOutcome.Stored, response.ReceivedAt);
            else if (!inserted.Contains(response.Id))
                results[pending] = Settled(response, stored);
            else
            {
                // Two submissions of one id in the same batch: the first was inserted, compare with it.
                var first = batch.First(p => p.Response.Id == response.Id).Response;
                results[pending] = new(first.ContentHash.AsSpan().SequenceEqual(response.ContentHash) ? WriteOutcome.AlreadyStored : WriteOutcome.Conflict,
                    first.ReceivedAt);
            }
        }
        return results;
    }

    /// <summary>
    /// Writes one response inside the caller's transaction (a keying, a decision, an interview, an invitation's rating
    /// commit together with their own rows), with the same statement and the same outcomes as the batches.
    /// </summary>
    public async Task<WriteResult> WriteInAsync(Response response, NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        var (inserted, stored) = await InsertRows([response], connection, transaction);
        return inserted.Contains(response.Id) ? new(WriteOutcome.Stored, response.ReceivedAt) : Settled(response, stored);
    }

    /// <summary>The outcome for a response that was not inserted: stored before (same or other content), or its wave is closed.</summary>
    private static WriteResult Settled(Response response, Dictionary<Guid, (byte[] Hash, DateTimeOffset ReceivedAt)> stored) =>
        stored.TryGetValue(response.Id, out var existing)
            ? new(existing.Hash.AsSpan().SequenceEqual(response.ContentHash) ? WriteOutcome.AlreadyStored : WriteOutcome.Conflict, existing.ReceivedAt)
            : new(WriteOutcome.WaveClosed, response.ReceivedAt); // neither inserted nor stored: its wave is closed

    /// <summary>Inserts the rows whose wave is not closed and whose id is new; returns those inserted and, for the others, what is stored.</summary>
    private async Task<(HashSet<Guid> Inserted, Dictionary<Guid, (byte[] Hash, DateTimeOffset ReceivedAt)> Stored)> InsertRows(
        List<Response> rows, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var inserted = new HashSet<Guid>();
        await using (var insert = InsertCommand(rows, connection, transaction))
        {
            insert.CommandTimeout = commandTimeout;
            await using var reader = await insert.ExecuteReaderAsync();
            while (await reader.ReadAsync()) inserted.Add(reader.GetGuid(0));
        }
        var stored = new Dictionary<Guid, (byte[] Hash, DateTimeOffset ReceivedAt)>();
        var others = rows.Select(r => r.Id).Where(id => !inserted.Contains(id)).Distinct().ToArray();
        if (others.Length > 0)
        {
            await using var lookup = new NpgsqlCommand(
                "SELECT id, content_hash, received_at FROM sipas.responses WHERE id = ANY($1)", connection, transaction)
                { CommandTimeout = commandTimeout };
            lookup.Parameters.AddWithValue(others);
            await using var reader = await lookup.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                stored[reader.GetGuid(0)] = ((byte[])reader[1], reader.GetFieldValue<DateTimeOffset>(2));
        }
        return (inserted, stored);
    }

    /// <summary>What is stored under <paramref name="id"/> (content hash and receipt time), or null.</summary>
    public async Task<(byte[] Hash, DateTimeOffset ReceivedAt)?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var lookup = dataSource.CreateCommand("SELECT content_hash, received_at FROM sipas.responses WHERE id = $1");
        lookup.Parameters.AddWithValue(id);
        await using var reader = await lookup.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ((byte[])reader[0], reader.GetFieldValue<DateTimeOffset>(1)) : null;
    }

    /// <summary>
    /// One statement for the whole batch (arrays unnested into rows), in id order so two writers holding the same
    /// ids lock them in the same order.
    /// </summary>
    private static NpgsqlCommand InsertCommand(List<Response> batch, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var rows = batch.OrderBy(r => r.Id).ToArray();
        var command = new NpgsqlCommand("""
            INSERT INTO sipas.responses (id, wave_id, questionnaire_id, channel, area_code, agency_id, unit_code, stratum,
                service_point_id, submitted_at, received_at, started_at, scores, other_answers, dossier_hash, content_hash,
                flags, entered_by, device_hash, invitation_id)
            SELECT id, wave_id, questionnaire_id, channel, area_code, agency_id, unit_code, stratum, service_point_id,
                submitted_at, received_at, started_at, scores::smallint[], other_answers::jsonb, dossier_hash, content_hash,
                flags::text[], entered_by, device_hash, invitation_id
            FROM unnest($1::uuid[], $2::int[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::int[],
                $10::timestamptz[], $11::timestamptz[], $12::timestamptz[], $13::text[], $14::text[], $15::bytea[], $16::bytea[],
                $17::text[], $18::uuid[], $19::bytea[], $20::uuid[])
                AS t(id, wave_id, questionnaire_id, channel, area_code, agency_id, unit_code, stratum, service_point_id,
                     submitted_at, received_at, started_at, scores, other_answers, dossier_hash, content_hash, flags, entered_by,
                     device_hash, invitation_id)
            WHERE EXISTS (SELECT 1 FROM sipas.waves w WHERE w.id = t.wave_id AND w.status <> 'Closed')
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """, connection, transaction);
        var p = command.Parameters;
        p.AddWithValue(rows.Select(r => r.Id).ToArray());
        p.AddWithValue(rows.Select(r => r.WaveId).ToArray());
        p.AddWithValue(rows.Select(r => r.QuestionnaireId).ToArray());
        p.AddWithValue(rows.Select(r => r.Channel).ToArray());
        p.AddWithValue(rows.Select(r => r.AreaCode).ToArray());
        p.AddWithValue(rows.Select(r => r.AgencyId).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => r.UnitCode).ToArray());
        p.AddWithValue(rows.Select(r => r.Stratum).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Integer, rows.Select(r => r.ServicePointId).ToArray());
        p.AddWithValue(rows.Select(r => r.SubmittedAt).ToArray());
        p.AddWithValue(rows.Select(r => r.ReceivedAt).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.TimestampTz, rows.Select(r => r.StartedAt).ToArray());
        p.AddWithValue(rows.Select(r => ArrayLiteral(r.Scores.Select(s => s?.ToString()))).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Text, rows.Select(r => r.OtherAnswers?.RootElement.GetRawText()).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, rows.Select(r => r.DossierHash).ToArray());
        p.AddWithValue(rows.Select(r => r.ContentHash).ToArray());
        p.AddWithValue(rows.Select(r => ArrayLiteral(r.Flags)).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Uuid, rows.Select(r => r.EnteredBy).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Bytea, rows.Select(r => r.DeviceHash).ToArray());
        p.AddWithValue(NpgsqlDbType.Array | NpgsqlDbType.Uuid, rows.Select(r => r.InvitationId).ToArray());
        return command;
    }

    /// <summary>A PostgreSQL array literal (<c>{4,5,NULL}</c>) for a row's array column inside an unnested batch.</summary>
    private static string ArrayLiteral(IEnumerable<string?> values) =>
        "{" + string.Join(',', values.Select(v => v is null ? "NULL" : "\"" + v.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"")) + "}";
}

/// <summary>The database did not take a batch: the caller answers 503 and the client retries with the same id.</summary>
public sealed class StorageUnavailableException(Exception inner)
    : Exception("Responses cannot be stored right now.", inner);
