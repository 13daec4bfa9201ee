using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sipas.Analytics.Interchange;

public static partial class ResponsesCsv
{
    /// <summary>
    /// The rows of a chunk of UTF-8 bytes, split exactly as the CSV reader used elsewhere (Sep, with unescaping)
    /// splits text: a quote toggles the quoted state wherever it stands; outside quotes a comma ends a field and
    /// LF, CR LF or a lone CR ends a row; line breaks are counted inside quotes too (CR LF once). A field that
    /// starts with a quote is unescaped in place: every other quote after the first is dropped. Splitting bytes
    /// equals splitting the decoded text, as no byte of a multi-byte UTF-8 sequence is ASCII.
    /// </summary>
    private sealed class ByteRows(byte[] data, int from, int end, int firstLine)
    {
        private int position = from, line = firstLine, maskBase = from - 64;
        private ulong mask;
        private int[] starts = new int[64], lengths = new int[64];

        /// <summary>Physical line on which the current row starts.</summary>
        public int Line { get; private set; }
        /// <summary>Fields of the current row.</summary>
        public int Count { get; private set; }
        /// <summary>The current row holds an odd number of quotes (an unclosed quoted field).</summary>
        public bool OddQuotes { get; private set; }
        /// <summary>The current row is an empty line.</summary>
        public bool Blank { get; private set; }

        /// <summary>Field <paramref name="i"/> of the current row, unescaped.</summary>
        public ReadOnlySpan<byte> this[int i] => data.AsSpan(starts[i], lengths[i]);

        /// <summary>Field <paramref name="i"/> as a scored answer: −1 when empty, the digit 0..5, or
        /// <see cref="int.MinValue"/> for anything else.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Answer(int i)
        {
            var length = lengths[i];
            if (length == 0) return -1;
            var digit = data[starts[i]] - '0';
            return length == 1 && (uint)digit <= 5 ? digit : int.MinValue;
        }

        /// <summary>Moves to the next row; false at the end of the chunk.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
        public bool MoveNext()
        {
            if (position >= end) return false;
            Line = line;
            Count = 0;
            int rowStart = position, fieldStart = position, quotes = 0;
            while (true)
            {
                var at = NextSpecial();
                if (at >= end)
                {
                    AddField(fieldStart, end);
                    position = end;
                    break;
                }
                var c = data[at];
                if (c == '"')
                {
                    quotes++;
                    continue;
                }
                if ((quotes & 1) == 1)
                {
                    if (c == '\n' || (c == '\r' && (at + 1 >= end || data[at + 1] != '\n'))) line++;
                    continue;
                }
                AddField(fieldStart, at);
                if (c == ',')
                {
                    fieldStart = at + 1;
                    continue;
                }
                line++;
                position = c == '\r' && at + 1 < end && data[at + 1] == '\n' ? at + 2 : at + 1;
                break;
            }
            OddQuotes = (quotes & 1) == 1;
            Blank = Count == 1 && lengths[0] == 0 && quotes == 0;
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void AddField(int from, int to)
        {
            if (Count == starts.Length) Widen();
            starts[Count] = from;
            lengths[Count++] = to > from && data[from] == '"' ? Unescape(data.AsSpan(from, to - from)) : to - from;
        }

        private void Widen()
        {
            Array.Resize(ref starts, Count * 2);
            Array.Resize(ref lengths, Count * 2);
        }

        /// <summary>Drops the first quote and every second quote after it, in place; returns the new length.</summary>
        private static int Unescape(Span<byte> field)
        {
            int length = 0, quotes = 1;
            for (var i = 1; i < field.Length; i++)
            {
                var c = field[i];
                field[length] = c;
                if (c == '"') quotes++;
                if (c != '"' || (quotes & 1) == 1) length++;
            }
            return length;
        }

        /// <summary>The next comma, quote, CR or LF at or after <see cref="position"/> (advancing past it), or
        /// <c>end</c>. Bytes are classified 64 at a time into a bit mask.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private int NextSpecial()
        {
            while (true)
            {
                while (mask != 0)
                {
                    var at = maskBase + BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    if (at < position) continue;   // the LF of a CR LF already stepped over
                    position = at + 1;
                    return at;
                }
                if (maskBase + 64 >= end) return end;
                maskBase = Math.Max(maskBase + 64, position);
                mask = Specials(data, maskBase, end);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static ulong Specials(byte[] data, int from, int end)
        {
            if (end - from < 64)
            {
                ulong bits = 0;
                for (var i = from; i < end; i++)
                    if (data[i] is (byte)',' or (byte)'"' or (byte)'\n' or (byte)'\r') bits |= 1UL << (i - from);
                return bits;
            }
            ref var at = ref data[from];
            if (Vector256.IsHardwareAccelerated)
                return Specials(Vector256.LoadUnsafe(ref at)) | (ulong)Specials(Vector256.LoadUnsafe(ref at, 32)) << 32;
            if (Vector128.IsHardwareAccelerated)
                return Specials(Vector128.LoadUnsafe(ref at)) | (ulong)Specials(Vector128.LoadUnsafe(ref at, 16)) << 16 |
                       (ulong)Specials(Vector128.LoadUnsafe(ref at, 32)) << 32 | (ulong)Specials(Vector128.LoadUnsafe(ref at, 48)) << 48;
            ulong scalar = 0;
            for (var i = 0; i < 64; i++)
                if (data[from + i] is (byte)',' or (byte)'"' or (byte)'\n' or (byte)'\r') scalar |= 1UL << i;
            return scalar;
        }

        private static uint Specials(Vector256<byte> v) =>
            (Vector256.Equals(v, Vector256.Create((byte)',')) | Vector256.Equals(v, Vector256.Create((byte)'"')) |
             Vector256.Equals(v, Vector256.Create((byte)'\n')) | Vector256.Equals(v, Vector256.Create((byte)'\r')))
            .ExtractMostSignificantBits();

        private static uint Specials(Vector128<byte> v) =>
            (Vector128.Equals(v, Vector128.Create((byte)',')) | Vector128.Equals(v, Vector128.Create((byte)'"')) |
             Vector128.Equals(v, Vector128.Create((byte)'\n')) | Vector128.Equals(v, Vector128.Create((byte)'\r')))
            .ExtractMostSignificantBits();
    }
}
