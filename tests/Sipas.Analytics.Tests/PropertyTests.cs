using System.Text;
using Sipas.Analytics.Interchange;

namespace Sipas.Analytics.Tests;

// Properties over seeded random samples (TestData.Random), with and without a frame, both aggregations.
public class PropertyTests
{
    public static TheoryData<int, Aggregation, bool> Cases => new()
    {
        { 1, Aggregation.MeanOfItems, false }, { 2, Aggregation.MeanOfItems, true },
        { 3, Aggregation.Pooled, false }, { 4, Aggregation.Pooled, true }, { 5, Aggregation.MeanOfItems, true },
    };

    private static readonly AnalysisSpec AllGroups = new([GroupType.Province, GroupType.Agency, GroupType.Area,
        GroupType.Unit, GroupType.Stratum, GroupType.Channel]);

    private static Estimation Compute(Sample sample, PopulationFrame frame, bool stratified) =>
        Estimator.Compute(sample, stratified ? frame : null, AllGroups);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Intervals_EveryDefinedRow_ContainTheEstimateAndStayInUnitRange(int seed, Aggregation aggregation, bool stratified)
    {
        var (sample, frame) = TestData.Random(seed, 400, aggregation);

        var rows = Compute(sample, frame, stratified).Results.Where(r => !r.Flags.HasFlag(ResultFlags.Undefined)).ToArray();

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.InRange(r.Ci.Lower, 0, r.Estimate);
            Assert.InRange(r.Ci.Upper, r.Estimate, 1);
            Assert.True(r.Se >= 0 && r.NEff > 0);
        });
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void NoFrame_ItemRows_AreRawCountsOfFourAndFiveAnswers(int seed)
    {
        var (sample, _) = TestData.Random(seed, 300);
        var valid = Estimator.Validity(sample);

        var rows = Estimator.Compute(sample).Results.Where(r => r.GroupType == GroupType.Agency && r.Item.Length > 0);

        foreach (var row in rows)
        {
            var g = sample.Agencies.IndexOf(row.GroupCode);
            var i = sample.Questionnaire.ScoredIndexOf(row.Item);
            var answers = Enumerable.Range(0, sample.Count).Where(k => valid[k] && sample.Agency[k] == g)
                .Select(k => sample.AnswersOf(k)[i]).ToArray();
            var positive = answers.Count(a => a >= 4);
            var answered = answers.Count(a => a >= 1);
            Assert.Equal(((double)positive, answered), (row.NPositive!.Value, row.NValid));
            Assert.Equal((double)positive / answered, row.Estimate, 1e-15);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Shuffle_ResponsesInAnotherOrder_ChangeNothing(int seed, Aggregation aggregation, bool stratified)
    {
        var (sample, frame) = TestData.Random(seed, 400, aggregation);
        var shuffle = new Random(seed * 7919);
        var order = Enumerable.Range(0, sample.Count).OrderBy(_ => shuffle.Next()).ToArray();
        var shuffled = Rebuild(sample, order);

        AssertSameRows(Compute(sample, frame, stratified), Compute(shuffled, frame, stratified));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Merge_SplitSamplesConcatenated_GiveTheSameResults(int seed, Aggregation aggregation, bool stratified)
    {
        var (sample, frame) = TestData.Random(seed, 400, aggregation);
        var cut = sample.Count / 3;
        var parts = new[] { Rebuild(sample, Enumerable.Range(0, cut)), Rebuild(sample, Enumerable.Range(cut, sample.Count - cut)) };

        var merged = Sample.Concat(parts);

        AssertSameRows(Compute(sample, frame, stratified), Compute(merged, frame, stratified));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Merge_ExampleFileSplitInTwoFiles_GivesTheSameResults(string name)
    {
        var lines = SplitRows(File.ReadAllText(Examples.PathOf(name, "responses.csv")));
        var header = lines[0];
        var half = lines.Count / 2;
        var q = Examples.Questionnaire(name);
        Sample ReadPart(IEnumerable<string> rows) => Assert.Single(ResponsesCsv.Read(
            new MemoryStream(Encoding.UTF8.GetBytes(header + string.Concat(rows))), q).Samples);

        var merged = Sample.Concat([ReadPart(lines.Skip(1).Take(half)), ReadPart(lines.Skip(1 + half))]);

        var frame = Examples.Frame(name);
        AssertSameRows(Estimator.Compute(Examples.Sample(name), frame), Estimator.Compute(merged, frame));
    }

    public static TheoryData<string> Names => new(Examples.Names);

    [Fact]
    public void Sample_ReadTwice_GivesIdenticalRows() =>
        Assert.Equal(Estimator.Compute(Examples.Sample("sipas-stratified"), Examples.Frame("sipas-stratified")).Results,
            Estimator.Compute(Examples.Sample("sipas-stratified"), Examples.Frame("sipas-stratified")).Results);

    [Fact]
    public void ItemVariance_FromCellCounts_EqualsTheDirectLinearisation()
    {
        var (sample, frame) = TestData.Random(21, 500);
        var valid = Estimator.Validity(sample);
        var design = Design.Create(sample, valid, frame).Design!;
        var rows = Estimator.Compute(sample, frame).Results;
        var m = sample.ItemCount;

        for (var g = 0; g < sample.Agencies.Count; g++)
        for (var i = 0; i < m; i++)
        {
            var item = i;
            var direct = OtherEstimates.Ratio(sample, design, valid, GroupType.Agency, g, k =>
            {
                var a = sample.Answers[k * m + item];
                return (a >= 4 ? 1 : 0, a >= 1 ? 1 : 0);
            });
            var row = rows.Single(r => r.GroupType == GroupType.Agency && r.GroupCode == sample.Agencies[g] &&
                                       r.Item == sample.Questionnaire.ScoredItems[item].Code);
            Assert.Equal(direct.Estimate, row.Estimate, 1e-14);
            Assert.Equal(direct.Se, row.Se, 1e-12);
        }
    }

    [Fact]
    public void ManyDistinctCodes_ProvinceItemRates_AreRawCountRatios()
    {
        // 1500 strata × 1500 agencies × 1501 units exceed the dense atom table: the dictionary path is used.
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 2);
        var random = new Random(5);
        var builder = new SampleBuilder(q, "2025-H1");
        var positive = new int[2];
        var answered = new int[2];
        for (var k = 0; k < 1500; k++)
        {
            sbyte[] answers = [(sbyte)random.Next(1, 6), (sbyte)random.Next(1, 6)];
            for (var i = 0; i < 2; i++) { answered[i]++; if (answers[i] >= 4) positive[i]++; }
            builder.Add(answers, $"h{k}", $"a{k}", "land", $"{k}", "web");
        }

        var rows = Estimator.Compute(builder.Build()).Results.Where(r => r.GroupType == GroupType.Province && r.Item != "").ToArray();

        Assert.Equal([(double)positive[0] / answered[0], (double)positive[1] / answered[1]], rows.Select(r => r.Estimate));
    }

    private static Sample Rebuild(Sample sample, IEnumerable<int> order)
    {
        var builder = new SampleBuilder(sample.Questionnaire, sample.Wave);
        foreach (var k in order)
            builder.Add(sample.AnswersOf(k), sample.Strata[sample.Stratum[k]], sample.Agencies[sample.Agency[k]],
                sample.Areas[sample.Area[k]], sample.Unit[k] < 0 ? "" : sample.Units[sample.Unit[k]],
                sample.Channels[sample.Channel[k]]);
        return builder.Build();
    }

    private static void AssertSameRows(Estimation expected, Estimation actual)
    {
        Assert.Equal(expected.Counts, actual.Counts);
        Assert.Equal(expected.Reliability.Count, actual.Reliability.Count);
        foreach (var (e, a) in expected.Reliability.Zip(actual.Reliability))
        {
            Assert.Equal((e.GroupType, e.GroupCode, e.Section, e.NComplete), (a.GroupType, a.GroupCode, a.Section, a.NComplete));
            Assert.True(Examples.Close(e.Alpha, a.Alpha, 1e-12), $"{e} vs {a}");
        }
        Assert.Equal(expected.Results.Count, actual.Results.Count);
        foreach (var (e, a) in expected.Results.Zip(actual.Results))
        {
            Assert.Equal((e.GroupType, e.GroupCode, e.Section, e.Item, e.NValid, e.Flags),
                (a.GroupType, a.GroupCode, a.Section, a.Item, a.NValid, a.Flags));
            foreach (var (x, y) in new[] { (e.Estimate, a.Estimate), (e.Se, a.Se), (e.Ci.Lower, a.Ci.Lower),
                         (e.Ci.Upper, a.Ci.Upper), (e.NEff, a.NEff), (e.NPositive ?? 0, a.NPositive ?? 0) })
                Assert.True(Examples.Close(x, y, 1e-10, 1e-13), $"{e} vs {a}");
        }
    }

    /// <summary>Splits CSV text into rows (each with its line end), keeping quoted line breaks inside rows.</summary>
    private static List<string> SplitRows(string text)
    {
        var rows = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '"') quoted = !quoted;
            else if (text[i] == '\n' && !quoted) { rows.Add(text[start..(i + 1)]); start = i + 1; }
        }
        if (start < text.Length) rows.Add(text[start..] + "\n");
        return rows;
    }
}
