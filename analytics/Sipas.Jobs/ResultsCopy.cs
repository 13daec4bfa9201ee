using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>
/// Streams result rows into <c>sipas.snapshot_results</c> with one binary COPY, encoding PostgreSQL's binary format
/// itself into 64 KB blocks (a header; per row a 16-bit field count and each field as a 32-bit length, −1 for NULL, and
/// its big-endian bytes; a −1 trailer). Not disposed after <see cref="Complete"/>, the COPY is cancelled, and the
/// caller's transaction is then rolled back.
/// </summary>
public sealed class ResultsCopy : IDisposable
{
    private const string Command = """
        COPY sipas.snapshot_results (snapshot_id, channel, indicator, group_type, group_code, section, item, n_valid,
            n_positive, estimate, se, ci_low, ci_high, n_eff, flags, n_responses, n_valid_responses, alpha, n_complete, mean_score, mean_score_se)
        FROM STDIN (FORMAT BINARY)
        """;
    private const short Fields = 21;
    // A row's bytes besides its text: the field count, 21 lengths, 5 integers, 9 doubles and the 16-bit flags.
    private const int Fixed = 2 + Fields * 4 + 5 * 4 + 9 * 8 + 2;
    private static readonly byte[] Header = [.. "PGCOPY\n"u8, 0xff, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private readonly NpgsqlRawCopyStream stream;
    private byte[] buffer = new byte[1 << 16];
    private int at;
    private bool completed;

    private ResultsCopy(NpgsqlConnection connection)
    {
        stream = connection.BeginRawBinaryCopy(Command);
        Header.CopyTo(buffer, 0);
        at = Header.Length;
    }

    /// <summary>Starts the COPY on <paramref name="connection"/> (inside the caller's transaction).</summary>
    public static ResultsCopy Begin(NpgsqlConnection connection) => new(connection);

    /// <summary>Rows written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Writes <paramref name="rows"/> under <paramref name="channel"/> (their own channel is not read).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // a loop over every row: skip tier-0 and on-stack replacement
    public void Write(int snapshotId, string channel, IReadOnlyList<SnapshotResult> rows)
    {
        foreach (var r in rows)
        {
            var needed = Fixed + Encoding.UTF8.GetMaxByteCount(channel.Length + r.Indicator.Length + r.GroupType.Length
                                                               + r.GroupCode.Length + r.Section.Length + r.Item.Length);
            if (at + needed > buffer.Length)
            {
                Flush();
                if (needed > buffer.Length) buffer = new byte[needed];
            }
            Short(Fields);
            Int(snapshotId);
            Text(channel);
            Text(r.Indicator);
            Text(r.GroupType);
            Text(r.GroupCode);
            Text(r.Section);
            Text(r.Item);
            Int(r.NValid);
            Double(r.NPositive);
            Double(r.Estimate);
            Double(r.Se);
            Double(r.CiLow);
            Double(r.CiHigh);
            Double(r.NEff);
            BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), 2);
            BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(at + 4), r.Flags);
            at += 6;
            Int(r.NResponses);
            Int(r.NValidResponses);
            Double(r.Alpha);
            Int(r.NComplete);
            Double(r.MeanScore);
            Double(r.MeanScoreSe);
            Count++;
        }
    }

    /// <summary>Ends the COPY; PostgreSQL checks the rows (keys, the published-snapshot trigger) here at the latest.</summary>
    public void Complete()
    {
        if (at + 2 > buffer.Length) Flush();
        Short(-1);
        Flush();
        completed = true;
        stream.Dispose();
    }

    public void Dispose()
    {
        if (completed) return;
        completed = true;
        try
        {
            stream.Cancel();
            stream.Dispose();
        }
        catch (NpgsqlException)
        {
            // The run is failing already (that error is the one to report); the transaction is rolled back next.
        }
    }

    private void Flush()
    {
        stream.Write(buffer, 0, at);
        at = 0;
    }

    private void Short(short value)
    {
        BinaryPrimitives.WriteInt16BigEndian(buffer.AsSpan(at), value);
        at += 2;
    }

    private void Int(int? value)
    {
        if (value is not { } v) { Null(); return; }
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), 4);
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at + 4), v);
        at += 8;
    }

    private void Double(double? value)
    {
        if (value is not { } v) { Null(); return; }
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), 8);
        BinaryPrimitives.WriteDoubleBigEndian(buffer.AsSpan(at + 4), v);
        at += 12;
    }

    private void Text(string value)
    {
        var length = Encoding.UTF8.GetBytes(value, buffer.AsSpan(at + 4));
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), length);
        at += 4 + length;
    }

    private void Null()
    {
        BinaryPrimitives.WriteInt32BigEndian(buffer.AsSpan(at), -1);
        at += 4;
    }
}
