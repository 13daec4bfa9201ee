using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sipas.Analytics;

namespace Sipas.Api.Intake;

/// <summary>Checked answers: scored answers in questionnaire order, other answers by item code, how many were given.</summary>
public sealed record Answers(short?[] Scores, SortedDictionary<string, JsonNode> Others, int Answered)
{
    /// <summary>The other answers as one compact JSON object, keys in ordinal order (stored and hashed as is).</summary>
    public string OthersJson { get; } =
        new JsonObject(Others.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value.DeepClone()))).ToJsonString();

    public JsonDocument? OthersDocument() => Others.Count == 0 ? null : JsonDocument.Parse(OthersJson);

    /// <summary>The scores as text for content hashes: <c>5,4,,3</c>.</summary>
    public string ScoresText => string.Join(',', Scores.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? ""));
}

/// <summary>
/// The one reader of answers for every door (citizens, keyings, decisions, interviews, client systems): an
/// <c>answers</c> object (item code → value) checked against the questionnaire, every fault named by its field
/// (<c>answers.TC1</c>) in Vietnamese and English.
/// </summary>
public static class AnswerReader
{
    public const int MaxTextLength = 2000;

    /// <summary>
    /// Reads an <c>answers</c> object (item code → value) into scored answers in questionnaire order and other
    /// answers by code; every fault is reported to <paramref name="fault"/> as (<c>answers.CODE</c>, vi, en).
    /// Shared by citizens' submissions and surveyors' keyings.
    /// </summary>
    public static Answers Read(
        JsonElement answers, Questionnaire questionnaire, Action<string, string, string> fault)
    {
        var scores = new short?[questionnaire.ScoredItems.Count];
        var others = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var answered = 0;
        foreach (var answer in answers.EnumerateObject())
        {
            var field = $"answers.{answer.Name}";
            if (!questionnaire.ItemsByCode.TryGetValue(answer.Name, out var item))
            {
                fault(field, "Câu hỏi không có trong phiếu", "No such item in the questionnaire");
                continue;
            }
            if (answer.Value.ValueKind == JsonValueKind.Null) continue;
            var index = questionnaire.ScoredIndexOf(item.Code);
            var problem = index >= 0
                ? ReadScore(answer.Value, out scores[index])
                : ReadOther(answer.Value, item, out var node) ?? Keep(others, item.Code, node);
            if (problem is (string vi, string en)) fault(field, vi, en);
            else answered++;
        }
        return new Answers(scores, others, answered);
    }

    private static (string, string)? ReadScore(JsonElement value, out short? score)
    {
        score = null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt16(out var number) && number is >= 0 and <= 5)
        {
            score = number;
            return null;
        }
        return ("Giá trị phải là số nguyên từ 0 (không ý kiến) đến 5", "The value must be a whole number from 0 (no opinion) to 5");
    }

    private static (string, string)? ReadOther(JsonElement value, QuestionItem item, out JsonNode? node)
    {
        node = null;
        switch (item.Scale)
        {
            case ItemScale.Single when value.ValueKind == JsonValueKind.String && item.Options.Any(o => o.Value == value.GetString()):
                node = JsonValue.Create(value.GetString());
                return null;
            case ItemScale.Single:
                return ("Phải là một trong các phương án của câu hỏi", "Must be one of the item's options");
            case ItemScale.Multi:
                var values = value.ValueKind == JsonValueKind.Array
                    ? value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : null).ToList() : null;
                if (values is null || values.Count > item.Options.Count || values.Distinct().Count() != values.Count
                    || values.Any(v => v is null || item.Options.All(o => o.Value != v)))
                    return ("Phải là danh sách các phương án khác nhau của câu hỏi", "Must be a list of distinct options of the item");
                node = new JsonArray(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
                return null;
            case ItemScale.Text:
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Normalize(NormalizationForm.FormC).Trim() : null;
                if (text is null || text.Length > MaxTextLength || text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
                    return ($"Phải là văn bản tối đa {MaxTextLength} ký tự, không có ký tự điều khiển",
                        $"Must be text of at most {MaxTextLength} characters without control characters");
                node = JsonValue.Create(text);
                return null;
            default:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
                    && Math.Abs(number) <= 1e9)
                {
                    node = JsonValue.Create(number);
                    return null;
                }
                return ("Phải là một số", "Must be a number");
        }
    }

    private static (string, string)? Keep(SortedDictionary<string, JsonNode> others, string code, JsonNode? node)
    {
        others[code] = node!;
        return null;
    }

    public static bool Has(short?[] scores, SortedDictionary<string, JsonNode> others, Questionnaire q, QuestionItem item) =>
        q.ScoredIndexOf(item.Code) is var index and >= 0 ? scores[index] is not null : others.ContainsKey(item.Code);

    /// <summary>Every required item answered; a fault (<c>answers.CODE</c>) for each missing one not already at fault.</summary>
    public static void CheckRequired(Answers answers, Questionnaire questionnaire, Action<string, string, string> fault,
        Func<string, bool> hasFault)
    {
        foreach (var item in questionnaire.ItemsByCode.Values.Where(i => i.Required))
            if (!hasFault($"answers.{item.Code}") && !Has(answers.Scores, answers.Others, questionnaire, item))
                fault($"answers.{item.Code}", "Câu hỏi bắt buộc", "This item is required");
    }

    /// <summary>At least one rating: a form without any scored answer tells nothing.</summary>
    public static void CheckRated(Answers answers, Action<string, string, string> fault)
    {
        if (answers.Scores.All(s => s is null))
            fault("answers", "Chưa có câu trả lời nào cho các tiêu chí đánh giá", "No rating has been given");
    }
}
