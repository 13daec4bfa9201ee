using System.Runtime.CompilerServices;
using System.Text;
using Sipas.Analytics;

namespace Sipas.Jobs;

/// <summary>
/// One distinct combination of the five codes a response carries (channel, area, agency, unit, stratum): rows refer to
/// it by number, so a million rows hold no string. <see cref="Hashed"/> is how the codes enter the data hash.
/// </summary>
internal sealed class Place(string channel, string area, string agency, string unit, string stratum, bool known,
    IReadOnlyCollection<string> counted, int questionnaires)
{
    public readonly string Channel = channel, Area = area, Agency = agency, Unit = unit, Stratum = stratum;
    /// <summary>The channel as a sample's code table holds it (Unicode NFC).</summary>
    public readonly string ChannelCode = Canonical(channel);
    /// <summary>False when the agency id names no agency: such rows are left out, as a join would leave them.</summary>
    public readonly bool Known = known;
    /// <summary>Whether the channel (as the sample holds it) is one of the official figures' channels.</summary>
    public readonly bool Counted = counted.Contains(Canonical(channel));
    /// <summary>Whether the channel as stored is one of them (what the integrity counts compare, as SQL would).</summary>
    public readonly bool CountedAsStored = counted.Contains(channel);
    /// <summary>Each code as its UTF-8 length (2 bytes, big-endian) and bytes, in the order above.</summary>
    public readonly byte[] Hashed = Hash([channel, area, agency, unit, stratum]);
    /// <summary>Rows per questionnaire slot.</summary>
    public readonly int[] Rows = new int[questionnaires];
    /// <summary>Per questionnaire slot: the indexes into that questionnaire's code tables, set at the first row.</summary>
    public readonly PlaceIndexes?[] Indexes = new PlaceIndexes?[questionnaires];

    /// <summary>A code as a <see cref="CodeTable"/> holds it (its own rule, Unicode NFC).</summary>
    private static string Canonical(string code)
    {
        var table = new CodeTable();
        return table[table.Add(code)];
    }

    private static byte[] Hash(ReadOnlySpan<string> codes)
    {
        var bytes = new List<byte>();
        foreach (var code in codes)
        {
            var utf8 = Encoding.UTF8.GetBytes(code);
            bytes.Add((byte)(utf8.Length >> 8));
            bytes.Add((byte)utf8.Length);
            bytes.AddRange(utf8);
        }
        return [.. bytes];
    }
}

/// <summary>A place's indexes in one questionnaire's code tables, and the samples its rows go to.</summary>
internal sealed record PlaceIndexes(int Stratum, int Agency, int Area, int Unit, int Channel, SampleColumns Target,
    SampleColumns? Counted);

/// <summary>
/// The rows of a wave's COPY as they arrived (in no order): per row its id as two big-endian halves (so that comparing
/// them is PostgreSQL's uuid order), questionnaire slot, place, marks and where its answers start in <see cref="Answers"/>.
/// </summary>
internal sealed class WaveRows
{
    public const byte Flagged = 1, Invited = 2;

    public ulong[] High, Low;
    public int[] Place, AnswersAt;
    public ushort[] Slot;
    public byte[] Marks;
    public sbyte[] Answers;
    public int Count, AnswerCount;

    /// <summary>Room for <paramref name="rows"/> rows and <paramref name="answers"/> answers (grown when more come).</summary>
    public WaveRows(int rows, int answers)
    {
        rows = Math.Max(rows, 1024);
        (High, Low, Place, AnswersAt, Slot, Marks) = (new ulong[rows], new ulong[rows], new int[rows], new int[rows], new ushort[rows], new byte[rows]);
        Answers = new sbyte[Math.Max(answers, 1 << 16)];
    }

