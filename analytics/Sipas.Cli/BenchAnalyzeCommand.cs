using System.Diagnostics;
using System.Globalization;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;

namespace Sipas.Cli;

/// <summary>
/// <c>sipas-cli bench analyze [--responses N] [--dir DIR]</c>: generates (once, seeded) N SIPAS responses in 40
/// strata with a frame, then times parsing plus estimation for the province, each agency and each area (every
/// section and item). The last line is <c>analyze: N responses in T s (estimation E s), peak M MB</c>.
/// </summary>
public static class BenchAnalyzeCommand
{
    /// <summary>Runs the benchmark; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var options = Usage.Options(args, ["--responses", "--dir"], out var message);
        if (options is null) return Usage.Fail(error, message);
        var n = 1_000_000;
        if (options.TryGetValue("--responses", out var text) &&
            (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 1))
            return Usage.Fail(error, $"--responses phải là số nguyên dương / must be a positive whole number: {text}");
        var directory = options.GetValueOrDefault("--dir") ?? Path.Combine(Path.GetTempPath(), $"sipas-bench-analyze-v2-{n}");

        var generate = Stopwatch.StartNew();
        var generated = BenchData.Ensure(directory, n);
        output.WriteLine(generated
            ? $"generated {n} responses in {directory} ({generate.Elapsed.TotalSeconds:0.00} s)"
            : $"using {directory}");

        var total = Stopwatch.StartNew();
        var questionnaire = QuestionnaireJson.Parse(File.ReadAllBytes(Path.Combine(directory, "questionnaire.json"))).Questionnaire!;
        PopulationFrame frame;
        using (var stream = File.OpenRead(Path.Combine(directory, "frame.csv")))
            frame = FrameCsv.Read(stream).Frame!;
        var inputs = total.Elapsed.TotalSeconds;
        ResponsesReadResult responses;
        using (var stream = File.OpenRead(Path.Combine(directory, "responses.csv")))
            responses = ResponsesCsv.Read(stream, questionnaire);
        if (!responses.Ok)
        {
            error.WriteLine($"bench data has {responses.FaultCount} faults, first: {responses.Faults[0]}");
            return Usage.DataError;
        }
        var parse = total.Elapsed.TotalSeconds;
        output.WriteLine($"parse: {responses.Rows} rows in {parse:0.000} s (questionnaire and frame {inputs:0.000} s)");

        var estimate = Stopwatch.StartNew();
        var estimation = Estimator.Compute(responses.Samples[0], frame);
        var estimationSeconds = estimate.Elapsed.TotalSeconds;
        total.Stop();
        if (!estimation.Ok)
        {
            error.WriteLine($"bench design fault: {estimation.Faults[0]}");
            return Usage.DataError;
        }
        var province = estimation.Results[0];
        output.WriteLine($"estimation: {estimation.Results.Count} estimates ({estimation.Counts.Count} groups) in {estimationSeconds:0.000} s");
        output.WriteLine($"province overall {province.Estimate:0.000000} [{province.Ci.Lower:0.000000}, {province.Ci.Upper:0.000000}], n_eff {province.NEff:0.0}");
        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"analyze: {responses.Rows} responses in {total.Elapsed.TotalSeconds:0.00} s (estimation {estimationSeconds:0.00} s), peak {peak:0} MB"));
        return Usage.Ok;
    }
}
