using System.Runtime.CompilerServices;

namespace Sipas.Analytics;

/// <summary>
/// The valid responses grouped by their full classification (stratum, agency, area, unit, channel): every group
/// of every type and every design stratum is a union of these atoms, so the additive counts of the first pass
/// (valid and positive answers per item, responses with an answer per section, Cronbach sums) are made once
/// per wave and summed per group type, instead of once per group type over a million responses.
/// </summary>
internal sealed class SampleAtoms
{
    /// <summary>Atom of each response, −1 for an invalid one.</summary>
    public readonly int[] AtomOf;
    /// <summary>Per atom: its sample stratum, agency, area, unit (−1 for none) and channel indexes.</summary>
    public readonly int[] Stratum, Agency, Area, Unit, Channel;
    /// <summary>Per atom: responses; per atom × item: valid and positive answers; per atom × section: responses
    /// with a valid answer in the section; per atom × item: sum and sum of squares of the valid answers (1..5), for
    /// the mean scores.</summary>
    public readonly int[] N, V, Y, SectionAny, Score, ScoreSquares;
    /// <summary>Per atom: Cronbach sums over the complete responses of each section.</summary>
    public readonly Reliability.Sums Alpha;
    public readonly int M, Sections;
    public readonly int[] SectionOf;

    public int Count => N.Length;

    public SampleAtoms(Sample sample, bool[] valid, int threads)
    {
        M = sample.ItemCount;
        var scored = sample.Questionnaire.ScoredSections;
        Sections = scored.Count;
        SectionOf = new int[M];
        for (int s = 0, i = 0; s < Sections; s++)
            foreach (var _ in scored[s].ScoredItems) SectionOf[i++] = s;

        AtomOf = new int[sample.Count];
        var keys = Assign(sample, valid, AtomOf);
        Stratum = keys.Select(x => x.Stratum).ToArray();
        Agency = keys.Select(x => x.Agency).ToArray();
        Area = keys.Select(x => x.Area).ToArray();
        Unit = keys.Select(x => x.Unit).ToArray();
        Channel = keys.Select(x => x.Channel).ToArray();

        var atoms = keys.Count;
        N = new int[atoms];
        V = new int[atoms * M];
        Y = new int[atoms * M];
        Score = new int[atoms * M];
        ScoreSquares = new int[atoms * M];
        SectionAny = new int[atoms * Sections];
        Alpha = new Reliability.Sums(atoms, Sections, M, SectionOf);
        // Every atom's sums are made by one thread: contiguous ranges of atoms with about equal responses, one pass
        // over the responses each. The sums are integers, so any split gives the same.
        var sizes = new long[atoms];
        foreach (var atom in AtomOf) if (atom >= 0) sizes[atom]++;
        var parts = Math.Max(1, Math.Min(threads, atoms));
        var first = new int[parts + 1];
        long total = sizes.Sum(), sum = 0;
        for (int a = 0, p = 1; a < atoms && p < parts; a++)
            if ((sum += sizes[a]) * parts >= total * p) first[p++] = a + 1;
        for (var p = 1; p <= parts; p++) first[p] = Math.Max(first[p], first[p - 1]);
        first[parts] = atoms;
        if (parts == 1) CountAnswers(sample, 0, atoms);
        else Parallel.For(0, parts, p => CountAnswers(sample, first[p], first[p + 1]));
    }

    // The five indexes as one mixed-radix number: a dense table when small (the usual case), else a dictionary.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private static List<(int Stratum, int Agency, int Area, int Unit, int Channel)> Assign(Sample sample, bool[] valid, int[] atomOf)
    {
        long agencies = sample.Agencies.Count, areas = sample.Areas.Count, units = sample.Units.Count + 1,
            channels = sample.Channels.Count;
        var size = (double)sample.Strata.Count * agencies * areas * units * channels;
        var dense = size <= 1 << 22 ? new int[(int)size] : null;   // 0 = no atom yet, else atom + 1
        var sparse = dense is null ? new Dictionary<long, int>() : null;
        var keys = new List<(int Stratum, int Agency, int Area, int Unit, int Channel)>();
        for (var k = 0; k < sample.Count; k++)
        {
            if (!valid[k]) { atomOf[k] = -1; continue; }
            var key = (((sample.Stratum[k] * agencies + sample.Agency[k]) * areas + sample.Area[k]) * units +
                       sample.Unit[k] + 1) * channels + sample.Channel[k];
            int atom;
            if (dense is not null)
            {
                atom = dense[key] - 1;
                if (atom < 0) dense[key] = (atom = keys.Count) + 1;
            }
            else if (!sparse!.TryGetValue(key, out atom)) sparse[key] = atom = keys.Count;
            if (atom == keys.Count)
                keys.Add((sample.Stratum[k], sample.Agency[k], sample.Area[k], sample.Unit[k], sample.Channel[k]));
            atomOf[k] = atom;
        }
        return keys;
    }

