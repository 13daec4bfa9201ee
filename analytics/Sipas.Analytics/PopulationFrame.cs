namespace Sipas.Analytics;

/// <summary>
/// A population frame (interchange.md "Population frame"): N_h, the people or dossiers served in stratum h
/// during a wave's look-back period, keyed by wave and stratum. Only the rows of the wave being estimated count.
/// </summary>
public sealed class PopulationFrame
{
    private readonly Dictionary<(string Wave, string Stratum), double> population = [];
    private readonly Dictionary<(string Wave, string Stratum), int> lines = [];

    /// <summary>An empty frame.</summary>
    public PopulationFrame() { }

    /// <summary>A frame holding <paramref name="rows"/>; a repeated (wave, stratum) keeps the last value.</summary>
    public PopulationFrame(IEnumerable<(string Wave, string Stratum, double Population)> rows)
    {
        foreach (var (wave, stratum, n) in rows) Set(wave, stratum, n);
    }

    /// <summary>A frame for one wave from stratum code → N_h (what a server holds for the wave it computes).</summary>
    public static PopulationFrame ForWave(string wave, IEnumerable<KeyValuePair<string, double>> populations) =>
        new(populations.Select(p => (wave, p.Key, p.Value)));

    /// <summary>Number of (wave, stratum) rows.</summary>
    public int Count => population.Count;

    /// <summary>
    /// Sets N_h of <paramref name="stratum"/> in <paramref name="wave"/>, read from line <paramref name="line"/> of a
    /// frame file (0: not from a file). N_h = 0 is a fact (nobody served): such a row is ignored unless the stratum has
    /// valid responses, which is then a fault of the frame (method.md §2). A negative or infinite N_h throws.
    /// </summary>
    public void Set(string wave, string stratum, double populationSize, int line = 0)
    {
        if (!(populationSize >= 0) || double.IsInfinity(populationSize))
            throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "N_h must be 0 or more.");
        population[(wave, stratum)] = populationSize;
        if (line > 0) lines[(wave, stratum)] = line;
        else lines.Remove((wave, stratum));
    }

    /// <summary>The frame file's line of <paramref name="stratum"/> in <paramref name="wave"/>, or 0 when not read from a file.</summary>
    public int LineOf(string wave, string stratum) => lines.GetValueOrDefault((wave, stratum));

    /// <summary>N_h of <paramref name="stratum"/> in <paramref name="wave"/>, or NaN when the frame lacks it.</summary>
    public double Of(string wave, string stratum) => population.GetValueOrDefault((wave, stratum), double.NaN);

    /// <summary>The strata of <paramref name="wave"/> with their N_h, in ordinal order of stratum code.</summary>
    public IReadOnlyList<(string Stratum, double Population)> StrataOf(string wave) =>
        population.Where(p => p.Key.Wave == wave).Select(p => (p.Key.Stratum, p.Value))
            .OrderBy(p => p.Stratum, StringComparer.Ordinal).ToList();

    /// <summary>Whether the frame has any row for <paramref name="wave"/>.</summary>
    public bool HasWave(string wave) => population.Keys.Any(key => key.Wave == wave);
}
