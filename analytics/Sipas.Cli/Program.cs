using Sipas.Cli;

// sipas-cli analyze … | sipas-cli bench analyze …: usage errors exit 2, data errors exit 1.
try
{
    return args switch
    {
        ["analyze", .. var rest] => AnalyzeCommand.Run(rest, Console.Out, Console.Error),
        ["bench", "analyze", .. var rest] => BenchAnalyzeCommand.Run(rest, Console.Out, Console.Error),
        _ => Usage.Fail(Console.Error, args.Length == 0
            ? "Thiếu lệnh / Missing command"
            : $"Lệnh không rõ / Unknown command: {string.Join(' ', args)}"),
    };
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Lỗi đọc/ghi tệp / File error: {e.Message}");
    return Usage.DataError;
}
