using System.Runtime.CompilerServices;

namespace Sipas.Analytics;

/// <summary>
/// Estimates every item, section and overall index of one group type (all agencies, say) in two steps
/// (method.md §3–4):
/// <list type="number">
/// <item>Counts per cell (group × stratum), summed from the <see cref="SampleAtoms"/>: valid and positive answers
/// per item, responses per cell, responses with a valid answer per section. Weights are constant within a
/// stratum, so the weighted item totals and the item variances follow from these counts exactly.</item>
/// <item>With the item rates known, each response's influence value z_k of every section and overall index is a
/// linear form Σ_i (a_i y_ik − b_i v_ik) whose coefficients depend on its group only (mean-of-items: a mean of
/// the item influences; pooled: the pooled ratio's influence). Σ w z and Σ (w z)² are accumulated per cell.</item>
/// </list>
/// </summary>
internal sealed class GroupEstimator
{
    private readonly Sample sample;
    private readonly Design design;
    private readonly SampleAtoms atoms;
    private readonly GroupCells cells;
    internal readonly int groups, m, sections;
    internal readonly int[] sectionOf;

    // Pass 1, per cell.
    private readonly int[] cellN, itemV, itemY, sectionN, itemScore, itemSquares;

    // Per group.
    /// <summary>Per group × item: Σ w·a over valid answers (the mean score is ItemScore / ItemD) and its variance.</summary>
    public readonly double[] ItemScore, ItemScoreVar;
    public readonly double[] ItemD, ItemP, ItemVar, SectionEstimate, SectionVar, OverallEstimate, OverallVar;
    public readonly int[] ItemN, SectionNValid, OverallN, Responses;
    public readonly bool[] ItemLonely, SectionLonely, OverallLonely;
    public readonly Reliability.Sums Alpha;

