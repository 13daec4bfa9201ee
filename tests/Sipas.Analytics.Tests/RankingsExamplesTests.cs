namespace Sipas.Analytics.Tests;

// Expected rankings: tests/data/spec/examples/*/expected-rankings.csv, computed with R (method.md §9).
public class RankingsExamplesTests
{
    public static TheoryData<string> Names => new(Examples.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Analyze_Example_WritesExpectedRankingsRowForRow(string name)
    {
        var output = Examples.Analyze(name);
        try
        {
            var expected = Examples.ReadCsv(Examples.PathOf(name, "expected-rankings.csv"));
            var actual = Examples.ReadCsv(Path.Combine(output, "rankings.csv"));
            var differences = Examples.Differences(expected, actual, "wave", "indicator", "group_type", "group_code");
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
            // Rows by rank, then group code (method.md §9): the expected files are in that order too.
            Assert.Equal(expected.Select(r => r["group_code"]), actual.Select(r => r["group_code"]));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
