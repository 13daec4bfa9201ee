using Microsoft.AspNetCore.Http.HttpResults;

namespace Sipas.Api.Setup;

/// <summary>The message catalogue: texts more than one endpoint says, in Vietnamese and English.</summary>
public static class Messages
{
    public const string Required = "Bắt buộc / Required";
    public const string MaxLength = "Tối đa {1} ký tự / At most {1} characters";
    public const string Range = "Phải từ {1} đến {2} / Must be between {1} and {2}";
    public const string NothingStored = "Không có gì được lưu. / Nothing was stored.";
    public const string NothingStoredFix = "Không có gì được lưu; sửa các mục được nêu rồi gửi lại. / Nothing was stored; fix the fields named and send again.";
    public const string UnknownProperty = "Thuộc tính không được hỗ trợ / Unknown property";

    public static string WaveClosed(string wave) =>
        $"Đợt khảo sát {wave} đã kết thúc, không nhận thêm phiếu / Wave {wave} is closed and takes no more responses";
}

/// <summary>The one ProblemDetails factory: every refusal an endpoint writes itself is made here.</summary>
public static class Problems
{
    /// <summary>A refusal with a machine-readable <c>code</c> extension and a bilingual title (and detail).</summary>
    public static ProblemHttpResult Coded(int status, string code, string title, string? detail = null,
        IDictionary<string, object?>? extensions = null)
    {
        var all = new Dictionary<string, object?> { ["code"] = code };
        if (extensions is not null) foreach (var (key, value) in extensions) all[key] = value;
        return TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: all);
    }

    /// <summary>400 with every fault by its field; nothing was stored.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors, string title, string detail = Messages.NothingStored) =>
        TypedResults.ValidationProblem(errors, title: title, detail: detail);

    /// <summary>409: the wave is closed.</summary>
    public static ProblemHttpResult WaveClosed(string wave) => Coded(StatusCodes.Status409Conflict, "wave-closed", Messages.WaveClosed(wave));

    /// <summary>503 with <c>Retry-After</c>: the database did not take it; the client keeps it and sends it again.</summary>
    public static ProblemHttpResult StorageUnavailable(HttpContext http, string title, string detail)
    {
        http.Response.Headers.RetryAfter = DatabaseFaults.RetryAfterSeconds.ToString();
        return Coded(StatusCodes.Status503ServiceUnavailable, "storage-unavailable", title, detail);
    }

    /// <summary>429 with <c>Retry-After</c>.</summary>
    public static ProblemHttpResult TooMany(HttpContext http, string code, int retryAfterSeconds, string title, string? detail = null)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, retryAfterSeconds).ToString();
        return Coded(StatusCodes.Status429TooManyRequests, code, title, detail);
    }

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
