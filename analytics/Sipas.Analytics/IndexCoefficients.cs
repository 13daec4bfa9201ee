using System.Runtime.CompilerServices;

namespace Sipas.Analytics;

/// <summary>
/// Per group, the section and overall index estimates (written into the <see cref="GroupEstimator"/>) and the
/// coefficients of their influence values as linear forms of a response's answers,
/// z_k = Σ_i (a_i y_ik − b_i v_ik) (method.md §4):
/// <list type="bullet">
/// <item>mean-of-items: z of an item rate is (y − p_i v)/D_i, so a section over its K defined items has
/// a_i = 1/(K·D_i), b_i = p_i·a_i; the overall index over J defined sections divides these by J.</item>
/// <item>pooled: z = (Σ_i y_i − S Σ_i v_i)/D_S, so a_i = 1/D_S, b_i = S/D_S for every item of the section
/// (overall: the same over all items).</item>
/// </list>
/// Items with no valid answer in the group get 0 (they are not part of the index).
/// </summary>
internal sealed class IndexCoefficients
{
    public readonly double[] SectionA, SectionB, OverallA, OverallB;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
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
