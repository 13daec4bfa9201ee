using System.Buffers;

namespace Sipas.Jobs.Exports;

/// <summary>
/// The microdata export's CSV cell rule on UTF-8 bytes, in one place. It is <see cref="Sipas.Analytics.Interchange.CsvText.Text"/>
/// then <see cref="Sipas.Analytics.Interchange.CsvText.Field"/> (and <see cref="Sipas.Analytics.Interchange.SpreadsheetText"/>),
/// written again for bytes because the export's values arrive from COPY as UTF-8: turning each one into a .NET string
/// and encoding it back cost more than everything else in a row. The characters the rule looks at are all ASCII, and a
/// UTF-8 multi-byte sequence never holds an ASCII byte, so testing bytes is testing characters. Tests hold the two
/// writings equal (CsvBytesTests).
/// </summary>
internal static class CsvCell
{
    private static readonly SearchValues<byte> NeedsQuotes = SearchValues.Create(",\"\r\n"u8);

    /// <summary>The most bytes <see cref="Write"/> writes for a value of <paramref name="length"/> bytes.</summary>
    public static int MaxLength(int length) => 2 * length + 3;

    /// <summary>
    /// Writes <paramref name="utf8"/> as one cell to <paramref name="destination"/> and returns the bytes written. A text
    /// cell (<paramref name="text"/>) that a spreadsheet would take for a formula (it starts with <c>=</c>, <c>+</c>,
    /// <c>-</c>, <c>@</c>, a tab or a carriage return) first gets a leading <c>'</c>; then a cell holding a comma, a
    /// quote or a line break is put in quotes, its quotes doubled. Numbers are written with <paramref name="text"/> false.
    /// </summary>
    public static int Write(ReadOnlySpan<byte> utf8, bool text, Span<byte> destination)
    {
        var guard = text && utf8.Length > 0 && utf8[0] is (byte)'=' or (byte)'+' or (byte)'-' or (byte)'@' or (byte)'\t' or (byte)'\r';
        var at = 0;
        if (utf8.IndexOfAny(NeedsQuotes) < 0)
        {
            if (guard) destination[at++] = (byte)'\'';
            utf8.CopyTo(destination[at..]);
            return at + utf8.Length;
        }
        destination[at++] = (byte)'"';
        if (guard) destination[at++] = (byte)'\'';
        while (true)
        {
            var quote = utf8.IndexOf((byte)'"');
            if (quote < 0) break;
            utf8[..(quote + 1)].CopyTo(destination[at..]);
            at += quote + 1;
            destination[at++] = (byte)'"';
            utf8 = utf8[(quote + 1)..];
        }
        utf8.CopyTo(destination[at..]);
        at += utf8.Length;
        destination[at++] = (byte)'"';
        return at;
    }
}

/// <summary>UTF-8 CSV in one pooled buffer, written to the output with <see cref="FlushAsync"/> only.</summary>
internal sealed class CsvBuffer(Stream output) : IDisposable
{
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 18);
    private int at;

    /// <summary>Bytes written since the last flush.</summary>
    public int Pending => at;

    public void Byte(byte value)
    {
        if (at == buffer.Length) Grow(1);
        buffer[at++] = value;
    }

    /// <summary>Bytes that are already CSV (a header, a pre-written cell).</summary>
    public void Raw(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    /// <summary>A text cell: guarded against formulas, then quoted as needed (<see cref="CsvCell"/>).</summary>
    public void Text(ReadOnlySpan<byte> utf8) => at += CsvCell.Write(utf8, text: true, Free(CsvCell.MaxLength(utf8.Length)));

    /// <summary>A number cell: quoted as needed, never guarded (<see cref="CsvCell"/>).</summary>
    public void Number(ReadOnlySpan<byte> utf8) => at += CsvCell.Write(utf8, text: false, Free(CsvCell.MaxLength(utf8.Length)));

    /// <summary>At least <paramref name="bytes"/> free bytes to write into; <see cref="Advance"/> by what was written.</summary>
    public Span<byte> Free(int bytes)
    {
        if (buffer.Length - at < bytes) Grow(bytes);
        return buffer.AsSpan(at);
    }

    public void Advance(int bytes) => at += bytes;

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (at == 0) return;
        await output.WriteAsync(buffer.AsMemory(0, at), ct);
        at = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private Span<byte> Take(int bytes)
    {
        var span = Free(bytes)[..bytes];
        at += bytes;
        return span;
    }

    private void Grow(int bytes)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, at + bytes));
        buffer.AsSpan(0, at).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = bigger;
    }
}
