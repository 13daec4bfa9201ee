using Npgsql;
using NpgsqlTypes;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>
/// Replaces a snapshot's rows inside the caller's transaction: <see cref="DeleteAsync"/> first, the results streamed with
/// <see cref="ResultsCopy"/>, then <see cref="WriteVerdictsAndChanges"/>. Rows are written synchronously: they are
/// buffered, and awaiting each field costs more than it gives.
/// </summary>
public static class SnapshotWriter
{
    /// <summary>Deletes the rows of an earlier run of the snapshot.</summary>
    public static async Task DeleteAsync(NpgsqlConnection connection, int snapshotId, CancellationToken ct)
    {
        await using var delete = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("DELETE FROM sipas.snapshot_changes WHERE snapshot_id = $1") { Parameters = { new NpgsqlParameter<int> { TypedValue = snapshotId } } },
                new NpgsqlBatchCommand("DELETE FROM sipas.snapshot_verdicts WHERE snapshot_id = $1") { Parameters = { new NpgsqlParameter<int> { TypedValue = snapshotId } } },
                new NpgsqlBatchCommand("DELETE FROM sipas.snapshot_results WHERE snapshot_id = $1") { Parameters = { new NpgsqlParameter<int> { TypedValue = snapshotId } } },
            },
        };
        await delete.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The verdicts and the changes since the previous wave (a few rows each).</summary>
    public static void WriteVerdictsAndChanges(NpgsqlConnection connection, IReadOnlyList<SnapshotVerdict> verdicts,
        IReadOnlyList<SnapshotChange> changes)
    {
        using (var copy = connection.BeginBinaryImport("""
            COPY sipas.snapshot_verdicts (snapshot_id, indicator, year, target_id, group_type, group_code, source, comparator,
                threshold, estimate, ci_low, ci_high, met, certain, display)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var v in verdicts)
            {
                copy.StartRow();
                copy.Write(v.SnapshotId, NpgsqlDbType.Integer);
                copy.Write(v.Indicator, NpgsqlDbType.Varchar);
                copy.Write(v.Year, NpgsqlDbType.Integer);
                copy.Write(v.TargetId, NpgsqlDbType.Integer);
                copy.Write(v.GroupType, NpgsqlDbType.Varchar);
                copy.Write(v.GroupCode, NpgsqlDbType.Text);
                copy.Write(v.Source, NpgsqlDbType.Varchar);
                copy.Write(v.Comparator, NpgsqlDbType.Varchar);
                copy.Write(v.Threshold, NpgsqlDbType.Double);
                Nullable(copy, v.Estimate);
                Nullable(copy, v.CiLow);
                Nullable(copy, v.CiHigh);
                Nullable(copy, v.Met);
                Nullable(copy, v.Certain);
                copy.Write(v.Display, NpgsqlDbType.Varchar);
            }
            copy.Complete();
        }

        using (var copy = connection.BeginBinaryImport("""
            COPY sipas.snapshot_changes (snapshot_id, channel, indicator, previous_wave, previous_snapshot_id, previous_published,
                before, before_se, after, after_se, difference, difference_se, z, p_value, significant)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var c in changes)
            {
                copy.StartRow();
                copy.Write(c.SnapshotId, NpgsqlDbType.Integer);
                copy.Write(c.Channel, NpgsqlDbType.Varchar);
                copy.Write(c.Indicator, NpgsqlDbType.Varchar);
                copy.Write(c.PreviousWave, NpgsqlDbType.Varchar);
                copy.Write(c.PreviousSnapshotId, NpgsqlDbType.Integer);
                copy.Write(c.PreviousPublished, NpgsqlDbType.Boolean);
                Nullable(copy, c.Before);
                Nullable(copy, c.BeforeSe);
                Nullable(copy, c.After);
                Nullable(copy, c.AfterSe);
                Nullable(copy, c.Difference);
                Nullable(copy, c.DifferenceSe);
                Nullable(copy, c.Z);
                Nullable(copy, c.PValue);
                copy.Write(c.Significant, NpgsqlDbType.Boolean);
            }
            copy.Complete();
        }
    }

    private static void Nullable<T>(NpgsqlBinaryImporter copy, T? value) where T : struct
    {
        if (value is { } v) copy.Write(v);
        else copy.WriteNull();
    }
}
