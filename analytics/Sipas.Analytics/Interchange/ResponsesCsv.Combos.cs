using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Sipas.Analytics.Interchange;

public static partial class ResponsesCsv
{
    /// <summary>
    /// What a row's classification cells (wave, channel, area, agency, unit, stratum) give: their text (channel
    /// defaulted; stratum defaulted to <c>agency/area</c>), their faults in the order they are checked, and whether
    /// the wave passes the filter. A file holds few distinct combinations, so each is worked out once per chunk.
    /// </summary>
    private sealed class Combo
    {
        public required string Wave, Channel, Area, Agency, Unit, Stratum;
        public required LineFault[] Faults;   // Line unset: the row's line is added when reported
        public required bool Passes;

        public static Combo Of(Layout layout, ReadOnlySpan<byte> wave, ReadOnlySpan<byte> channel,
            ReadOnlySpan<byte> area, ReadOnlySpan<byte> agency, ReadOnlySpan<byte> unit, ReadOnlySpan<byte> stratum)
        {
            var faults = new List<LineFault>();
            var waveText = Bytes.Text(wave);
            if (waveText.Length == 0) faults.Add(new LineFault(0, "Thiếu mã đợt (wave)", "Missing wave"));
            var channelText = Bytes.Text(channel);
            if (channelText.Length == 0 && layout.DefaultChannel is not null) channelText = layout.DefaultChannel;
            if (!Channels.Contains(channelText))
                faults.Add(new LineFault(0, $"Kênh '{Clip(channelText)}' không hợp lệ (web, paper, interview, import)",
                    $"Unknown channel '{Clip(channelText)}' (web, paper, interview, import)"));
            var areaText = Bytes.Text(area);
            if (!Areas.Contains(areaText))
                faults.Add(new LineFault(0, $"Lĩnh vực '{Clip(areaText)}' không hợp lệ", $"Unknown service area '{Clip(areaText)}'"));
            var agencyText = Bytes.Text(agency);
            if (agencyText.Length == 0) faults.Add(new LineFault(0, "Thiếu mã cơ quan (agency)", "Missing agency"));
            var stratumText = Bytes.Text(stratum);
            return new Combo
            {
                Wave = waveText, Channel = channelText, Area = areaText, Agency = agencyText, Unit = Bytes.Text(unit),
                Stratum = stratumText.Length == 0 ? $"{agencyText}/{areaText}" : stratumText,
                Faults = faults.ToArray(), Passes = layout.WaveFilter is null || waveText == layout.WaveFilter,
            };
        }

        private static string Clip(string text) => text.Length <= 40 ? text : $"{text.AsSpan(0, 40)}…";
    }

    /// <summary>
    /// The combinations met in one chunk, numbered in order of first appearance, found by their raw bytes (each
    /// cell after its length, so that no two combinations share a key) in an open-addressing table.
    /// </summary>
    private sealed class Combos(Layout layout)
    {
        public readonly List<Combo> Items = [];
        private byte[] key = new byte[256], keys = new byte[4096];
        private int keysLength;
        private (int Start, int Length, int Hash)[] entries = new (int, int, int)[16];
        private int[] slots = new int[64];   // entry number + 1; 0 is empty; at most half are used

        /// <summary>The number of the combination of these cells.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Find(ReadOnlySpan<byte> wave, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> area,
            ReadOnlySpan<byte> agency, ReadOnlySpan<byte> unit, ReadOnlySpan<byte> stratum)
        {
            var length = 24 + wave.Length + channel.Length + area.Length + agency.Length + unit.Length + stratum.Length;
            if (key.Length < length) key = new byte[length * 2];
            var at = 0;
            Put(wave, ref at);
            Put(channel, ref at);
            Put(area, ref at);
            Put(agency, ref at);
            Put(unit, ref at);
            Put(stratum, ref at);
            var text = key.AsSpan(0, length);
            var hash = Hash(text);
            var mask = slots.Length - 1;
            var slot = hash & mask;
            for (; slots[slot] != 0; slot = (slot + 1) & mask)
            {
                var (start, size, entryHash) = entries[slots[slot] - 1];
                if (entryHash == hash && text.SequenceEqual(keys.AsSpan(start, size))) return slots[slot] - 1;
            }
            return Add(text, hash, slot, Combo.Of(layout, wave, channel, area, agency, unit, stratum));
        }

        private int Add(ReadOnlySpan<byte> text, int hash, int slot, Combo combo)
        {
            var number = Items.Count;
            Items.Add(combo);
            if (keys.Length < keysLength + text.Length) Array.Resize(ref keys, Math.Max(keys.Length * 2, keysLength + text.Length));
            text.CopyTo(keys.AsSpan(keysLength));
            if (number == entries.Length) Array.Resize(ref entries, number * 2);
            entries[number] = (keysLength, text.Length, hash);
            keysLength += text.Length;
            slots[slot] = number + 1;
            if (Items.Count * 2 > slots.Length)
            {
                slots = new int[slots.Length * 2];
                for (var e = 0; e < Items.Count; e++)
                {
                    var s = entries[e].Hash & (slots.Length - 1);
                    while (slots[s] != 0) s = (s + 1) & (slots.Length - 1);
                    slots[s] = e + 1;
                }
            }
            return number;
        }

        private void Put(ReadOnlySpan<byte> cell, ref int at)
        {
            BinaryPrimitives.WriteInt32LittleEndian(key.AsSpan(at), cell.Length);
            cell.CopyTo(key.AsSpan(at + 4));
            at += 4 + cell.Length;
        }

        // Eight bytes at a time, multiply and fold: fast on the short keys met here.
        private static int Hash(ReadOnlySpan<byte> text)
        {
            var hash = (ulong)text.Length * 0x9E3779B97F4A7C15;
            var words = MemoryMarshal.Cast<byte, ulong>(text);
            foreach (var word in words) hash = (hash ^ word) * 0x9E3779B97F4A7C15 ^ (hash >> 29);
            for (var i = words.Length * 8; i < text.Length; i++) hash = (hash ^ text[i]) * 0x100000001B3;
            return (int)(hash ^ hash >> 32) & int.MaxValue;
        }
    }
}
