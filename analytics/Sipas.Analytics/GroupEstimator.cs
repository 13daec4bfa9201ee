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
    private readonly bool[] valid;
    private readonly Design design;
    private readonly GroupCells cells;
    private readonly int groups, m, sections;
    private readonly int[] sectionOf;

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
        this.valid = valid;
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

    private void CountCells(int[] groupOf)
    {
        var answers = sample.Answers;
        Span<bool> any = stackalloc bool[sections];
        for (var k = 0; k < sample.Count; k++)
        {
            if (groupOf[k] >= 0) Responses[groupOf[k]]++;
            var c = cells.CellOf[k];
            if (c < 0) continue;
            cellN[c]++;
            any.Clear();
            int row = k * m, at = c * m;
            for (var i = 0; i < m; i++)
            {
                var a = answers[row + i];
                if (a < 1) continue;
                itemV[at + i]++;
                if (a >= 4) itemY[at + i]++;
                any[sectionOf[i]] = true;
            }
            for (var s = 0; s < sections; s++)
                if (any[s]) sectionN[c * sections + s]++;
            Alpha.Add(groupOf[k], answers.AsSpan(row, m));
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
            for (var i = 0; i < m; i++)
            {
                var a = answers[row + i];
                if (a < 1) continue;
                var positive = a >= 4;
                z[sectionOf[i]] += (positive ? coefficients.SectionA[gm + i] : 0) - coefficients.SectionB[gm + i];
                z[sections] += (positive ? coefficients.OverallA[gm + i] : 0) - coefficients.OverallB[gm + i];
            }
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

    /// <summary>Coefficients a_i, b_i of the linear influence forms, per group, and the index estimates.</summary>
    private sealed class IndexCoefficients
    {
        public readonly double[] SectionA, SectionB, OverallA, OverallB;

        public IndexCoefficients(GroupEstimator e, Aggregation aggregation)
        {
            int m = e.m, sections = e.sections;
            SectionA = new double[e.groups * m]; SectionB = new double[e.groups * m];
            OverallA = new double[e.groups * m]; OverallB = new double[e.groups * m];
            var defined = new int[sections];
            var d = new double[sections];
            var p = new double[sections];
            for (var g = 0; g < e.groups; g++)
            {
                Array.Clear(defined); Array.Clear(d); Array.Clear(p);
                double overallD = 0, overallP = 0;
                for (var i = 0; i < m; i++)
                {
                    var gi = g * m + i;
                    if (e.ItemD[gi] <= 0) continue;
                    var s = e.sectionOf[i];
                    defined[s]++;
                    d[s] += e.ItemD[gi];
                    p[s] += aggregation == Aggregation.Pooled ? e.ItemP[gi] : e.ItemP[gi] / e.ItemD[gi];
                    overallD += e.ItemD[gi];
                    overallP += e.ItemP[gi];
                }
                var definedSections = 0;
                double sumOfSections = 0;
                for (var s = 0; s < sections; s++)
                {
                    var gs = g * sections + s;
                    if (defined[s] == 0) { e.SectionEstimate[gs] = double.NaN; continue; }
                    e.SectionEstimate[gs] = aggregation == Aggregation.Pooled ? p[s] / d[s] : p[s] / defined[s];
                    definedSections++;
                    sumOfSections += e.SectionEstimate[gs];
                }
                e.OverallEstimate[g] = definedSections == 0 ? double.NaN
                    : aggregation == Aggregation.Pooled ? overallP / overallD : sumOfSections / definedSections;
                if (definedSections == 0) continue;

                for (var i = 0; i < m; i++)
                {
                    var gi = g * m + i;
                    if (e.ItemD[gi] <= 0) continue;
                    var s = e.sectionOf[i];
                    if (aggregation == Aggregation.Pooled)
                    {
                        SectionA[gi] = 1 / d[s];
                        SectionB[gi] = e.SectionEstimate[g * sections + s] / d[s];
                        OverallA[gi] = 1 / overallD;
                        OverallB[gi] = e.OverallEstimate[g] / overallD;
                    }
                    else
                    {
                        var rate = e.ItemP[gi] / e.ItemD[gi];
                        SectionA[gi] = 1 / (defined[s] * e.ItemD[gi]);
                        SectionB[gi] = rate * SectionA[gi];
                        OverallA[gi] = SectionA[gi] / definedSections;
                        OverallB[gi] = SectionB[gi] / definedSections;
                    }
                }
            }
        }
    }
}
