namespace Sipas.Analytics;

/// <summary>
/// Builds a <see cref="Sample"/> one response at a time, turning codes into indexes: what a server does with
/// the rows of a wave (answers already in <see cref="Questionnaire.ScoredItems"/> order).
/// </summary>
public sealed class SampleBuilder
{
    private readonly Questionnaire questionnaire;
    private readonly string wave;
    private readonly int m;
    private sbyte[] answers;
    private int[] stratum, agency, area, unit, channel;
    private int count;

    /// <summary>Starts an empty sample of <paramref name="questionnaire"/> for <paramref name="wave"/>.</summary>
    public SampleBuilder(Questionnaire questionnaire, string wave, int capacity = 1024)
    {
        this.questionnaire = questionnaire;
        this.wave = wave;
        m = questionnaire.ScoredItems.Count;
        capacity = Math.Max(capacity, 16);
        answers = new sbyte[capacity * m];
        stratum = new int[capacity];
        agency = new int[capacity];
        area = new int[capacity];
        unit = new int[capacity];
        channel = new int[capacity];
    }

    /// <summary>Stratum codes seen so far.</summary>
    public CodeTable Strata { get; } = new();
    /// <summary>Agency codes seen so far.</summary>
    public CodeTable Agencies { get; } = new();
    /// <summary>Area codes seen so far.</summary>
    public CodeTable Areas { get; } = new();
    /// <summary>Unit codes seen so far.</summary>
    public CodeTable Units { get; } = new();
    /// <summary>Channel codes seen so far.</summary>
    public CodeTable Channels { get; } = new();

    /// <summary>Responses added so far.</summary>
    public int Count => count;

    /// <summary>
    /// Adds a response. <paramref name="scoredAnswers"/> has one entry per scored item (1..5, 0 no opinion,
    /// −1 unanswered; anything else throws). An empty <paramref name="stratum"/> becomes
    /// <c>agency/area</c> (method.md §1); an empty <paramref name="unit"/> means no unit.
    /// </summary>
    public void Add(ReadOnlySpan<sbyte> scoredAnswers, string stratum, string agency, string area, string unit,
        string channel)
    {
        if (scoredAnswers.Length != m)
            throw new ArgumentException($"Expected {m} scored answers, got {scoredAnswers.Length}.");
        foreach (var a in scoredAnswers)
            if (a is < Sample.Unanswered or > 5) throw new ArgumentOutOfRangeException(nameof(scoredAnswers), a, "Answer outside −1..5.");
        var k = Reserve();
        scoredAnswers.CopyTo(answers.AsSpan(k * m, m));
        this.stratum[k] = Strata.Add(stratum.Length == 0 ? $"{agency}/{area}" : stratum);
        this.agency[k] = Agencies.Add(agency);
        this.area[k] = Areas.Add(area);
        this.unit[k] = unit.Length == 0 ? -1 : Units.Add(unit);
        this.channel[k] = Channels.Add(channel);
    }

    /// <summary>Adds a response whose codes are already indexes into this builder's tables.</summary>
    internal Span<sbyte> AddIndexed(int stratumIndex, int agencyIndex, int areaIndex, int unitIndex, int channelIndex)
    {
        var k = Reserve();
        stratum[k] = stratumIndex;
        agency[k] = agencyIndex;
        area[k] = areaIndex;
        unit[k] = unitIndex;
        channel[k] = channelIndex;
        return answers.AsSpan(k * m, m);
    }

    /// <summary>The sample of every response added (arrays trimmed to size).</summary>
    public Sample Build() => new(questionnaire, wave, answers[..(count * m)], stratum[..count], agency[..count],
        area[..count], unit[..count], channel[..count], Strata, Agencies, Areas, Units, Channels);

    private int Reserve()
    {
        if (count == stratum.Length)
        {
            var capacity = count * 2;
            Array.Resize(ref answers, capacity * m);
            Array.Resize(ref stratum, capacity);
            Array.Resize(ref agency, capacity);
            Array.Resize(ref area, capacity);
            Array.Resize(ref unit, capacity);
            Array.Resize(ref channel, capacity);
        }
        return count++;
    }
}
