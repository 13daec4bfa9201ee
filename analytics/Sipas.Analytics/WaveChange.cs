namespace Sipas.Analytics;

/// <summary>The change of an estimate between two waves and its two-sided z-test.</summary>
/// <param name="Difference">d = p₂ − p₁.</param>
/// <param name="Se">√(SE₁² + SE₂²).</param>
/// <param name="Z">d / SE (NaN when SE = 0 and d = 0; ±∞ when only SE = 0).</param>
/// <param name="PValue">Two-sided p = 2·(1 − Φ(|z|)).</param>
/// <param name="Significant">p &lt; 0.05.</param>
public readonly record struct WaveChangeResult(double Difference, double Se, double Z, double PValue, bool Significant);

/// <summary>Change between two waves (method.md §4), the samples taken as independent.</summary>
public static class WaveChange
{
    /// <summary>
    /// d = p₂ − p₁, SE = √(SE₁² + SE₂²), z = d/SE, two-sided p-value, significant at p &lt; 0.05. With SE = 0
    /// a non-zero change is significant (p = 0) and no change is not (z and p NaN). NaN inputs give NaN
    /// outputs and "not significant".
    /// </summary>
    /// <remarks>R: z &lt;- (p2 - p1) / sqrt(se1^2 + se2^2); 2 * pnorm(-abs(z)).</remarks>
    public static WaveChangeResult Compare(double earlier, double earlierSe, double later, double laterSe)
    {
        var d = later - earlier;
        var se = Math.Sqrt(earlierSe * earlierSe + laterSe * laterSe);
        var z = d / se;
        var p = double.IsNaN(z) ? double.NaN : 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -Math.Abs(z));
        return new WaveChangeResult(d, se, z, p, p < 0.05);
    }
}
