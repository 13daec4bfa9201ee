using Npgsql;
using NpgsqlTypes;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>Replaces a snapshot's rows with binary COPY (inside the caller's transaction).</summary>
public static class SnapshotWriter
{
    public static async Task ReplaceAsync(NpgsqlConnection connection, int snapshotId, IReadOnlyList<SnapshotResult> results,
        IReadOnlyList<SnapshotVerdict> verdicts, CancellationToken ct)
    {
        await using (var delete = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM sipas.snapshot_verdicts WHERE snapshot_id = $1") { Parameters = { new NpgsqlParameter<int> { TypedValue = snapshotId } } },
                new NpgsqlBatchCommand("DELETE FROM sipas.snapshot_results WHERE snapshot_id = $1") { Parameters = { new NpgsqlParameter<int> { TypedValue = snapshotId } } },
            },
        })
            await delete.ExecuteNonQueryAsync(ct);

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY sipas.snapshot_results (snapshot_id, channel, indicator, group_type, group_code, section, item, n_valid,
                n_positive, estimate, se, ci_low, ci_high, n_eff, flags, n_responses, n_valid_responses, alpha, n_complete)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var r in results)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.SnapshotId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(r.Channel, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.Indicator, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.GroupType, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.GroupCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Section, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.Item, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(r.NValid, NpgsqlDbType.Integer, ct);
                await Nullable(copy, r.NPositive, ct);
                await Nullable(copy, r.Estimate, ct);
                await Nullable(copy, r.Se, ct);
                await Nullable(copy, r.CiLow, ct);
                await Nullable(copy, r.CiHigh, ct);
                await Nullable(copy, r.NEff, ct);
                await copy.WriteAsync(r.Flags, NpgsqlDbType.Smallint, ct);
                await Nullable(copy, r.NResponses, ct);
                await Nullable(copy, r.NValidResponses, ct);
                await Nullable(copy, r.Alpha, ct);
                await Nullable(copy, r.NComplete, ct);
            }
            await copy.CompleteAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY sipas.snapshot_verdicts (snapshot_id, indicator, year, target_id, group_type, group_code, source, comparator,
                threshold, estimate, ci_low, ci_high, met, certain, display)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var v in verdicts)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(v.SnapshotId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(v.Indicator, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(v.Year, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(v.TargetId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(v.GroupType, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(v.GroupCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(v.Source, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(v.Comparator, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(v.Threshold, NpgsqlDbType.Double, ct);
                await Nullable(copy, v.Estimate, ct);
                await Nullable(copy, v.CiLow, ct);
                await Nullable(copy, v.CiHigh, ct);
                await Nullable(copy, v.Met, ct);
                await Nullable(copy, v.Certain, ct);
                await copy.WriteAsync(v.Display, NpgsqlDbType.Varchar, ct);
            }
            await copy.CompleteAsync(ct);
        }
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter copy, T? value, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, ct) : copy.WriteNullAsync(ct);
}
