namespace Sipas.Analytics;

/// <summary>
/// A closed interval [<see cref="Lower"/>, <see cref="Upper"/>] for a proportion. Both bounds are
/// <see cref="double.NaN"/> when the interval is undefined (no data, or an undefined estimate).
/// </summary>
/// <param name="Lower">Lower bound, in [0, 1] for a proportion.</param>
/// <param name="Upper">Upper bound, in [0, 1] for a proportion.</param>
public readonly record struct Interval(double Lower, double Upper)
{
    /// <summary>The undefined interval: both bounds <see cref="double.NaN"/>.</summary>
    public static Interval Undefined { get; } = new(double.NaN, double.NaN);

    /// <summary>True when both bounds are numbers.</summary>
    public bool IsDefined => !double.IsNaN(Lower) && !double.IsNaN(Upper);

    /// <summary>True when <paramref name="value"/> lies in the closed interval (false when undefined).</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;
}
