using System.Numerics;
using System.Runtime.InteropServices;

namespace Sipas.Analytics.Interchange;

public static partial class ResponsesCsv
{
    /// <summary>A row whose <c>response_id</c> an earlier row (on <see cref="FirstLine"/>) already had.</summary>
    private readonly record struct Duplicate(int Chunk, int At, int FirstLine);

    /// <summary>
    /// Joins the chunks' results in file order, as one reader over the whole file would have made them: a row
    /// whose id an earlier row had is a fault (and leaves the samples); faults come in line order (a row's
    /// duplicate-id fault before its other faults, as the id is checked first), of which the first
    /// <see cref="Layout.MaxFaults"/> are kept; each wave's sample holds its kept rows in file order.
    /// </summary>
    private static ResponsesReadResult Merge(Layout layout, IReadOnlyList<RowReader> chunks, Action<ResponseRow>? sink,
        int parallelism)
    {
        var duplicates = Duplicates(chunks, parallelism);
        var dropped = new bool[chunks.Count][];
        foreach (var d in duplicates)
        {
            var chunk = chunks[d.Chunk];
            var kept = chunk.IdKept[d.At];
            if (kept >= 0) (dropped[d.Chunk] ??= new bool[layout.Sink ? chunk.Sunk.Count : chunk.Kept])[kept] = true;
        }

        var faults = new List<InputFault>();
        var faultCount = duplicates.Count;
        var next = 0;
        for (var c = 0; c < chunks.Count; c++)
        {
            faultCount += chunks[c].FaultCount;
            foreach (var fault in chunks[c].Faults)
            {
                for (; next < duplicates.Count && duplicates[next].Chunk == c && Line(duplicates[next]) <= fault.Line; next++)
                    Add(DuplicateFault(duplicates[next]));
                Add(new InputFault(CsvText.Line(fault.Line), fault.Vi, fault.En));
            }
            for (; next < duplicates.Count && duplicates[next].Chunk == c; next++) Add(DuplicateFault(duplicates[next]));
        }

        var rows = chunks.Sum(c => c.Rows);
        if (sink is not null)
        {
            for (var c = 0; c < chunks.Count; c++)
                for (var k = 0; k < chunks[c].Sunk.Count; k++)
                    if (dropped[c]?[k] != true) sink(chunks[c].Sunk[k]);
            return new ResponsesReadResult([], faults, faultCount, rows);
        }
        return new ResponsesReadResult(Samples(layout.Questionnaire, chunks, dropped, parallelism), faults, faultCount, rows);

        int Line(Duplicate d) => chunks[d.Chunk].IdLines[d.At];

        InputFault DuplicateFault(Duplicate d)
        {
            var id = chunks[d.Chunk].Ids[d.At];
            return new InputFault(CsvText.Line(Line(d)), $"response_id {id} trùng với dòng {d.FirstLine}",
                $"Duplicate response_id {id} (first on line {d.FirstLine})");
        }

        void Add(InputFault fault)
        {
            if (faults.Count < layout.MaxFaults) faults.Add(fault);
        }
    }

    /// <summary>
    /// Every row whose id an earlier row had, in file order. The ids (numbered in file order) are first sorted
    /// into buckets by hash, each bucket keeping file order, so that every bucket is then checked with a small
    /// table that stays in cache; buckets are checked in parallel, and the first of equal ids is the first in
    /// the file whatever the split.
    /// </summary>
    private static List<Duplicate> Duplicates(IReadOnlyList<RowReader> chunks, int parallelism)
    {
        var starts = new int[chunks.Count + 1];
        for (var c = 0; c < chunks.Count; c++) starts[c + 1] = starts[c] + chunks[c].IdCount;
        var total = starts[^1];
        var bits = Math.Clamp(BitOperations.Log2((uint)Math.Max(total, 1) / 2048), 0, 12);
        // Per chunk and bucket, where the chunk's ids of the bucket go: buckets one after the other, and within
        // a bucket the chunks in file order. Counted, then written, chunk by chunk in parallel.
        var size = 1 << bits;
        var next = new int[chunks.Count][];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism };
        Parallel.For(0, chunks.Count, options, c =>
        {
            var counts = next[c] = new int[size];
            for (var k = 0; k < chunks[c].IdCount; k++) counts[Bucket(Hash(chunks[c].Ids[k]), bits)]++;
        });
        var buckets = new int[size + 1];
        for (int b = 0, at = 0; b < size; b++)
        {
            buckets[b] = at;
            foreach (var counts in next) (counts[b], at) = (at, at + counts[b]);
            buckets[b + 1] = at;
        }
        // Per id: the low 32 bits of its hash (the bucket is made of the high ones) and its number.
        var entries = GC.AllocateUninitializedArray<ulong>(total);
        Parallel.For(0, chunks.Count, options, c =>
        {
            var to = next[c];
            for (var k = 0; k < chunks[c].IdCount; k++)
            {
                var hash = Hash(chunks[c].Ids[k]);
                entries[to[Bucket(hash, bits)]++] = hash << 32 | (uint)(starts[c] + k);
            }
        });

        var parts = Math.Min(parallelism, buckets.Length - 1);
        var found = new List<(int Number, int First)>[parts];
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, p =>
        {
            var mine = found[p] = [];
            var table = new int[64];
            for (var b = p; b < buckets.Length - 1; b += parts)
            {
                int from = buckets[b], count = buckets[b + 1] - from;
                var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(count * 2, 16));
                if (table.Length < size) table = new int[size];
                var slots = table.AsSpan(0, size);
                slots.Clear();   // entry number in the bucket + 1; 0 is empty
                for (var e = 0; e < count; e++)
                {
                    var entry = entries[from + e];
                    for (var slot = (int)(entry >> 32) & (size - 1); ; slot = (slot + 1) & (size - 1))
                    {
                        if (slots[slot] == 0)
                        {
                            slots[slot] = e + 1;
                            break;
                        }
                        var earlier = entries[from + slots[slot] - 1];
                        if (earlier >> 32 != entry >> 32 || Id((int)(uint)earlier) != Id((int)(uint)entry)) continue;
                        mine.Add(((int)(uint)entry, (int)(uint)earlier));
                        break;
                    }
                }
            }
        });
        return found.SelectMany(f => f).Order().Select(d =>
        {
            var (c, k) = Locate(d.Number);
            var (first, at) = Locate(d.First);
            return new Duplicate(c, k, chunks[first].IdLines[at]);
        }).ToList();

        Guid Id(int number)
        {
            var (c, k) = Locate(number);
            return chunks[c].Ids[k];
        }

        (int Chunk, int At) Locate(int number)
        {
            var c = Array.BinarySearch(starts, number);
            if (c < 0) c = ~c - 1;
            while (starts[c + 1] == number) c++;   // chunks without ids
            return (c, number - starts[c]);
        }
    }

    private static int Bucket(ulong hash, int bits) => bits == 0 ? 0 : (int)(hash >> (64 - bits));

    // Both halves mixed into every bit (MurmurHash3's finaliser), so that ids alike in most of their digits spread.
    private static ulong Hash(Guid id)
    {
        var halves = MemoryMarshal.Cast<Guid, ulong>(new ReadOnlySpan<Guid>(in id));
        var hash = halves[0] ^ BitOperations.RotateLeft(halves[1], 31);
        hash = (hash ^ hash >> 33) * 0xFF51AFD7ED558CCD;
        hash = (hash ^ hash >> 33) * 0xC4CEB9FE1A85EC53;
        return hash ^ hash >> 33;
    }
}
