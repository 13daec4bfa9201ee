using Sipas.Cli;

namespace Sipas.Analytics.Tests;

public class AnalyzeCommandTests
{
    private static (int Exit, string Error) Run(params string[] args)
    {
        var error = new StringWriter();
        var exit = AnalyzeCommand.Run(args, new StringWriter(), error);
        return (exit, error.ToString());
    }

    private static string Temp(string name, string text)
    {
        var path = Path.Combine(Path.GetTempPath(), $"sipas-cli-test-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Analyze_MissingOut_IsAUsageError() =>
        Assert.Equal(2, Run("--questionnaire", Examples.PathOf("tiny", "questionnaire.json"),
            "--responses", Examples.PathOf("tiny", "responses.csv")).Exit);

    [Fact]
    public void Analyze_UnknownOption_IsAUsageError() => Assert.Equal(2, Run("--colour", "red").Exit);

    [Fact]
    public void Analyze_MissingFile_IsAUsageError() =>
        Assert.Equal(2, Run("--questionnaire", "/nonexistent/q.json", "--responses", "/nonexistent/r.csv", "--out", "/tmp/x").Exit);

    [Fact]
    public void Analyze_BadRows_IsADataErrorListingEachLineInBothLanguages()
    {
        var lines = File.ReadAllLines(Examples.PathOf("tiny", "responses.csv"));
        lines[1] = lines[1].Replace(",4,5,4,5,", ",6,5,4,5,");
        lines[3] = lines[3].Replace("sipas-dvhcc@2025.1", "sipas-dvhcc@2024.1");
        var responses = Temp("responses.csv", string.Join("\n", lines) + "\n");

        var (exit, error) = Run("--questionnaire", Examples.PathOf("tiny", "questionnaire.json"), "--responses", responses,
            "--out", Path.GetTempPath());

        Assert.Equal(1, exit);
        Assert.Contains("line 2: Câu TC1", error);
        Assert.Contains("Item TC1: value '6'", error);
        Assert.Contains("line 4:", error);
    }

    [Fact]
    public void Analyze_FrameWithoutAStratum_IsADataError()
    {
        var frame = Temp("frame.csv", "wave,stratum,population\n2025-H1,so-xay-dung/construction,4200\n");

        var (exit, error) = Run("--questionnaire", Examples.PathOf("tiny", "questionnaire.json"),
            "--responses", Examples.PathOf("tiny", "responses.csv"), "--frame", frame, "--out", Path.GetTempPath());

        Assert.Equal(1, exit);
        Assert.Contains("ubnd-16690/land", error);
    }

    [Fact]
    public void Analyze_FrameWithPopulationZero_ForAStratumWithoutResponses_IsIgnored()
    {
        var rows = File.ReadAllLines(Examples.PathOf("sipas-stratified", "frame.csv")).Append("2025-H1,ubnd-99999/land,0");
        var frame = Temp("frame.csv", string.Join("\n", rows) + "\n");
        var output = Path.Combine(Path.GetTempPath(), $"sipas-cli-test-{Guid.NewGuid():N}");

        var (exit, error) = Run("--questionnaire", Examples.PathOf("sipas-stratified", "questionnaire.json"),
            "--responses", Examples.PathOf("sipas-stratified", "responses.csv"), "--frame", frame, "--out", output);

        Assert.True(exit == 0, error);
        Assert.Empty(Examples.Differences(Examples.ReadCsv(Examples.PathOf("sipas-stratified", "expected-results.csv")),
            Examples.ReadCsv(Path.Combine(output, "results.csv")), "group_type", "group_code", "section", "item"));
    }

    [Fact]
    public void Analyze_FrameWithPopulationZero_ForAStratumWithValidResponses_NamesTheFileLineAndReason()
    {
        var frame = Temp("frame.csv", "wave,stratum,population\n2025-H1,so-xay-dung/construction,0\n2025-H1,ubnd-16690/land,900\n");

        var (exit, error) = Run("--questionnaire", Examples.PathOf("tiny", "questionnaire.json"),
            "--responses", Examples.PathOf("tiny", "responses.csv"), "--frame", frame, "--out", Path.GetTempPath());

        Assert.Equal(1, exit);
        Assert.Contains($"{frame}: 1 lỗi / faults", error);
        Assert.Contains("line 2: Tầng so-xay-dung/construction có 22 phiếu hợp lệ nhưng khung mẫu ghi N = 0", error);
        Assert.Contains("the frame says N = 0 (nobody served)", error);
    }

    [Fact]
    public void Analyze_WaveWithoutResponses_IsADataError() =>
        Assert.Equal(1, Run("--questionnaire", Examples.PathOf("tiny", "questionnaire.json"),
            "--responses", Examples.PathOf("tiny", "responses.csv"), "--wave", "2030-H1", "--out", Path.GetTempPath()).Exit);

    [Fact]
    public void Analyze_TargetsFile_ReplacesTheSeededTargets()
    {
        var targets = Temp("targets.csv", "indicator,year,comparator,threshold\nSIPAS,2025,≥,0.95\n");
        var output = Path.Combine(Path.GetTempPath(), $"sipas-cli-test-{Guid.NewGuid():N}");

        var (exit, error) = Run("--questionnaire", Examples.PathOf("tiny", "questionnaire.json"),
            "--responses", Examples.PathOf("tiny", "responses.csv"), "--targets", targets, "--wave", "2025-H1", "--out", output);

        Assert.True(exit == 0, error);
        var verdict = Assert.Single(Examples.ReadCsv(Path.Combine(output, "verdicts.csv")));
        // tiny: 0.939966… [0.899661, 0.964716] against ≥ 0.95 → not met, within margin.
        Assert.Equal(("≥", "0.95", "not met", "within margin", "94,00%"),
            (verdict["comparator"], verdict["threshold"], verdict["verdict"], verdict["qualifier"], verdict["display"]));
        Directory.Delete(output, true);
    }

    [Fact]
    public void BenchAnalyze_SmallRun_EndsWithTheSummaryLine()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"sipas-bench-test-{Guid.NewGuid():N}");
        var output = new StringWriter();

        var exit = BenchAnalyzeCommand.Run(["--responses", "3000", "--dir", directory], output, new StringWriter());

        Assert.Equal(0, exit);
        var last = output.ToString().TrimEnd().Split('\n')[^1];
        Assert.Matches(@"^analyze: 3000 responses in \d+\.\d\d s \(estimation \d+\.\d\d s\), peak \d+ MB$", last);
        Directory.Delete(directory, true);
    }
}
