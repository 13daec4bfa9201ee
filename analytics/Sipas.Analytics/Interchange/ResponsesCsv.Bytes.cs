using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sipas.Analytics.Interchange;

public static partial class ResponsesCsv
{
    /// <summary>
    /// Checks on UTF-8 fields. Each takes a fast path for the usual shape and otherwise decodes the field (invalid
    /// bytes become U+FFFD, as the text reader decodes them) and asks the check on text, so that every field gets
    /// the answer the text reader gave.
    /// </summary>
    private static class Bytes
    {
        /// <summary>The text of a field.</summary>
        public static string Text(ReadOnlySpan<byte> field) => field.IsEmpty ? "" : CsvText.Utf8.GetString(field);

        /// <summary>The field as a fault shows it: its first 40 characters.</summary>
        public static string Clip(ReadOnlySpan<byte> field)
        {
            var text = Text(field);
            return text.Length <= 40 ? text : $"{text.AsSpan(0, 40)}…";
        }

        /// <summary>Whether the field's text is <paramref name="value"/> (<paramref name="utf8"/> its bytes).</summary>
        public static bool Is(ReadOnlySpan<byte> field, string value, byte[] utf8) =>
            field.SequenceEqual(utf8) || (!System.Text.Unicode.Utf8.IsValid(field) && Text(field) == value);

        /// <summary><see cref="Guid.TryParseExact(ReadOnlySpan{char}, ReadOnlySpan{char}, out Guid)"/> with "D".</summary>
        public static bool TryUuid(ReadOnlySpan<byte> field, out Guid id) =>
            TryPlainUuid(field, out id) || Guid.TryParseExact(Text(field), "D", out id);

        /// <summary><see cref="TryTimestamp(ReadOnlySpan{char}, out DateTimeOffset)"/> on the field's text.</summary>
        public static bool TryTime(ReadOnlySpan<byte> field, out DateTimeOffset value) =>
            TryCommonTimestamp(field, out value) || TryTimestamp(Text(field), out value);

        /// <summary><see cref="CsvText.TryNumber"/> on the field's text.</summary>
        public static bool IsNumber(ReadOnlySpan<byte> field)
        {
            Span<char> text = field.Length <= 256 ? stackalloc char[field.Length] : new char[field.Length];
            return CsvText.TryNumber(text[..CsvText.Utf8.GetChars(field, text)], out _);
        }

        // 8-4-4-4-12 hex digits: the usual shape, which TryParseExact reads as these 16 bytes in order.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool TryPlainUuid(ReadOnlySpan<byte> t, out Guid id)
        {
            id = default;
            if (t.Length != 36 || t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-') return false;
            ulong high = 0, low = 0;
            var bad = 0;
            for (var i = 0; i < 18; i++)
                if (i is not (8 or 13))
                {
                    int digit = HexDigits[t[i]];
                    bad |= digit;
                    high = high << 4 | (uint)(digit & 0xF);
                }
            for (var i = 19; i < 36; i++)
                if (i != 23)
                {
                    int digit = HexDigits[t[i]];
                    bad |= digit;
                    low = low << 4 | (uint)(digit & 0xF);
                }
            if (bad < 0) return false;
            Span<byte> bytes = stackalloc byte[16];
            BinaryPrimitives.WriteUInt64BigEndian(bytes, high);
            BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], low);
            id = new Guid(bytes, bigEndian: true);
            return true;
        }

        // The value of each hex digit, −1 for any other byte.
        private static ReadOnlySpan<sbyte> HexDigits =>
        [
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, -1, -1, -1, -1,
            -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, 10, 11, 12, 13, 14, 15, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        ];
    }
}
