using System.Buffers;
using System.Buffers.Binary;

namespace Sipas.Jobs.Exports;

/// <summary>
/// Splits the output of a <c>COPY … TO STDOUT (FORMAT BINARY)</c> (PostgreSQL's "Binary Format" of COPY: a signature,
/// flags and a header extension, then per row an int16 field count and per field an int32 length, -1 for NULL, and
/// the value's bytes, then an int16 -1) into rows whose fields are byte ranges of one pooled buffer. The export reads
/// the values' wire bytes itself (<see cref="RowFields"/>) instead of materialising a string or an array per field.
/// The buffer holds at least one whole row and grows only for a row bigger than itself.
/// </summary>
internal sealed class BinaryCopyReader(Stream copy, int fields) : IDisposable
{
    private static ReadOnlySpan<byte> Signature => [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];

    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 18);
    private readonly int[] offsets = new int[fields], lengths = new int[fields];
    private int start, end;
    private bool header, trailer, ended;

    /// <summary>True once the trailer has been read: every row has been handed out.</summary>
    public bool Done => trailer;

    /// <summary>Reads more of the COPY into the buffer; false at the end of the stream.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (ended) return false;
        if (start > 0 && (start == end || buffer.Length - end < 1 << 16))
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }
        if (end == buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            buffer.AsSpan(0, end).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }
        var read = await copy.ReadAsync(buffer.AsMemory(end), ct);
        end += read;
        if (read == 0)
        {
            ended = true;
            if (!trailer) throw new InvalidDataException("The COPY ended before its trailer.");
        }
        return read > 0;
    }

    /// <summary>Reads the COPY to its end after the trailer; nothing may follow the trailer.</summary>
    public async ValueTask EndAsync(CancellationToken ct)
    {
        if (!trailer) throw new InvalidOperationException("The COPY's rows have not all been read.");
        if (start != end || await copy.ReadAsync(buffer.AsMemory(), ct) != 0)
            throw new InvalidDataException("Data after the COPY's trailer.");
    }

    /// <summary>
    /// The next whole row in the buffer, or false when the buffer holds none (then <see cref="FillAsync"/>) or the
    /// trailer was reached (<see cref="Done"/>).
    /// </summary>
    public bool TryRow(out RowFields row)
    {
        row = default;
        if (trailer) return false;
        var span = buffer.AsSpan(start, end - start);
        if (!header)
        {
            if (span.Length < Signature.Length + 8) return false;
            if (!span.StartsWith(Signature)) throw new InvalidDataException("Not a binary COPY stream.");
            var extension = BinaryPrimitives.ReadInt32BigEndian(span[(Signature.Length + 4)..]);
            var skip = Signature.Length + 8 + extension;
            if (span.Length < skip) return false;
            start += skip;
            span = span[skip..];
            header = true;
        }
        if (span.Length < 2) return false;
        var count = BinaryPrimitives.ReadInt16BigEndian(span);
        if (count == -1)
        {
            trailer = true;
            start += 2;
            return false;
        }
        if (count != offsets.Length) throw new InvalidDataException($"A COPY row of {count} fields, {offsets.Length} expected.");
        var at = 2;
        for (var i = 0; i < count; i++)
        {
            if (span.Length < at + 4) return false;
            var length = BinaryPrimitives.ReadInt32BigEndian(span[at..]);
            at += 4;
            offsets[i] = start + at;
            lengths[i] = length;
            if (length > 0) at += length;
            if (span.Length < at) return false;
        }
        row = new RowFields(buffer, offsets, lengths);
        start += at;
        return true;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }
}

/// <summary>The fields of one COPY row: each one's wire bytes, or null.</summary>
internal readonly ref struct RowFields(byte[] buffer, int[] offsets, int[] lengths)
{
    private readonly byte[] buffer = buffer;

    public bool IsNull(int field) => lengths[field] < 0;

    public ReadOnlySpan<byte> this[int field] =>
        lengths[field] < 0 ? throw new InvalidDataException($"Field {field} is NULL.") : buffer.AsSpan(offsets[field], lengths[field]);
}
