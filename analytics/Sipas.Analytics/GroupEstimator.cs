namespace Sipas.Analytics;

/// <summary>
/// Estimates every item, section and overall index of one group type (all agencies, say) in two passes over
/// the valid responses (method.md §3–4):
/// <list type="number">
/// <item>Counts per cell (group × stratum): valid and positive answers per item, responses per cell, responses
/// with a valid answer per section. Weights are constant within a stratum, so the weighted item totals and the
/// item variances follow from these counts exactly.</item>
/// <item>With the item rates known, each response's influence value z_k of every section and overall index is a
/// linear form Σ_i (a_i y_ik − b_i v_ik) whose coefficients depend on its group only (mean-of-items: a mean of
/// the item influences; pooled: the pooled ratio's influence). Σ w z and Σ (w z)² are accumulated per cell.</item>
/// </list>
/// </summary>
internal sealed class GroupEstimator
{
    private readonly Sample sample;
    private readonly Design design;
    private readonly GroupCells cells;
    internal readonly int groups, m, sections;
    internal readonly int[] sectionOf;

    // Pass 1, per cell.
    private readonly int[] cellN, itemV, itemY, sectionN;

    // Per group.
    public readonly double[] ItemD, ItemP, ItemVar, SectionEstimate, SectionVar, OverallEstimate, OverallVar;
    public readonly int[] ItemN, SectionNValid, OverallN, Responses;
    public readonly bool[] ItemLonely, SectionLonely, OverallLonely;
    public readonly Reliability.Sums Alpha;

    public GroupEstimator(Sample sample, bool[] valid, Design design, int[] groupOf, int groups)
    {
        this.sample = sample;
        this.design = design;
        this.groups = groups;
        m = sample.ItemCount;
        var scoredSections = sample.Questionnaire.ScoredSections;
        sections = scoredSections.Count;
        sectionOf = new int[m];
        for (int s = 0, i = 0; s < sections; s++)
            foreach (var _ in scoredSections[s].ScoredItems) sectionOf[i++] = s;

        cells = new GroupCells(sample, valid, design, groupOf, groups);
        var c = cells.Count;
        cellN = new int[c];
        itemV = new int[c * m];
        itemY = new int[c * m];
        sectionN = new int[c * sections];
        Responses = new int[groups];
        Alpha = new Reliability.Sums(groups, sections, m, sectionOf);

        ItemD = new double[groups * m]; ItemP = new double[groups * m]; ItemVar = new double[groups * m];
        ItemN = new int[groups * m]; ItemLonely = new bool[groups * m];
        SectionEstimate = new double[groups * sections]; SectionVar = new double[groups * sections];
        SectionNValid = new int[groups * sections]; SectionLonely = new bool[groups * sections];
        OverallEstimate = new double[groups]; OverallVar = new double[groups];
        OverallN = new int[groups]; OverallLonely = new bool[groups];

        CountCells(groupOf);
        EstimateItems();
        EstimateIndices();
    }

    // Hot loop: branch-free on the answers (random data defeats branch prediction). For a in −1..5,
    // 1 + ((a − c) >> 31) is 1 when a ≥ c and 0 otherwise.
    private void CountCells(int[] groupOf)
    {
        var answers = sample.Answers;
        int[] v = itemV, y = itemY, sectionCount = sectionN, cellCount = cellN, cellOf = cells.CellOf, section = sectionOf;
        Span<int> any = stackalloc int[sections];
        Span<int> complete = stackalloc int[sections];
        Span<int> total = stackalloc int[sections];
        for (var k = 0; k < sample.Count; k++)
        {
            var g = groupOf[k];
            if (g >= 0) Responses[g]++;
            var c = cellOf[k];
            if (c < 0) continue;
            cellCount[c]++;
            any.Clear();
            complete.Fill(1);
            total.Clear();
            int row = k * m, at = c * m;
            for (var i = 0; i < m; i++)
            {
                int a = answers[row + i], valid = 1 + ((a - 1) >> 31), s = section[i];
                v[at + i] += valid;
                y[at + i] += 1 + ((a - 4) >> 31);
                any[s] |= valid;
                complete[s] &= valid;
                total[s] += a * valid;
            }
            for (var s = 0; s < sections; s++) sectionCount[c * sections + s] += any[s];
            Alpha.Add(g, answers.AsSpan(row, m), complete, total);
        }
    }

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
                ItemN[g * m + i] += itemV[c * m + i];
            }
        }
        // Var of a ratio p = Σwy/Σwv: z = (y − p v)/D. Within a cell (w constant), y = 1 for Y answers and
        // y = 0, v = 1 for V − Y answers: Σ w z = w (Y(1−p) − (V−Y)p)/D, Σ (w z)² = w² (Y(1−p)² + (V−Y)p²)/D².
        for (var c = 0; c < cells.Count; c++)
        {
            int g = cells.Group[c], h = cells.Stratum[c];
            var w = design.Weight[h];
            for (var i = 0; i < m; i++)
            {
                int v = itemV[c * m + i], y = itemY[c * m + i], gi = g * m + i;
                if (v == 0) continue;
                double d = ItemD[gi], p = ItemP[gi] / d;
                var sum = w * (y * (1 - p) - (v - y) * p) / d;
                var squares = w * w * (y * (1 - p) * (1 - p) + (v - y) * p * p) / (d * d);
                ItemVar[gi] += design.StratumVariance(h, sum, squares);
                if (design.ValidCount[h] == 1) ItemLonely[gi] = true;
            }
        }
    }

    private void EstimateIndices()
    {
        var coefficients = new IndexCoefficients(this, sample.Questionnaire.Aggregation);
        double[] sectionA = coefficients.SectionA, sectionB = coefficients.SectionB,
            overallA = coefficients.OverallA, overallB = coefficients.OverallB;
        var section = sectionOf;
        var cellSum = new double[cells.Count * (sections + 1)];
        var cellSquares = new double[cells.Count * (sections + 1)];
        var answers = sample.Answers;
        var stride = sections + 1;
        Span<double> z = stackalloc double[stride];
        for (var k = 0; k < sample.Count; k++)
        {
            var c = cells.CellOf[k];
            if (c < 0) continue;
            var g = cells.Group[c];
            z.Clear();
            int row = k * m, gm = g * m;
            double overall = 0;
            for (var i = 0; i < m; i++)
            {
                int a = answers[row + i], valid = 1 + ((a - 1) >> 31), positive = 1 + ((a - 4) >> 31);
                z[section[i]] += positive * sectionA[gm + i] - valid * sectionB[gm + i];
                overall += positive * overallA[gm + i] - valid * overallB[gm + i];
            }
            z[sections] = overall;
            var w = design.Weight[cells.Stratum[c]];
            for (var s = 0; s < stride; s++)
            {
                var wz = w * z[s];
                cellSum[c * stride + s] += wz;
                cellSquares[c * stride + s] += wz * wz;
            }
        }
        for (var c = 0; c < cells.Count; c++)
        {
            int g = cells.Group[c], h = cells.Stratum[c];
            for (var s = 0; s < sections; s++)
                SectionVar[g * sections + s] += design.StratumVariance(h, cellSum[c * stride + s], cellSquares[c * stride + s]);
            OverallVar[g] += design.StratumVariance(h, cellSum[c * stride + sections], cellSquares[c * stride + sections]);
        }
    }
}
