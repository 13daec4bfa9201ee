namespace Sipas.Api.Setup;

/// <summary>Bilingual messages for declarative validation attributes on request records.</summary>
public static class Messages
{
    public const string Required = "Bắt buộc / Required";
    public const string MaxLength = "Tối đa {1} ký tự / At most {1} characters";
    public const string Range = "Phải từ {1} đến {2} / Must be between {1} and {2}";
}

public static class Problems
{
    /// <summary>
    /// ProblemDetails everywhere; validation error keys are the request's JSON names (camelCase), so the web app
    /// can put each message next to its field, whichever validator produced it.
    /// </summary>
    public static IServiceCollection AddSipasProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            if (context.ProblemDetails is not HttpValidationProblemDetails validation) return;
            // The framework's own title (declarative validation, binding) in both languages, like every other message.
            if (validation.Title is null or DefaultValidationTitle) validation.Title = ValidationTitle;
            // Two keys may meet under one JSON name (an unknown "Answers" and a missing "answers"): their messages join.
            var renamed = new Dictionary<string, string[]>();
            foreach (var (key, value) in validation.Errors)
                renamed[JsonName(key)] = renamed.TryGetValue(JsonName(key), out var earlier) ? [.. earlier, .. value] : value;
            validation.Errors.Clear();
            foreach (var (key, value) in renamed) validation.Errors[key] = value;
        });

    private const string DefaultValidationTitle = "One or more validation errors occurred.";
    public const string ValidationTitle = "Dữ liệu gửi lên không hợp lệ / " + DefaultValidationTitle;

    private static string JsonName(string key) => string.Join('.', key.Split('.')
        .Select(part => part.Length > 0 && char.IsUpper(part[0]) && !part.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_')
            ? char.ToLowerInvariant(part[0]) + part[1..] : part));
}
