namespace Sipas.Analytics;

/// <summary>
/// The compact in-memory form of one wave's responses to one questionnaire version: what the estimator reads.
/// <list type="bullet">
/// <item><see cref="Answers"/>: an n×m matrix, row-major (response k, scored item i at k·m + i, items in
/// <see cref="Questionnaire.ScoredItems"/> order). Values: 1..5 the answer, <see cref="NoOpinion"/> (0) "không
/// ý kiến", <see cref="Unanswered"/> (−1) an empty cell. Both 0 and −1 are missing (method.md §1).</item>
/// <item>Per response, an index into each code table: <see cref="Stratum"/>, <see cref="Agency"/>,
/// <see cref="Area"/>, <see cref="Channel"/>, and <see cref="Unit"/> (−1 when the unit is empty).</item>
/// </list>
/// Invalid responses (fewer than ⌈0.8·m⌉ valid answers) stay in the sample: they are counted, never estimated.
/// Build one with <see cref="SampleBuilder"/> (from rows) or read one with
/// <see cref="Interchange.ResponsesCsv"/>. Arrays are shared, not copied: treat a sample as immutable.
/// </summary>
public sealed class Sample
{
    /// <summary>Answer code of an empty cell.</summary>
    public const sbyte Unanswered = -1;
    /// <summary>Answer code of "không ý kiến / không biết".</summary>
    public const sbyte NoOpinion = 0;

    /// <summary>
    /// Wraps arrays without copying. Checked, so that no malformed sample can give a figure: lengths (n·m
    /// answers, n entries per index array), answers in −1..5, indexes inside their code tables (unit −1 allowed).
    /// Throws <see cref="ArgumentException"/> otherwise.
    /// </summary>
    public Sample(Questionnaire questionnaire, string wave, sbyte[] answers, int[] stratum, int[] agency,
        int[] area, int[] unit, int[] channel, CodeTable strata, CodeTable agencies, CodeTable areas,
        CodeTable units, CodeTable channels)
    {
        var m = questionnaire.ScoredItems.Count;
        var n = stratum.Length;
        if (answers.Length != n * m || agency.Length != n || area.Length != n || unit.Length != n ||
            channel.Length != n)
            throw new ArgumentException("Sample arrays disagree in length (n responses × m scored items).");
        if (answers.AsSpan().IndexOfAnyExceptInRange(Unanswered, (sbyte)5) is var bad and >= 0)
            throw new ArgumentException($"Answer {answers[bad]} of response {bad / Math.Max(1, m)} is outside −1..5.");
        CheckIndexes(stratum, strata, 0, nameof(stratum));
        CheckIndexes(agency, agencies, 0, nameof(agency));
        CheckIndexes(area, areas, 0, nameof(area));
        CheckIndexes(unit, units, -1, nameof(unit));
        CheckIndexes(channel, channels, 0, nameof(channel));
        Questionnaire = questionnaire;
        Wave = wave;
        Answers = answers;
        Stratum = stratum;
        Agency = agency;
        Area = area;
        Unit = unit;
        Channel = channel;
        Strata = strata;
        Agencies = agencies;
        Areas = areas;
        Units = units;
        Channels = channels;
    }

    private static void CheckIndexes(int[] indexes, CodeTable codes, int lowest, string name)
    {
        if (indexes.AsSpan().IndexOfAnyExceptInRange(lowest, codes.Count - 1) is var bad and >= 0)
            throw new ArgumentException($"Response {bad}: {name} index {indexes[bad]} is not in its code table.");
    }

    /// <summary>The questionnaire version answered.</summary>
    public Questionnaire Questionnaire { get; }
    /// <summary>The wave code, e.g. <c>2025-H1</c>.</summary>
    public string Wave { get; }
    /// <summary>Number of responses n (valid and invalid).</summary>
    public int Count => Stratum.Length;
    /// <summary>Number of scored items m.</summary>
    public int ItemCount => Questionnaire.ScoredItems.Count;
    /// <summary>n×m answers, row-major; see the class remarks for the codes.</summary>
    public sbyte[] Answers { get; }
    /// <summary>Stratum index of each response into <see cref="Strata"/>.</summary>
    public int[] Stratum { get; }
    /// <summary>Agency index of each response into <see cref="Agencies"/>.</summary>
    public int[] Agency { get; }
    /// <summary>Service-area index of each response into <see cref="Areas"/>.</summary>
    public int[] Area { get; }
    /// <summary>Unit (commune) index of each response into <see cref="Units"/>, −1 when empty.</summary>
    public int[] Unit { get; }
    /// <summary>Channel index of each response into <see cref="Channels"/>.</summary>
    public int[] Channel { get; }
    /// <summary>Stratum codes.</summary>
    public CodeTable Strata { get; }
    /// <summary>Agency codes.</summary>
    public CodeTable Agencies { get; }
    /// <summary>Service-area codes.</summary>
    public CodeTable Areas { get; }
    /// <summary>Unit (commune NSO) codes.</summary>
    public CodeTable Units { get; }
    /// <summary>Channel codes.</summary>
    public CodeTable Channels { get; }

    /// <summary>The answers of response <paramref name="k"/>.</summary>
    public ReadOnlySpan<sbyte> AnswersOf(int k) => Answers.AsSpan(k * ItemCount, ItemCount);

    /// <summary>Whether response <paramref name="k"/> is valid (method.md §1: 5·valid ≥ 4·m).</summary>
    public bool IsValid(int k)
    {
        var valid = 0;
        foreach (var a in AnswersOf(k)) if (a >= 1) valid++;
        return Questionnaire.IsValidCount(valid, ItemCount);
    }

    /// <summary>
    /// Concatenates samples of the same questionnaire version and wave (codes re-indexed into new tables). The
    /// result equals the sample read from the concatenated rows, so estimates of a split-and-merged file equal
    /// those of the whole file. Merging happens here, at the level of the sample, rather than on sufficient
    /// statistics: the variance of a mean of item rates needs, per stratum and group, every item-by-item cross
    /// product of the linearised values, which is larger and slower to merge than the answers themselves.
    /// </summary>
    public static Sample Concat(IReadOnlyList<Sample> parts)
    {
        if (parts.Count == 0) throw new ArgumentException("Nothing to concatenate.", nameof(parts));
        var first = parts[0];
        var builder = new SampleBuilder(first.Questionnaire, first.Wave);
        foreach (var part in parts)
        {
            if (part.Questionnaire.Key != first.Questionnaire.Key || part.Wave != first.Wave)
                throw new ArgumentException("Samples of different questionnaires or waves cannot be merged.");
            for (var k = 0; k < part.Count; k++)
                builder.Add(part.AnswersOf(k), part.Strata[part.Stratum[k]], part.Agencies[part.Agency[k]],
                    part.Areas[part.Area[k]], part.Unit[k] < 0 ? "" : part.Units[part.Unit[k]],
                    part.Channels[part.Channel[k]]);
        }
        return builder.Build();
    }
}
