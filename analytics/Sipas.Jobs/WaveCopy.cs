using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
using Sipas.Analytics;

namespace Sipas.Jobs;

/// <summary>
/// Decodes the binary COPY of <see cref="WaveReader"/>'s query (PostgreSQL's binary format: a header, then per row a
/// 16-bit field count and each field as a 32-bit length, −1 for NULL, and its bytes) straight into <see cref="WaveRows"/>,
/// with no object per row. The five codes of a row are found by their bytes in one lookup (<see cref="PlaceKeys"/>).
/// Rows a supervisor excluded are only counted (<see cref="Integrity"/>); a row that cannot be read is recorded in
/// <see cref="Faults"/>, and the caller reports the one first in id order, as a reader in id order would have.
/// </summary>
internal sealed class WaveCopy(IReadOnlyList<Questionnaire> questionnaires, IReadOnlyDictionary<int, ushort> slots,
    IReadOnlyDictionary<int, string> agencies, IReadOnlyCollection<string> counted, WaveRows rows)
{
    // id, questionnaire_id, channel, area_code, agency_id, unit_code, stratum, scores, flags (NULL when none), invited, excluded
    public const int Fields = 11;
    private static readonly byte[] Signature = [.. "PGCOPY\n"u8, 0xff, (byte)'\r', (byte)'\n', 0];

    public readonly WaveRows Rows = rows;
    public readonly List<Place> Places = [];
    public readonly WaveIntegrityCounts Integrity = new();
    private readonly PlaceKeys keys = new();
    public readonly List<(ulong High, ulong Low, string Message)> Faults = [];
    private readonly int[] lengths = [.. questionnaires.Select(q => q.ScoredItems.Count)];

    /// <summary>Reads the whole COPY from <paramref name="stream"/>; tells <paramref name="onRows"/> of every 100,000 rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    public void Read(Stream stream, Action<int>? onRows, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        int start = 0, end = 0, next = 100_000;
        var header = false;
        while (true)
        {
            // Fill the buffer (the stream hands out about one row per call), then decode every whole row in it.
            var ended = false;
            while (end < buffer.Length - (1 << 16))
            {
                var read = stream.Read(buffer, end, buffer.Length - end);
                if (read == 0) { ended = true; break; }
                end += read;
            }
            var span = buffer.AsSpan(0, end);
            if (!header)
            {
                if (end < 19) throw new InvalidDataException("The wave's COPY ended before its header.");
                if (!span[..11].SequenceEqual(Signature)) throw new InvalidDataException("The wave's COPY is not in PostgreSQL's binary format.");
                start = 19 + BinaryPrimitives.ReadInt32BigEndian(span[15..]);
                header = true;
            }
            while (true)
            {
                var at = start;
                var row = Row(span, ref at);
                if (row == RowResult.Incomplete) break;
                if (row == RowResult.End) return;
                start = at;
                if (Rows.Count >= next)
                {
                    ct.ThrowIfCancellationRequested();
                    onRows?.Invoke(100_000);
                    next += 100_000;
                }
            }
            if (ended) throw new InvalidDataException("The wave's COPY ended in the middle of a row.");
            // Keep the partial row; a row longer than the buffer grows it.
            span[start..].CopyTo(buffer);
            (end, start) = (end - start, 0);
            if (end > buffer.Length / 2) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }

    private enum RowResult { Row, Incomplete, End }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // called per row: optimised from the first call
    private RowResult Row(ReadOnlySpan<byte> s, ref int at)
    {
        if (at + 2 > s.Length) return RowResult.Incomplete;
        var fields = BinaryPrimitives.ReadInt16BigEndian(s[at..]);
        if (fields == -1) return RowResult.End;
        if (fields != Fields) throw new InvalidDataException($"A row of the wave's COPY has {fields} fields, not {Fields}.");
        at += 2;
        if (!Field(s, ref at, out var id) || !Field(s, ref at, out var questionnaire)) return RowResult.Incomplete;
        var placeFrom = at;
        for (var f = 0; f < 5; f++)
            if (!Field(s, ref at, out _)) return RowResult.Incomplete;
        var placeKey = s[placeFrom..at];
        if (!Field(s, ref at, out var scores) || !Field(s, ref at, out var flags) || !Field(s, ref at, out var invited)
            || !Field(s, ref at, out var excluded)) return RowResult.Incomplete;

        if (id.Length != 16 || questionnaire.Length != 4 || invited.Length != 1 || excluded.Length != 1)
            throw new InvalidDataException("A row of the wave's COPY has fields of the wrong size.");
        var high = BinaryPrimitives.ReadUInt64BigEndian(id);
        var low = BinaryPrimitives.ReadUInt64BigEndian(id[8..]);
        var placeIndex = keys.Find(placeKey, this);
        var place = Places[placeIndex];
        var flagged = !flags.IsEmpty;   // the query sends NULL for a response without flags
        if (place.CountedAsStored && (excluded[0] != 0 || flagged)) Integrity.Add(excluded[0] != 0, flags);
        if (excluded[0] != 0 || !place.Known) return RowResult.Row;

        var questionnaireId = BinaryPrimitives.ReadInt32BigEndian(questionnaire);
        if (!slots.TryGetValue(questionnaireId, out var slot))
        {
            Faults.Add((high, low, $"Response {Id(id)} names questionnaire #{questionnaireId}, which the wave does not hold."));
            return RowResult.Row;
        }
        var m = lengths[slot];
        var marks = (byte)((flagged ? WaveRows.Flagged : 0) | (invited[0] != 0 ? WaveRows.Invited : 0));
        var answers = Rows.Add(high, low, placeIndex, slot, marks, m);
        if (Answers(scores, answers) is { } fault)
        {
            Rows.Count--;
            Rows.AnswerCount -= m;
            Faults.Add((high, low, $"Response {Id(id)}{fault}"));
            return RowResult.Row;
        }
        place.Rows[slot]++;
        return RowResult.Row;

        string Id(ReadOnlySpan<byte> bytes) => new Guid(bytes, bigEndian: true).ToString();
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        string? Answers(ReadOnlySpan<byte> array, Span<sbyte> into)
        {
            // int2[]: dimensions, has-nulls flag, element type; per dimension its size and lower bound; per element its
            // length (−1 for NULL) and a big-endian 16-bit value.
            var dimensions = BinaryPrimitives.ReadInt32BigEndian(array);
            var n = dimensions == 0 ? 0 : dimensions == 1 ? BinaryPrimitives.ReadInt32BigEndian(array[12..])
                : throw new InvalidDataException("A response's scores are not a one-dimensional array.");
            if (n != into.Length)
                return $" has {n} scored answers; {questionnaires[slot].Key} has {into.Length}.";
            var p = 20;
            for (var i = 0; i < n; i++)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(array[p..]);
                if (length < 0) { into[i] = Sample.Unanswered; p += 4; continue; }
                var value = BinaryPrimitives.ReadInt16BigEndian(array[(p + 4)..]);
                if (value is < 0 or > 5) return $": answer {value} is outside 0..5.";
                into[i] = (sbyte)value;
                p += 6;
            }
            return null;
        }
    }

    /// <summary>Reads one field; false when the buffer ends first. A NULL field is an empty span whose length was −1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Field(ReadOnlySpan<byte> s, ref int at, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (at + 4 > s.Length) return false;
        var length = BinaryPrimitives.ReadInt32BigEndian(s[at..]);
        at += 4;
        if (length < 0) return true;
        if (at + length > s.Length) return false;
        value = s.Slice(at, length);
        at += length;
        return true;
    }

    /// <summary>Creates the place of a key seen for the first time (its five length-prefixed fields).</summary>
    internal Place NewPlace(ReadOnlySpan<byte> key)
    {
        var at = 0;
        var channel = Text(key, ref at);
        var area = Text(key, ref at);
        Field(key, ref at, out var agencyId);
        var unit = Text(key, ref at);   // NULL reads as ""
        var stratum = Text(key, ref at);
        var known = agencies.TryGetValue(BinaryPrimitives.ReadInt32BigEndian(agencyId), out var agency);
        return new Place(channel, area, agency ?? "", unit, stratum, known, counted, questionnaires.Count);

        static string Text(ReadOnlySpan<byte> key, ref int at)
        {
            Field(key, ref at, out var value);
            return Encoding.UTF8.GetString(value);
        }
    }
}
