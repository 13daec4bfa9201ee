namespace Sipas.Cli;

/// <summary>Usage text and the exit codes of the command line.</summary>
public static class Usage
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>The data was read but is wrong (faults listed on stderr).</summary>
    public const int DataError = 1;
    /// <summary>The command line is wrong.</summary>
    public const int UsageError = 2;

    /// <summary>The usage text.</summary>
    public const string Text = """
        Cách dùng / Usage:
          sipas-cli analyze --questionnaire q.json --responses r.csv [--frame f.csv] [--wave CODE]
                            [--targets targets.csv] [--province CODE] --out DIR
          sipas-cli bench analyze [--responses N] [--dir DIR]
        """;

    /// <summary>Prints <paramref name="message"/> and the usage text; returns <see cref="UsageError"/>.</summary>
    public static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine(Text);
        return UsageError;
    }

    /// <summary>Parses <c>--name value</c> pairs; null with a message on an unknown, repeated or valueless option.</summary>
    public static Dictionary<string, string>? Options(string[] args, IReadOnlyCollection<string> known, out string message)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        message = "";
        for (var i = 0; i < args.Length; i += 2)
        {
            var name = args[i];
            if (!known.Contains(name)) { message = $"Tùy chọn không rõ / Unknown option: {name}"; return null; }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            { message = $"Thiếu giá trị cho / Missing value for {name}"; return null; }
            if (!options.TryAdd(name, args[i + 1])) { message = $"Tùy chọn lặp lại / Repeated option: {name}"; return null; }
        }
        return options;
    }
}
