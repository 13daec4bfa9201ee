namespace Sipas.Analytics;

/// <summary>How a satisfaction estimate becomes points of the province's PAR scoring (chấm điểm CCHC).</summary>
public enum ParRuleKind
{
    /// <summary>0 points at or below <see cref="ParRule.FromPercent"/>, the maximum at or above <see cref="ParRule.ToPercent"/>, a straight line between.</summary>
    Linear,
    /// <summary>The points of the highest band whose threshold the estimate reaches (≥); 0 below the lowest band.</summary>
    Bands,
}

/// <summary>One band: an estimate of at least <paramref name="MinPercent"/> earns <paramref name="Points"/>.</summary>
public readonly record struct ParBand(double MinPercent, double Points);

/// <summary>
/// The rule an admin sets per year and indicator for the survey component of the PAR scoring (docs/formats.md,
/// "PAR scoring input"). Estimates are compared unrounded, as verdicts are (method.md §5); the points are rounded to
/// two decimals, half away from zero, only when written.
/// </summary>
public sealed record ParRule(ParRuleKind Kind, double MaxPoints, double FromPercent, double ToPercent, IReadOnlyList<ParBand> Bands)
{
    /// <summary>The points of an estimate <paramref name="p"/> in [0, 1]; null when the estimate is undefined (NaN).</summary>
    public double? Points(double p)
    {
        if (double.IsNaN(p)) return null;
        var percent = 100 * p;
        if (Kind == ParRuleKind.Linear)
            return percent <= FromPercent ? 0 : percent >= ToPercent ? MaxPoints : MaxPoints * (percent - FromPercent) / (ToPercent - FromPercent);
        var points = 0.0;
        foreach (var band in Bands)
            if (percent >= band.MinPercent) points = Math.Max(points, band.Points);
        return points;
    }

    /// <summary>Points as written: two decimals, half away from zero.</summary>
    public static double Rounded(double points) => Math.Round(points, 2, MidpointRounding.AwayFromZero);

    /// <summary>What is wrong with the rule, by field (camelCase, as the API names them), in Vietnamese / English; empty when it is sound.</summary>
    public Dictionary<string, string> Faults()
    {
        var faults = new Dictionary<string, string>();
        if (!(MaxPoints > 0 && MaxPoints <= 1000))
            faults["maxPoints"] = "Điểm tối đa phải lớn hơn 0 và không quá 1000 / The maximum must be above 0 and at most 1000";
        if (Kind == ParRuleKind.Linear)
        {
            if (!(FromPercent >= 0 && FromPercent < 100)) faults["fromPercent"] = "Ngưỡng 0 điểm phải trong [0; 100) / The zero-point threshold must be in [0, 100)";
            if (!(ToPercent > FromPercent && ToPercent <= 100))
                faults["toPercent"] = "Ngưỡng điểm tối đa phải lớn hơn ngưỡng 0 điểm và không quá 100 / The full-point threshold must be above the zero-point threshold and at most 100";
            return faults;
        }
        if (Bands.Count == 0) faults["bands"] = "Cần ít nhất một mức / At least one band is needed";
        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            if (!(band.MinPercent is >= 0 and <= 100))
                faults[$"bands[{i}].minPercent"] = "Ngưỡng phải trong [0; 100] / The threshold must be in [0, 100]";
            else if (i > 0 && !(band.MinPercent > Bands[i - 1].MinPercent))
                faults[$"bands[{i}].minPercent"] = "Các ngưỡng phải tăng dần / Thresholds must increase";
            if (!(band.Points >= 0 && band.Points <= MaxPoints))
                faults[$"bands[{i}].points"] = "Điểm của mức phải trong [0; điểm tối đa] / A band's points must be between 0 and the maximum";
            else if (i > 0 && band.Points < Bands[i - 1].Points)
                faults[$"bands[{i}].points"] = "Mức cao hơn không được ít điểm hơn / A higher band cannot earn fewer points";
        }
        return faults;
    }
}
