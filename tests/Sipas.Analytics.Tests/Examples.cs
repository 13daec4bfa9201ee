using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Sipas.Analytics.Interchange;
using Sipas.Cli;

namespace Sipas.Analytics.Tests;

/// <summary>The spec's example datasets, the repository's copy (repoRoot/tests/data/spec/examples), read directly from disk.</summary>
public static class Examples
{
    /// <summary>The four examples computed with R, then the edges (expected files by tools/reference.py, tests/data/README.md).</summary>
    public static readonly string[] Names = ["tiny", "sipas-srs", "sipas-stratified", "health-pooled", "unanimous", "edges"];

    public static string Root { get; } = FindRoot();

    // Walk up from the test binaries to the folder holding Sipas.sln; builds with --artifacts-path put the
    // binaries outside the repository, so the source file's own location is the fallback.
    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        var starts = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "", Environment.CurrentDirectory };
        var directory = starts.Select(RepositoryAbove).FirstOrDefault(d => d is not null)
            ?? throw new InvalidOperationException(
                $"No Sipas.sln above {string.Join(" or ", starts)}: cannot find the spec examples.");
        var examples = Path.GetFullPath(Path.Combine(directory.FullName, "tests", "data", "spec", "examples"));
        if (!Directory.Exists(examples))
            throw new InvalidOperationException($"The spec examples are missing: {examples} does not exist.");
        return examples;
    }

    private static DirectoryInfo? RepositoryAbove(string start)
    {
        var directory = start.Length == 0 ? null : new DirectoryInfo(start);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Sipas.sln")))
            directory = directory.Parent;
        return directory;
    }

    public static string PathOf(string name, string file) => Path.Combine(Root, name, file);

    public static Questionnaire Questionnaire(string name) =>
        QuestionnaireJson.Parse(File.ReadAllBytes(PathOf(name, "questionnaire.json"))).Questionnaire
        ?? throw new InvalidOperationException($"Example {name}: unreadable questionnaire");

    public static PopulationFrame? Frame(string name)
    {
        var path = PathOf(name, "frame.csv");
        if (!File.Exists(path)) return null;
        using var stream = File.OpenRead(path);
        return FrameCsv.Read(stream).Frame ?? throw new InvalidOperationException($"Example {name}: bad frame");
    }

    public static Sample Sample(string name)
    {
        using var stream = File.OpenRead(PathOf(name, "responses.csv"));
        var read = ResponsesCsv.Read(stream, Questionnaire(name));
        Assert.True(read.Ok, string.Join("\n", read.Faults));
        return Assert.Single(read.Samples);
    }

    /// <summary>
    /// Runs <c>./sipas analyze</c> on example <paramref name="name"/> (with its frame when it has one) into a new
    /// temporary folder and returns the folder; the caller deletes it. Fails the test when the command fails.
    /// </summary>
    public static string Analyze(string name)
    {
        var output = Path.Combine(Path.GetTempPath(), $"sipas-analytics-tests-{name}-{Guid.NewGuid():N}");
        var args = new List<string>
        {
            "--questionnaire", PathOf(name, "questionnaire.json"), "--responses", PathOf(name, "responses.csv"),
            "--out", output,
        };
        if (File.Exists(PathOf(name, "frame.csv"))) args.AddRange(["--frame", PathOf(name, "frame.csv")]);
        var error = new StringWriter();

        var exit = AnalyzeCommand.Run(args.ToArray(), new StringWriter(), error);

        Assert.True(exit == 0, error.ToString());
        return output;
    }

    /// <summary>A CSV file as header-keyed rows (a tiny RFC 4180 reader, independent of the product's).</summary>
    public static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var text = File.ReadAllText(path, Encoding.UTF8).TrimStart('\uFEFF');
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        var header = records[0];
        return records.Skip(1).Select(r => header.Select((h, j) => (h, r[j])).ToDictionary(x => x.h, x => x.Item2)).ToList();
    }

    /// <summary>
    /// Compares two CSV tables row for row by key columns: no missing or extra rows; numbers to a relative error
    /// of 1e-9 (absolute 1e-12 near zero); other text exactly. Returns the differences.
    /// </summary>
    public static List<string> Differences(List<Dictionary<string, string>> expected,
        List<Dictionary<string, string>> actual, params string[] keys)
    {
        string Key(Dictionary<string, string> row) => string.Join(",", keys.Select(k => row[k]));
        var differences = new List<string>();
        var actualByKey = new Dictionary<string, Dictionary<string, string>>();
        foreach (var row in actual)
            if (!actualByKey.TryAdd(Key(row), row)) differences.Add($"duplicate row {Key(row)}");
        var expectedKeys = new HashSet<string>();
        foreach (var row in expected)
        {
            var key = Key(row);
            expectedKeys.Add(key);
            if (!actualByKey.TryGetValue(key, out var other)) { differences.Add($"missing row {key}"); continue; }
            foreach (var (column, value) in row)
            {
                if (!other.TryGetValue(column, out var got)) { differences.Add($"{key}: no column {column}"); continue; }
                if (!Same(value, got)) differences.Add($"{key}: {column} expected {value}, got {got}");
            }
        }
        differences.AddRange(actualByKey.Keys.Where(k => !expectedKeys.Contains(k)).Select(k => $"extra row {k}"));
        return differences;
    }

    public static bool Same(string expected, string actual)
    {
        if (expected == actual) return true;
        if (!double.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ||
            !double.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)) return false;
        return Close(x, y);
    }

    public static bool Close(double x, double y, double relative = 1e-9, double absolute = 1e-12) =>
        (double.IsNaN(x) && double.IsNaN(y)) || Math.Abs(x - y) <= absolute || Math.Abs(x - y) <= relative * Math.Abs(x);
}
