using Sipas.Analytics;
using Sipas.Analytics.Interchange;

namespace Sipas.Cli;

/// <summary>
/// <c>sipas-cli analyze</c>: reads interchange files, estimates every wave in the responses (or the one named
/// by <c>--wave</c>) and writes results.csv, reliability.csv, verdicts.csv, counts.csv and rankings.csv into
/// <c>--out</c>.
/// </summary>
public static class AnalyzeCommand
{
    private static readonly string[] Known =
        ["--questionnaire", "--responses", "--frame", "--wave", "--targets", "--province", "--out"];

    /// <summary>Runs the command; returns the exit code (0, 1 data error, 2 usage error).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = Usage.Options(args, Known, out var message);
        if (options is null) return Usage.Fail(error, message);
        foreach (var required in new[] { "--questionnaire", "--responses", "--out" })
            if (!options.ContainsKey(required))
                return Usage.Fail(error, $"Thiếu / Missing {required}");
        foreach (var file in new[] { "--questionnaire", "--responses", "--frame", "--targets" })
            if (options.TryGetValue(file, out var path) && !File.Exists(path))
                return Usage.Fail(error, $"Không thấy tệp / File not found: {path}");

        var parsed = QuestionnaireJson.Parse(File.ReadAllBytes(options["--questionnaire"]));
        if (parsed.Questionnaire is not { } questionnaire)
            return Faults(error, options["--questionnaire"], parsed.Faults, parsed.Faults.Count);

        PopulationFrame? frame = null;
        if (options.TryGetValue("--frame", out var framePath))
        {
            using var stream = File.OpenRead(framePath);
            var (read, faults) = FrameCsv.Read(stream);
            if (read is null) return Faults(error, framePath, faults, faults.Count);
            frame = read;
        }

        IReadOnlyList<Target> targets = Targets.Seeded;
        if (options.TryGetValue("--targets", out var targetsPath))
        {
            using var stream = File.OpenRead(targetsPath);
            var (read, faults) = TargetsCsv.Read(stream);
            if (read is null) return Faults(error, targetsPath, faults, faults.Count);
            targets = read;
        }

        options.TryGetValue("--wave", out var wave);
        ResponsesReadResult responses;
        using (var stream = File.OpenRead(options["--responses"]))
            responses = ResponsesCsv.Read(stream, questionnaire, wave);
        if (!responses.Ok) return Faults(error, options["--responses"], responses.Faults, responses.FaultCount);
        if (responses.Samples.Count == 0)
        {
            error.WriteLine(wave is null
                ? "Không có phiếu nào / No responses in the file"
                : $"Không có phiếu nào của đợt {wave} / No responses of wave {wave}");
            return Usage.DataError;
        }

        var spec = AnalysisSpec.Default with { ProvinceCode = options.GetValueOrDefault("--province", "40") };
        var outcome = Analyze(responses.Samples, frame, targets, spec, error, framePath ?? "frame");
        if (outcome is null) return Usage.DataError;

        var directory = options["--out"];
        Directory.CreateDirectory(directory);
        Write(directory, "results.csv", s => ResultsCsv.Write(s, outcome.Value.Results));
        Write(directory, "reliability.csv", s => SummaryCsv.WriteReliability(s, outcome.Value.Reliability));
        Write(directory, "verdicts.csv", s => SummaryCsv.WriteVerdicts(s, outcome.Value.Verdicts));
        Write(directory, "counts.csv", s => SummaryCsv.WriteCounts(s, outcome.Value.Counts));
        Write(directory, "rankings.csv", s => RankingsCsv.Write(s, Rankings.Of(outcome.Value.Results)));
        output.WriteLine($"analyze: {responses.Rows} phiếu / responses, {outcome.Value.Results.Count} ước lượng / estimates → {directory}");
        return Usage.Ok;
    }

    /// <summary>Everything written for the waves analysed.</summary>
    public readonly record struct Outcome(List<ResultRow> Results, List<ReliabilityRow> Reliability,
        List<CountRow> Counts, List<VerdictRow> Verdicts);

    /// <summary>
    /// Estimates each sample; null when a design cannot be built, the frame's faults printed under
    /// <paramref name="frameName"/> (its file), each with the line of the row at fault.
    /// </summary>
    public static Outcome? Analyze(IReadOnlyList<Sample> samples, PopulationFrame? frame, IReadOnlyList<Target> targets,
        AnalysisSpec spec, TextWriter error, string frameName = "frame")
    {
        var outcome = new Outcome([], [], [], []);
        foreach (var sample in samples)
        {
            var estimation = Estimator.Compute(sample, frame, spec);
            if (!estimation.Ok)
            {
                Faults(error, frameName, estimation.Faults, estimation.Faults.Count);
                return null;
            }
            outcome.Results.AddRange(estimation.Results);
            outcome.Reliability.AddRange(estimation.Reliability);
            outcome.Counts.AddRange(estimation.Counts);
            if (Targets.YearOf(sample.Wave) is { } year)   // the files carry no wave dates: the year the code names
                outcome.Verdicts.AddRange(Targets.Verdicts(estimation.Results, targets, year));
            else
                error.WriteLine($"Mã đợt {sample.Wave} không bắt đầu bằng năm: không đối chiếu chỉ tiêu / " +
                                $"Wave code {sample.Wave} does not start with a year: no verdicts");
        }
        return outcome;
    }

    private static void Write(string directory, string name, Action<Stream> write)
    {
        using var stream = File.Create(Path.Combine(directory, name));
        write(stream);
    }

    private static int Faults(TextWriter error, string file, IReadOnlyList<InputFault> faults, int total)
    {
        error.WriteLine($"{file}: {total} lỗi / faults");
        foreach (var fault in faults) error.WriteLine($"  {fault}");
        if (total > faults.Count)
            error.WriteLine($"  … và {total - faults.Count} lỗi khác / and {total - faults.Count} more");
        return Usage.DataError;
    }
}
