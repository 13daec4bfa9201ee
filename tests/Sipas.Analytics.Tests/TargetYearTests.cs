using Sipas.Cli;

namespace Sipas.Analytics.Tests;

// docs/method-notes.md, point 11: the year the wave code begins with, else the year of the wave's start date.
public class TargetYearTests
{
    [Theory]
    [InlineData("2025-H2", "2026-01-05", 2025)]   // code and dates disagree: the code names the period measured
    [InlineData("2026-H1", "2026-01-05", 2026)]
    [InlineData("2025", null, 2025)]
    [InlineData("dot-1", "2026-02-01", 2026)]     // no year in the code: the start date's
    [InlineData("20251-H1", "2026-02-01", 2026)]  // five digits do not name a year
    [InlineData("dot-1", null, null)]
    public void YearOf_TakesTheCodesYear_ElseTheStartDatesYear(string code, string? startsOn, int? year) =>
        Assert.Equal(year, Targets.YearOf(code, startsOn is null ? null : DateOnly.Parse(startsOn, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Analyze_WaveWhoseCodeAndDatesDisagree_IsJudgedAgainstTheCodesYear()
    {
        // tiny, recoded as wave 2025-H2 surveyed in 2026: judged against 2025's SIPAS target (> 90%), not 2026's (≥ 95%).
        var lines = File.ReadAllLines(Examples.PathOf("tiny", "responses.csv"));
        var recoded = lines.Take(1).Concat(lines.Skip(1).Select(l => l.Replace(",2025-H1,", ",2025-H2,").Replace(",2025-0", ",2026-0")));
        var responses = Path.Combine(Path.GetTempPath(), $"sipas-cli-test-{Guid.NewGuid():N}-responses.csv");
        File.WriteAllLines(responses, recoded);
        var output = Path.Combine(Path.GetTempPath(), $"sipas-cli-test-{Guid.NewGuid():N}");
        Assert.Contains(",2026-0", File.ReadAllText(responses));

        var exit = AnalyzeCommand.Run(["--questionnaire", Examples.PathOf("tiny", "questionnaire.json"), "--responses", responses,
            "--out", output], new StringWriter(), new StringWriter());

        Assert.Equal(0, exit);
        var verdict = Assert.Single(Examples.ReadCsv(Path.Combine(output, "verdicts.csv")));
        Assert.Equal(("2025-H2", "SIPAS", "2025", ">", "0.9"),
            (verdict["wave"], verdict["indicator"], verdict["year"], verdict["comparator"], verdict["threshold"]));
    }
}
