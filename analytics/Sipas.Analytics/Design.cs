using Sipas.Analytics.Interchange;

namespace Sipas.Analytics;

/// <summary>
/// The sampling design of a wave's valid responses (method.md §2): design strata h with their valid counts
/// n_h, weights w_h and finite-population factors 1 − f_h.
/// <list type="bullet">
/// <item>Without a frame: one stratum, w = 1, f = 0 (simple random sample).</item>
/// <item>With a frame: stratified SRS without replacement, w_h = N_h/n_h, f_h = n_h/N_h, where n_h counts
/// the valid responses of stratum h.</item>
/// </list>
/// </summary>
/// <remarks>R: svydesign(ids = ~1, weights = ~1, data = valid) without a frame;
/// svydesign(ids = ~1, strata = ~stratum, fpc = ~N, data = valid) with one.</remarks>
public sealed class Design
{
    private Design(int[] stratumOf, int[] n, double[] weight, double[] fpc, bool stratified)
    {
        StratumOf = stratumOf;
        ValidCount = n;
        Weight = weight;
        Fpc = fpc;
        IsStratified = stratified;
    }

    /// <summary>Design stratum of each sample stratum index (all 0 without a frame).</summary>
    public int[] StratumOf { get; }
    /// <summary>n_h: valid responses per design stratum.</summary>
    public int[] ValidCount { get; }
    /// <summary>w_h = N_h/n_h (1 without a frame).</summary>
    public double[] Weight { get; }
    /// <summary>1 − f_h = 1 − n_h/N_h (1 without a frame).</summary>
    public double[] Fpc { get; }
    /// <summary>True when built from a frame.</summary>
    public bool IsStratified { get; }
    /// <summary>Number of design strata H.</summary>
    public int StrataCount => ValidCount.Length;

    /// <summary>
    /// Builds the design of <paramref name="sample"/>'s valid responses (<paramref name="valid"/>[k]).
    /// With a frame, a stratum with valid responses but no N_h in the frame for the sample's wave, or with
    /// n_h &gt; N_h, is a fault of the frame: reported, never silently weighted 1 (the design is then null).
    /// Frame strata without valid responses are ignored, whatever their N_h (0 included). A fault names the frame
    /// file's line when the stratum's row came from one.
    /// </summary>
    public static (Design? Design, IReadOnlyList<InputFault> Faults) Create(Sample sample, bool[] valid,
        PopulationFrame? frame)
    {
        var strata = sample.Strata.Count;
        var sampleCount = new int[strata];
        for (var k = 0; k < sample.Count; k++)
            if (valid[k]) sampleCount[sample.Stratum[k]]++;

        if (frame is null)
        {
            var total = sampleCount.Sum();
            return (new Design(new int[strata], [total], [1.0], [1.0], false), []);
        }

        var faults = new List<InputFault>();
        var stratumOf = new int[strata];
        var n = new List<int>();
        var weight = new List<double>();
        var fpc = new List<double>();
        for (var s = 0; s < strata; s++)
        {
            if (sampleCount[s] == 0) continue;
            var code = sample.Strata[s];
            var population = frame.Of(sample.Wave, code);
            var line = frame.LineOf(sample.Wave, code);
            var where = line > 0 ? CsvText.Line(line) : $"frame: {code}";
            if (double.IsNaN(population))
                faults.Add(new InputFault(where,
                    $"Tầng {code} có phiếu hợp lệ nhưng khung mẫu không có quy mô tổng thể (N) cho đợt {sample.Wave}",
                    $"Stratum {code} has valid responses but the frame has no population (N) for wave {sample.Wave}"));
            else if (population == 0)
                faults.Add(new InputFault(where,
                    $"Tầng {code} có {sampleCount[s]} phiếu hợp lệ nhưng khung mẫu ghi N = 0 (không ai được phục vụ)",
                    $"Stratum {code} has {sampleCount[s]} valid responses but the frame says N = 0 (nobody served)"));
            else if (sampleCount[s] > population)
                faults.Add(new InputFault(where,
                    $"Tầng {code} có {sampleCount[s]} phiếu hợp lệ, nhiều hơn quy mô tổng thể N = {population}",
                    $"Stratum {code} has {sampleCount[s]} valid responses, more than its population N = {population}"));
            else
            {
                stratumOf[s] = n.Count;
                n.Add(sampleCount[s]);
                weight.Add(population / sampleCount[s]);
                fpc.Add(1 - sampleCount[s] / population);
            }
        }
        return faults.Count > 0
            ? (null, faults)
            : (new Design(stratumOf, n.ToArray(), weight.ToArray(), fpc.ToArray(), true), []);
    }

    /// <summary>
    /// Stratum h's contribution to Var(θ): (1 − f_h) · n_h/(n_h − 1) · Σ_{k∈h} (w_k z_k − m_h)², from the centred
    /// sum of squares <paramref name="centredSquares"/> over all n_h valid responses of the stratum (zeros outside the
    /// group included; see <see cref="Deviations"/>). 0 for a lonely stratum (n_h = 1).
    /// </summary>
    /// <remarks>method.md §4; R: survey:::svyrecvar with options(survey.lonely.psu = "certainty").</remarks>
    public double StratumVariance(int h, double centredSquares)
    {
        var nh = ValidCount[h];
        return nh < 2 ? 0 : Fpc[h] * nh / (nh - 1.0) * centredSquares;
    }
}