    public GroupEstimator(Sample sample, SampleAtoms atoms, Design design, GroupType type, int[] groupOf, int groups,
        int threads)
    {
        this.sample = sample;
        this.atoms = atoms;
        this.design = design;
        this.groups = groups;
        m = atoms.M;
        sections = atoms.Sections;
        sectionOf = atoms.SectionOf;

        var groupOfAtom = atoms.GroupOf(type);
        cells = new GroupCells(atoms, design, groupOfAtom);
        var c = cells.Count;
        cellN = new int[c];
        itemV = new int[c * m];
        itemY = new int[c * m];
        itemScore = new int[c * m];
        itemSquares = new int[c * m];
        sectionN = new int[c * sections];
        Responses = new int[groups];
        Alpha = new Reliability.Sums(groups, sections, m, sectionOf);

        ItemScore = new double[groups * m]; ItemScoreVar = new double[groups * m];
        ItemD = new double[groups * m]; ItemP = new double[groups * m]; ItemVar = new double[groups * m];
        ItemN = new int[groups * m]; ItemLonely = new bool[groups * m];
        SectionEstimate = new double[groups * sections]; SectionVar = new double[groups * sections];
        SectionNValid = new int[groups * sections]; SectionLonely = new bool[groups * sections];
        OverallEstimate = new double[groups]; OverallVar = new double[groups];
        OverallN = new int[groups]; OverallLonely = new bool[groups];

        foreach (var g in groupOf)
            if (g >= 0) Responses[g]++;
        SumAtoms(groupOfAtom);
        EstimateItems();
        EstimateIndices(threads);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private void SumAtoms(int[] groupOfAtom)
    {
        for (var a = 0; a < atoms.Count; a++)
        {
            var c = cells.CellOfAtom[a];
            if (c < 0) continue;
            cellN[c] += atoms.N[a];
            for (var i = 0; i < m; i++)
            {
                itemV[c * m + i] += atoms.V[a * m + i];
                itemY[c * m + i] += atoms.Y[a * m + i];
                itemScore[c * m + i] += atoms.Score[a * m + i];
                itemSquares[c * m + i] += atoms.ScoreSquares[a * m + i];
            }
            for (var s = 0; s < sections; s++) sectionN[c * sections + s] += atoms.SectionAny[a * sections + s];
            Alpha.Add(groupOfAtom[a], atoms.Alpha, a);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private void EstimateItems()
    {
        for (var c = 0; c < cells.Count; c++)
        {
            int g = cells.Group[c], h = cells.Stratum[c];
            var w = design.Weight[h];
            OverallN[g] += cellN[c];
            if (design.ValidCount[h] == 1) OverallLonely[g] = true;
            for (var s = 0; s < sections; s++)
            {
                var count = sectionN[c * sections + s];
                SectionNValid[g * sections + s] += count;
                if (count > 0 && design.ValidCount[h] == 1) SectionLonely[g * sections + s] = true;
            }
            for (var i = 0; i < m; i++)
            {
                ItemD[g * m + i] += w * itemV[c * m + i];
                ItemP[g * m + i] += w * itemY[c * m + i];
                ItemScore[g * m + i] += w * itemScore[c * m + i];
                ItemN[g * m + i] += itemV[c * m + i];
            }
        }
        // Var of a ratio p = Σwy/Σwv: z = (y − p v)/D. Within a cell (w constant) the stratum's values w z are
        // w (y − p)/D for the V valid answers (Y of them positive) and 0 for its other responses.
        for (var c = 0; c < cells.Count; c++)
        {
            int g = cells.Group[c], h = cells.Stratum[c], nh = design.ValidCount[h];
            var w = design.Weight[h];
            for (var i = 0; i < m; i++)
            {
                int v = itemV[c * m + i], y = itemY[c * m + i], gi = g * m + i;
                if (v == 0) continue;
                double d = ItemD[gi], p = ItemP[gi] / d;
                ItemVar[gi] += design.StratumVariance(h, Deviations.OfCounts(w / d, v, y, y, p, nh));
                // Mean score θ = Σwa/Σwv, z = (a − θ v)/D: values w (a − θ)/D for the valid answers a.
                var theta = ItemScore[gi] / d;
                ItemScoreVar[gi] += design.StratumVariance(h,
                    Deviations.OfCounts(w / d, v, itemScore[c * m + i], itemSquares[c * m + i], theta, nh));
                if (design.ValidCount[h] == 1) ItemLonely[gi] = true;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private void EstimateIndices(int threads)
    {
        var coefficients = new IndexCoefficients(this, sample.Questionnaire.Aggregation);
        var stride = sections + 1;
        var spread = Centres(coefficients, stride);
        // Each cell's accumulators take their values in response order whichever thread fills them, so the
        // cells are split into contiguous ranges of about equal responses, one pass over the responses each.
        var parts = Math.Max(1, Math.Min(threads, cells.Count));
        var firstCell = new int[parts + 1];
        long total = cellN.Sum(n => (long)n), sum = 0;
        for (int c = 0, p = 1; c < cells.Count && p < parts; c++)
            if ((sum += cellN[c]) * parts >= total * p) firstCell[p++] = c + 1;
        for (var p = 1; p <= parts; p++) firstCell[p] = Math.Max(firstCell[p], firstCell[p - 1]);
        firstCell[parts] = cells.Count;
        var terms = Terms(coefficients);
        if (parts == 1) Accumulate(terms, spread, 0, cells.Count);
        else Parallel.For(0, parts, p => Accumulate(terms, spread, firstCell[p], firstCell[p + 1]));

        for (var c = 0; c < cells.Count; c++)
        {
            int g = cells.Group[c], h = cells.Stratum[c], nh = design.ValidCount[h];
            for (var s = 0; s < stride; s++)
            {
                ref var values = ref spread[c * stride + s];
                values.Add(0, nh - cellN[c]);   // the stratum's responses outside the group
                var variance = design.StratumVariance(h, values.Centred(nh));
                if (s < sections) SectionVar[g * sections + s] += variance;
                else OverallVar[g] += variance;
            }
        }
    }

    /// <summary>
    /// Per group × item × answer class (0: not valid, 1: valid, 2: positive), the item's term of a response's section
    /// z and overall z, positive·a − valid·b, at [((g·m + i)·3 + class)·2] and the next index: the same expression as
    /// summing it per response, so z adds the same doubles in the same order.
    /// </summary>
    private double[] Terms(IndexCoefficients coefficients)
    {
        var terms = new double[groups * m * 6];
        for (var gi = 0; gi < groups * m; gi++)
            for (var cls = 0; cls < 3; cls++)
            {
                int valid = cls > 0 ? 1 : 0, positive = cls > 1 ? 1 : 0, t = (gi * 3 + cls) * 2;
                terms[t] = positive * coefficients.SectionA[gi] - valid * coefficients.SectionB[gi];
                terms[t + 1] = positive * coefficients.OverallA[gi] - valid * coefficients.OverallB[gi];
            }
        return terms;
    }

    /// <summary>
    /// Adds w·z of every section and overall index, for the responses of cells [from, to). Two responses are summed
    /// side by side (independent chains of additions, each in item order) and added to the accumulators one after the
    /// other, in response order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private void Accumulate(double[] terms, Deviations[] spread, int from, int to)
    {
        // A section's items are consecutive, so its z is summed item by item in a register, in the same order.
        var firstItem = new int[sections + 1];
        for (var i = 0; i < m; i++) firstItem[sectionOf[i] + 1]++;
        for (var s = 0; s < sections; s++) firstItem[s + 1] += firstItem[s];
        Span<double> z1 = stackalloc double[sections + 1], z2 = stackalloc double[sections + 1];
        int[] atomOf = atoms.AtomOf, cellOfAtom = cells.CellOfAtom;
        var waiting = -1;   // a response whose partner is being looked for
        for (var k = 0; k < sample.Count; k++)
        {
            var atom = atomOf[k];
            if (atom < 0) continue;
            var c = cellOfAtom[atom];
            if (c < from || c >= to) continue;
            if (waiting < 0) { waiting = k; continue; }
            Sum(terms, firstItem, waiting, k, z1, z2);
            Add(spread, waiting, z1);
            Add(spread, k, z2);
            waiting = -1;
        }
        if (waiting >= 0)
        {
            Sum(terms, firstItem, waiting, waiting, z1, z2);
            Add(spread, waiting, z1);
        }
    }

    /// <summary>The section z of responses k1 and k2 into z1 and z2 (index s), their overall z at index sections.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private void Sum(double[] terms, int[] firstItem, int k1, int k2, Span<double> z1, Span<double> z2)
    {
        var answers = sample.Answers;
        int[] atomOf = atoms.AtomOf, cellOfAtom = cells.CellOfAtom;
        int row1 = k1 * m, row2 = k2 * m;
        int gm1 = cells.Group[cellOfAtom[atomOf[k1]]] * m, gm2 = cells.Group[cellOfAtom[atomOf[k2]]] * m;
        double overall1 = 0, overall2 = 0;
        for (var s = 0; s < sections; s++)
        {
            double a1 = 0, a2 = 0;
            for (var i = firstItem[s]; i < firstItem[s + 1]; i++)
            {
                // For an answer a in −1..5, 1 + ((a − c) >> 31) is 1 when a ≥ c: valid (c = 1) plus positive (c = 4).
                int a = answers[row1 + i], b = answers[row2 + i];
                int t1 = ((gm1 + i) * 3 + 2 + ((a - 1) >> 31) + ((a - 4) >> 31)) * 2;
                int t2 = ((gm2 + i) * 3 + 2 + ((b - 1) >> 31) + ((b - 4) >> 31)) * 2;
                a1 += terms[t1];
                overall1 += terms[t1 + 1];
                a2 += terms[t2];
                overall2 += terms[t2 + 1];
            }
            z1[s] = a1;
            z2[s] = a2;
        }
        z1[sections] = overall1;
        z2[sections] = overall2;
    }

    /// <summary>Adds w·z of response k to its cell's accumulators, sections first, then the overall index.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // called per response: optimised from the first call
    private void Add(Deviations[] spread, int k, Span<double> z)
    {
        var c = cells.CellOfAtom[atoms.AtomOf[k]];
        var w = design.Weight[cells.Stratum[c]];
        var at = c * (sections + 1);
        for (var s = 0; s <= sections; s++) spread[at + s].Add(w * z[s]);
    }

    /// <summary>
    /// Per cell, for each section index and the overall index: an accumulator centred on the mean of the stratum's
    /// n_h values w z (the cell's Σ w z follows from its counts, z being linear in y and v; zeros outside the group).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
    private Deviations[] Centres(IndexCoefficients coefficients, int stride)
    {
        var spread = new Deviations[cells.Count * stride];
        var sums = new double[stride];
        for (var c = 0; c < cells.Count; c++)
        {
            int g = cells.Group[c], h = cells.Stratum[c];
            Array.Clear(sums);
            for (var i = 0; i < m; i++)
            {
                int gi = g * m + i, ci = c * m + i;
                sums[sectionOf[i]] += coefficients.SectionA[gi] * itemY[ci] - coefficients.SectionB[gi] * itemV[ci];
                sums[sections] += coefficients.OverallA[gi] * itemY[ci] - coefficients.OverallB[gi] * itemV[ci];
            }
            for (var s = 0; s < stride; s++)
                spread[c * stride + s] = new Deviations(design.Weight[h] * sums[s] / design.ValidCount[h]);
        }
        return spread;
    }
}