    // Hot loop over the responses of atoms [from, to): branch-free on the answers (random data defeats branch
    // prediction). For a in −1..5, 1 + ((a − c) >> 31) is 1 when a ≥ c and 0 otherwise. Per atom and item it counts
    // each answer code (−1..5) once, among all responses and among those complete in the item's section, then makes
    // the valid, positive, score and Cronbach sums from those counts: two increments an answer instead of six. The
    // sums are integers, so they are the same as adding answer by answer.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private void CountAnswers(Sample sample, int from, int to)
    {
        const int codes = 7; // −1..5, which the Sample checked when it was made
        var answers = sample.Answers;
        int[] any = SectionAny, n = N, atomOf = AtomOf;
        long[] complete = Alpha.N, total = Alpha.Total, totalSquares = Alpha.TotalSquares;
        int m = M, sections = Sections;
        var counts = new int[(to - from) * m * codes];
        var completeCounts = new int[counts.Length];
        // A section's items are consecutive: its counts are kept in registers while its items are read.
        Span<int> firstItem = stackalloc int[sections + 1];
        foreach (var s in SectionOf) firstItem[s + 1]++;
        for (var s = 0; s < sections; s++) firstItem[s + 1] += firstItem[s];
        for (var k = 0; k < atomOf.Length; k++)
        {
            var atom = atomOf[k];
            if (atom < from || atom >= to) continue;
            n[atom]++;
            int row = k * m, at = (atom - from) * m * codes;
            for (var s = 0; s < sections; s++)
            {
                int answered = 0, all = 1, sum = 0, first = firstItem[s], end = firstItem[s + 1];
                for (var i = first; i < end; i++)
                {
                    int a = answers[row + i], valid = 1 + ((a - 1) >> 31);
                    counts[at + i * codes + a + 1]++;
                    answered |= valid;
                    all &= valid;
                    sum += a * valid;
                }
                any[atom * sections + s] += answered;
                // Cronbach sums over the responses with every item of the section answered 1..5.
                for (var i = first; i < end; i++) completeCounts[at + i * codes + answers[row + i] + 1] += all;
                var t = sum * all;
                complete[atom * sections + s] += all;
                total[atom * sections + s] += t;
                totalSquares[atom * sections + s] += (long)t * t;
            }
        }
        int[] v = V, y = Y, score = Score, squares = ScoreSquares;
        long[] item = Alpha.Item, itemSquares = Alpha.ItemSquares;
        for (var atom = from; atom < to; atom++)
            for (var i = 0; i < m; i++)
            {
                int c = ((atom - from) * m + i) * codes, at = atom * m + i;
                for (var a = 1; a <= 5; a++)
                {
                    int count = counts[c + a + 1], full = completeCounts[c + a + 1];
                    v[at] += count;
                    if (a >= 4) y[at] += count;
                    score[at] += a * count;
                    squares[at] += a * a * count;
                    item[at] += a * full;
                    itemSquares[at] += a * a * full;
                }
            }
    }

    /// <summary>The group of each atom for <paramref name="type"/> (−1 for none).</summary>
    public int[] GroupOf(GroupType type) => type switch
    {
        GroupType.Province => new int[Count],
        GroupType.Agency => Agency,
        GroupType.Area => Area,
        GroupType.Unit => Unit,
        GroupType.Stratum => Stratum,
        _ => Channel,
    };
}