    /// <summary>Reserves a row with <paramref name="m"/> answers; returns the row and its answers to fill.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // called per row: optimised from the first call
    public Span<sbyte> Add(ulong high, ulong low, int place, ushort slot, byte marks, int m)
    {
        if (Count == High.Length)
        {
            var capacity = Count * 2;
            Array.Resize(ref High, capacity);
            Array.Resize(ref Low, capacity);
            Array.Resize(ref Place, capacity);
            Array.Resize(ref AnswersAt, capacity);
            Array.Resize(ref Slot, capacity);
            Array.Resize(ref Marks, capacity);
        }
        if (AnswerCount + m > Answers.Length) Array.Resize(ref Answers, Math.Max(Answers.Length * 2, AnswerCount + m));
        (High[Count], Low[Count], Place[Count], Slot[Count], Marks[Count], AnswersAt[Count]) = (high, low, place, slot, marks, AnswerCount);
        Count++;
        AnswerCount += m;
        return Answers.AsSpan(AnswerCount - m, m);
    }

    /// <summary>Appends the rows of <paramref name="other"/>, whose places come after this part's first <paramref name="places"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    public void Append(WaveRows other, int places)
    {
        var (count, answers) = (Count + other.Count, AnswerCount + other.AnswerCount);
        if (count > High.Length)
        {
            Array.Resize(ref High, count);
            Array.Resize(ref Low, count);
            Array.Resize(ref Place, count);
            Array.Resize(ref AnswersAt, count);
            Array.Resize(ref Slot, count);
            Array.Resize(ref Marks, count);
        }
        if (answers > Answers.Length) Array.Resize(ref Answers, answers);
        var n = other.Count;
        other.High.AsSpan(0, n).CopyTo(High.AsSpan(Count));
        other.Low.AsSpan(0, n).CopyTo(Low.AsSpan(Count));
        other.Slot.AsSpan(0, n).CopyTo(Slot.AsSpan(Count));
        other.Marks.AsSpan(0, n).CopyTo(Marks.AsSpan(Count));
        for (var r = 0; r < n; r++)
        {
            Place[Count + r] = other.Place[r] + places;
            AnswersAt[Count + r] = other.AnswersAt[r] + AnswerCount;
        }
        other.Answers.AsSpan(0, other.AnswerCount).CopyTo(Answers.AsSpan(AnswerCount));
        (Count, AnswerCount) = (count, answers);
    }

    /// <summary>The rows in id order (PostgreSQL's uuid order: bytewise, so the two big-endian halves compared in turn).</summary>
    /// <remarks>
    /// Sorted by the high halves alone (a sort of primitive keys, with no comparer to call), then each run of equal high
    /// halves by the low halves: the same order as comparing both halves, ids being unique.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    public int[] IdOrder()
    {
        var high = High.AsSpan(0, Count).ToArray();
        var order = new int[Count];
        for (var r = 0; r < Count; r++) order[r] = r;
        high.AsSpan().Sort(order.AsSpan());
        for (int i = 0, j; i < Count; i = j)
        {
            for (j = i + 1; j < Count && high[j] == high[i];) j++;
            if (j - i < 2) continue;
            var low = new ulong[j - i];
            for (var r = i; r < j; r++) low[r - i] = Low[order[r]];
            low.AsSpan().Sort(order.AsSpan(i, j - i));
        }
        return order;
    }
}

/// <summary>The columns of one sample being filled in id order, sized exactly beforehand.</summary>
internal sealed class SampleColumns(int n, int m)
{
    public readonly sbyte[] Answers = new sbyte[n * m];
    public readonly int[] Stratum = new int[n], Agency = new int[n], Area = new int[n], Unit = new int[n], Channel = new int[n];
    public readonly bool[] Flagged = new bool[n], Invited = new bool[n];
    public int Count;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // called per row: optimised from the first call
    public void Add(ReadOnlySpan<sbyte> answers, PlaceIndexes at, byte marks)
    {
        var k = Count++;
        answers.CopyTo(Answers.AsSpan(k * answers.Length, answers.Length));
        (Stratum[k], Agency[k], Area[k], Unit[k], Channel[k]) = (at.Stratum, at.Agency, at.Area, at.Unit, at.Channel);
        Flagged[k] = (marks & WaveRows.Flagged) != 0;
        Invited[k] = (marks & WaveRows.Invited) != 0;
    }

    public Sample ToSample(Questionnaire questionnaire, string wave, CodeTable strata, CodeTable agencies, CodeTable areas,
        CodeTable units, CodeTable channels) =>
        new(questionnaire, wave, Answers, Stratum, Agency, Area, Unit, Channel, strata, agencies, areas, units, channels);
}
