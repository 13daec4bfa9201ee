using System.Text;

namespace Sipas.Analytics.Interchange;

public static partial class ResponsesCsv
{
    /// <summary>One piece of a responses CSV: whole records only, the first on physical line <see cref="Line"/>,
    /// <see cref="LineEnds"/> line breaks in all. <see cref="Bytes"/> (UTF-8, no BOM) belongs to the
    /// <see cref="Chunker"/>; give it back when done.</summary>
    private readonly record struct Chunk(int Index, byte[] Bytes, int Length, int Line, int LineEnds)
    {
        public ReadOnlySpan<byte> Span => Bytes.AsSpan(0, Length);
    }

    /// <summary>
    /// Splits a CSV stream into chunks that end at record boundaries, so that each can be parsed on its own. A
    /// line feed ends a record when an even number of quotes precedes it in the file: the CSV reader (Sep) toggles
    /// its quoted state on every quote, so a line break inside a quoted field (odd count) is never a cut. Cuts
    /// are made only where the count is even, so each chunk is scanned once, backwards from its end. The first
    /// chunk is the first record (the header) alone; the others hold about <c>chunkBytes</c> each. A record
    /// longer than a chunk (or an unclosed quote, which swallows the rest of the file) makes the chunk grow
    /// until a cut is found or the stream ends. Buffers given back are used again: fresh memory is slow to touch.
    /// </summary>
    private sealed class Chunker(Stream stream, int chunkBytes, bool text = false)
    {
        private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

        private Stream stream = stream;
        private readonly int chunkBytes = Math.Clamp(chunkBytes, 1, 1 << 28);
        private readonly List<byte[]> free = [];
        private byte[] carry = [];
        private int carryLength, index, line = 1;
        private bool started, ended;

        /// <summary>The next chunk, or false at the end of the stream.</summary>
        public bool Next(out Chunk chunk)
        {
            chunk = default;
            if (started && ended && carryLength == 0) return false;
            var header = !started;
            var target = header ? 4096 : carryLength + chunkBytes;
            if (stream.CanSeek) target = (int)Math.Min(target, carryLength + Math.Max(stream.Length - stream.Position, 0) + 1);
            var buffer = Take(Math.Max(target, 16));
            carry.AsSpan(0, carryLength).CopyTo(buffer);
            var filled = carryLength;
            if (header)
            {
                started = true;
                filled = Start(buffer);
            }
            int cut, scanned = 0;
            while (true)
            {
                if (buffer.Length < target) buffer = Grow(buffer, filled, target);
                filled = Fill(buffer, filled, target);
                cut = header ? FirstCut(buffer.AsSpan(0, filled), ref scanned) : LastCut(buffer.AsSpan(0, filled));
                if (cut >= 0 || ended) break;
                target = header ? filled + 4096 : target * 2;
            }
            if (cut < 0) cut = filled;   // the end of the stream ends the last record
            if (carry.Length < filled - cut) carry = new byte[Math.Max(filled - cut, 4096)];
            buffer.AsSpan(cut, filled - cut).CopyTo(carry);
            carryLength = filled - cut;
            var ends = LineEnds(buffer.AsSpan(0, cut));
            chunk = new Chunk(index++, buffer, cut, line, ends);
            line += ends;
            return true;
        }

        /// <summary>Takes back a chunk's buffer once it is parsed (from any thread).</summary>
        public void Return(byte[] buffer)
        {
            lock (free) free.Add(buffer);
        }

        private byte[] Take(int length)
        {
            lock (free)
            {
                var at = free.FindIndex(b => b.Length >= length);
                if (at >= 0)
                {
                    var buffer = free[at];
                    free.RemoveAt(at);
                    return buffer;
                }
            }
            return GC.AllocateUninitializedArray<byte>(length < chunkBytes ? length : chunkBytes + (1 << 16));
        }

        private byte[] Grow(byte[] buffer, int filled, int length)
        {
            var larger = GC.AllocateUninitializedArray<byte>(Math.Max(length, buffer.Length * 2));
            buffer.AsSpan(0, filled).CopyTo(larger);
            Return(buffer);
            return larger;
        }

        /// <summary>
        /// Drops a UTF-8 BOM; a UTF-16 or UTF-32 BOM (which the former reader decoded too) turns the stream into
        /// its UTF-8 transcoding first. Text already decoded (<c>text</c>) keeps a leading U+FEFF as a character.
        /// Returns the bytes left in <paramref name="buffer"/>.
        /// </summary>
        private int Start(byte[] buffer)
        {
            var filled = Fill(buffer, 0, 4);
            if (text) return filled;
            var head = buffer.AsSpan(0, filled);
            if (head.StartsWith(Bom))
            {
                head[Bom.Length..].CopyTo(buffer);
                return filled - Bom.Length;
            }
            if (!head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) && !head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) &&
                !head.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
                return filled;
            var whole = new MemoryStream();
            whole.Write(head);
            stream.CopyTo(whole);
            whole.Position = 0;
            using (var text = new StreamReader(whole, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
                stream = new MemoryStream(Encoding.UTF8.GetBytes(text.ReadToEnd()));
            ended = false;
            return 0;
        }

        /// <summary>Reads until <paramref name="target"/> bytes are in the buffer or the stream ends.</summary>
        private int Fill(byte[] buffer, int filled, int target)
        {
            while (!ended && filled < target)
            {
                var read = stream.Read(buffer, filled, target - filled);
                if (read == 0) ended = true;
                filled += read;
            }
            return filled;
        }

        /// <summary>Just past the first line feed with an even number of quotes before it, or −1;
        /// <paramref name="scanned"/> keeps how far the text was scanned (the count being even there).</summary>
        private static int FirstCut(ReadOnlySpan<byte> text, ref int scanned)
        {
            var quoted = false;
            for (var at = scanned; at < text.Length; at++)
            {
                var next = text[at..].IndexOfAny((byte)'"', (byte)'\n');
                if (next < 0) break;
                at += next;
                if (text[at] == '"') quoted = !quoted;
                else if (!quoted) return at + 1;
                if (!quoted) scanned = at + 1;
            }
            return -1;
        }

        /// <summary>Just past the last line feed with an even number of quotes before it, or −1.</summary>
        private static int LastCut(ReadOnlySpan<byte> text)
        {
            // Walking back, count the quotes after each line feed: the count before it is the total minus those.
            var total = text.Count((byte)'"');
            var after = 0;
            for (var at = text.Length; at > 0;)
            {
                at = text[..at].LastIndexOfAny((byte)'"', (byte)'\n');
                if (at < 0) break;
                if (text[at] == '"') after++;
                else if (((total - after) & 1) == 0) return at + 1;
            }
            return -1;
        }

        /// <summary>Line breaks as the CSV reader counts them: LF, CR LF and a lone CR are one each.</summary>
        public static int LineEnds(ReadOnlySpan<byte> text)
        {
            var count = text.Count((byte)'\n');
            var returns = text.Count((byte)'\r');
            return returns == 0 ? count : count + returns - text.Count("\r\n"u8);
        }
    }
}
