using System.Diagnostics;
using System.Text.Json;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;

namespace Sipas.Api.Tests.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c> of the running test server passes Redocly CLI's <c>recommended</c> rules with no error
/// (tests/openapi: <c>npm ci</c> there, which <c>./sipas test</c> does). A missing linter fails the test: it never
/// passes by not running.
/// </summary>
public class OpenApiLintTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Document_PassesRedoclyRecommended_WithNoError()
    {
        // Kept under artifacts/openapi (ignored by git) to be read when the lint fails.
        var file = Path.Combine(RepositoryData.RepositoryRoot, "artifacts", "openapi", "v1.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, await App.NewClient().GetStringAsync("/openapi/v1.json", Ct), Ct);

        var (exit, report) = await Redocly.LintAsync(file, Ct);

        var totals = report.RootElement.GetProperty("totals");
        var errors = report.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "error")
            .Select(p => $"{p.GetProperty("ruleId").GetString()}: {p.GetProperty("message").GetString()} at " +
                string.Join(", ", p.GetProperty("location").EnumerateArray().Select(l => l.GetProperty("pointer").GetString())))
            .ToList();
        Assert.True(totals.GetProperty("errors").GetInt32() == 0 && exit == 0,
            $"redocly lint {file}: {totals.GetProperty("errors").GetInt32()} error(s), exit {exit}\n" + string.Join('\n', errors));

        // The warnings left are the ones docs/integration.md explains, and no other: no licence is stated (the project has
        // none yet), and anonymous GETs that take no input have no 4xx answer to document.
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file, Ct));
        var unexplained = report.RootElement.GetProperty("problems").EnumerateArray()
            .Where(p => p.GetProperty("severity").GetString() == "warn")
            .Select(p => (Rule: p.GetProperty("ruleId").GetString()!, Pointer: p.GetProperty("location")[0].GetProperty("pointer").GetString()!))
            .Where(w => !(w.Rule == "info-license" && !document.RootElement.GetProperty("info").TryGetProperty("license", out _))
                && !(w.Rule == "operation-4xx-response" && IsAnonymousGetWithoutInput(document, w.Pointer)))
            .Select(w => $"{w.Rule} at {w.Pointer}").ToList();
        Assert.True(unexplained.Count == 0, "warnings not explained in docs/integration.md:\n" + string.Join('\n', unexplained));
    }

    private static bool IsAnonymousGetWithoutInput(JsonDocument document, string pointer)
    {
        // #/paths/~1api~1reference~1areas/get/responses
        var parts = pointer.TrimStart('#', '/').Split('/');
        if (parts is not ["paths", var path, "get", "responses"]) return false;
        var operation = document.RootElement.GetProperty("paths").GetProperty(path.Replace("~1", "/").Replace("~0", "~")).GetProperty("get");
        return !operation.TryGetProperty("parameters", out _)
            && operation.GetProperty("security") is { ValueKind: JsonValueKind.Array } security
            && security.EnumerateArray().All(r => !r.EnumerateObject().Any());
    }
}

/// <summary>Redocly CLI from tests/openapi/node_modules, offline (no telemetry, no update check).</summary>
public static class Redocly
{
    public static string Folder => Path.Combine(RepositoryData.RepositoryRoot, "tests", "openapi");

    public static async Task<(int Exit, JsonDocument Report)> LintAsync(string document, CancellationToken ct)
    {
        var cli = Path.Combine(Folder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"Redocly CLI is not installed: run `npm ci` in {Folder} (./sipas test does)");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var arg in new[] { cli, "lint", document, "--config", Path.Combine(Folder, "redocly.yaml"), "--format", "json", "--max-problems", "10000" })
            info.ArgumentList.Add(arg);
        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var json = await output;
        var start = json.IndexOf('{');
        Assert.True(start >= 0, $"redocly lint printed no report (exit {process.ExitCode}):\n{json}\n{await errors}");
        return (process.ExitCode, JsonDocument.Parse(json[start..]));
    }
}
