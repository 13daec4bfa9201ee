namespace Sipas.Analytics.Tests;

/// <summary>Questionnaires and samples built in code, and a seeded random sample generator.</summary>
public static class TestData
{
    private static readonly LocalizedText Text = new("x", "x");

    /// <summary>A questionnaire whose scored sections have the given numbers of likert5 items (codes S0I0, …).</summary>
    public static Questionnaire Questionnaire(Aggregation aggregation, params int[] itemsPerSection) =>
        new("test", "1", "SIPAS", aggregation, Text, itemsPerSection.Select((count, s) => new QuestionSection(
            $"S{s}", Text, true, Enumerable.Range(0, count).Select(i =>
                new QuestionItem($"S{s}I{i}", ItemScale.Likert5, Text, [], false)).ToArray())).ToArray());

    /// <summary>
    /// A seeded random sample: <paramref name="n"/> responses over a few agencies, areas and strata, answers
    /// correlated within a response, some missing, some invalid forms, and a frame with N_h ≥ n_h.
    /// </summary>
    public static (Sample Sample, PopulationFrame Frame) Random(int seed, int n, Aggregation aggregation = Aggregation.MeanOfItems)
    {
        var random = new Random(seed);
        var q = Questionnaire(aggregation, 3, 4, 2);
        var builder = new SampleBuilder(q, "2025-H1");
        string[] agencies = ["a1", "a2", "a3", "a4"], areas = ["land", "general", "health"];
        var answers = new sbyte[q.ScoredItems.Count];
        for (var k = 0; k < n; k++)
        {
            var agency = agencies[random.Next(agencies.Length)];
            var area = areas[random.Next(areas.Length)];
            var mood = random.NextDouble();
            var sparse = random.NextDouble() < 0.05;
            for (var i = 0; i < answers.Length; i++)
            {
                var r = random.NextDouble();
                answers[i] = sparse && i > 2 ? Analytics.Sample.Unanswered
                    : r < 0.05 ? Analytics.Sample.Unanswered
                    : r < 0.1 ? Analytics.Sample.NoOpinion
                    : (sbyte)(random.NextDouble() < mood ? 4 + random.Next(2) : 1 + random.Next(3));
            }
            builder.Add(answers, "", agency, area, random.Next(3) == 0 ? "" : $"{16000 + random.Next(4)}",
                random.Next(2) == 0 ? "web" : "paper");
        }
        var sample = builder.Build();
        var valid = Estimator.Validity(sample);
        var frame = new PopulationFrame();
        for (var s = 0; s < sample.Strata.Count; s++)
        {
            var nh = Enumerable.Range(0, sample.Count).Count(k => valid[k] && sample.Stratum[k] == s);
            frame.Set("2025-H1", sample.Strata[s], Math.Max(1, nh) * (1 + random.Next(20)));
        }
        return (sample, frame);
    }

    /// <summary>A sample of one agency/area answering a questionnaire, rows given as answers.</summary>
    public static Sample Sample(Questionnaire q, params sbyte[][] rows)
    {
        var builder = new SampleBuilder(q, "2025-H1");
        foreach (var row in rows) builder.Add(row, "", "a1", "land", "", "web");
        return builder.Build();
    }
}
