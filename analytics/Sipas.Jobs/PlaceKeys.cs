using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Sipas.Jobs;

/// <summary>
/// The places of a COPY by the bytes of their five fields (lengths included, so the bytes name the codes exactly): an
/// open-addressing table, so that finding a row's place costs one hash of about forty bytes and one comparison.
/// </summary>
internal sealed class PlaceKeys
{
    private readonly List<byte[]> keys = [];
    private readonly List<uint> hashes = [];
    private int[] buckets = new int[1024];   // place + 1, 0 when empty

    /// <summary>The place of <paramref name="key"/>, created by <paramref name="copy"/> when new.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // called per row: optimised from the first call
    public int Find(ReadOnlySpan<byte> key, WaveCopy copy)
    {
        var hash = Hash(key);
        var mask = buckets.Length - 1;
        var b = (int)hash & mask;
        for (; buckets[b] != 0; b = (b + 1) & mask)
        {
            var place = buckets[b] - 1;
            if (hashes[place] == hash && key.SequenceEqual(keys[place])) return place;
        }
        var index = keys.Count;
        copy.Places.Add(copy.NewPlace(key));
        keys.Add(key.ToArray());
        hashes.Add(hash);
        buckets[b] = index + 1;
        if (keys.Count * 2 > buckets.Length) Grow();
        return index;
    }

    private void Grow()
    {
        buckets = new int[buckets.Length * 2];
        var mask = buckets.Length - 1;
        for (var place = 0; place < keys.Count; place++)
        {
            var b = (int)hashes[place] & mask;
            while (buckets[b] != 0) b = (b + 1) & mask;
            buckets[b] = place + 1;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(ReadOnlySpan<byte> key)
    {
        var h = (ulong)key.Length * 0x9E3779B97F4A7C15;
        var i = 0;
        for (; i + 8 <= key.Length; i += 8)
        {
            h = (h ^ BinaryPrimitives.ReadUInt64LittleEndian(key[i..])) * 0xBF58476D1CE4E5B9;
            h ^= h >> 29;
        }
        for (; i < key.Length; i++) h = (h ^ key[i]) * 0x94D049BB133111EB;
        h ^= h >> 32;
        return (uint)h;
    }
}

/// <summary>
/// Exclusions and flagged-but-kept responses of the counted channels, by cause, counted from the COPY's rows: a response
/// with two flags counts under each cause, an excluded one without flags (or a NULL or empty flag) under
/// <see cref="WaveReader.NoFlag"/>, as <c>unnest</c> with a left join would count them.
/// </summary>
internal sealed class WaveIntegrityCounts
{
    private int excluded, flaggedKept;
    private readonly SortedDictionary<string, int> excludedBy = new(StringComparer.Ordinal), keptBy = new(StringComparer.Ordinal);

    /// <summary>Counts one response; <paramref name="flags"/> is its <c>text[]</c> in binary form, empty when it has none.</summary>
    public void Add(bool isExcluded, ReadOnlySpan<byte> flags)
    {
        if (isExcluded) excluded++; else flaggedKept++;
        var by = isExcluded ? excludedBy : keptBy;
        var n = 0;
        if (!flags.IsEmpty)
        {
            // Dimensions, has-nulls flag, element type, (size, lower bound) per dimension, then length and bytes per element.
            var dimensions = BinaryPrimitives.ReadInt32BigEndian(flags);
            n = dimensions == 0 ? 0 : 1;
            for (var d = 0; d < dimensions; d++) n *= BinaryPrimitives.ReadInt32BigEndian(flags[(12 + 8 * d)..]);
            var at = 12 + 8 * dimensions;
            for (var i = 0; i < n; i++)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(flags[at..]);
                at += 4;
                var cause = length <= 0 ? WaveReader.NoFlag : Encoding.UTF8.GetString(flags.Slice(at, length));
                at += Math.Max(0, length);
                by[cause] = by.GetValueOrDefault(cause) + 1;
            }
        }
        if (n == 0) by[WaveReader.NoFlag] = by.GetValueOrDefault(WaveReader.NoFlag) + 1;
    }

    /// <summary>The counts of both parts of a wave read in two (<paramref name="parts"/>).</summary>
    public static WaveIntegrity Sum(IEnumerable<WaveIntegrityCounts> parts)
    {
        var (excluded, kept) = (0, 0);
        var excludedBy = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var keptBy = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            (excluded, kept) = (excluded + part.excluded, kept + part.flaggedKept);
            foreach (var (cause, n) in part.excludedBy) excludedBy[cause] = excludedBy.GetValueOrDefault(cause) + n;
            foreach (var (cause, n) in part.keptBy) keptBy[cause] = keptBy.GetValueOrDefault(cause) + n;
        }
        return new WaveIntegrity(excluded, kept, excludedBy, keptBy);
    }
}
