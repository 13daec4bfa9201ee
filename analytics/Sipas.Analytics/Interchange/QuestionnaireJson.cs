using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sipas.Analytics.Interchange;

/// <summary>A fault in an input file: where (a JSON path such as <c>$.sections[1].items[0].code</c>, or a CSV
/// line) and why, in Vietnamese and English.</summary>
public sealed record InputFault(string Where, string Vi, string En)
{
    /// <inheritdoc />
    public override string ToString() => $"{Where}: {Vi} / {En}";
}

/// <summary>The outcome of reading a questionnaire: the questionnaire, or every fault found (never both).</summary>
public sealed record QuestionnaireParseResult(Questionnaire? Questionnaire, IReadOnlyList<InputFault> Faults)
{
    /// <summary>True when the file was read without fault.</summary>
    public bool Ok => Questionnaire is not null;
}

/// <summary>
/// Reads and writes the questionnaire definition JSON of interchange.md. Reading reports every fault at once,
/// each with its JSON path; texts are normalised to NFC.
/// </summary>
public static partial class QuestionnaireJson
{
    /// <summary>The families an indicator can be computed for.</summary>
    public static readonly IReadOnlyList<string> Families = ["SIPAS", "TTHC", "HEALTH", "EDUCATION"];

    /// <summary>Columns of the responses CSV that precede the item columns; no item may take their names.</summary>
    public static readonly IReadOnlyList<string> FixedColumns =
        ["response_id", "questionnaire", "wave", "channel", "area", "agency", "unit", "stratum", "submitted_at"];

    private static readonly Dictionary<string, ItemScale> Scales = new(StringComparer.Ordinal)
    {
        ["likert5"] = ItemScale.Likert5, ["single"] = ItemScale.Single, ["multi"] = ItemScale.Multi,
        ["text"] = ItemScale.Text, ["number"] = ItemScale.Number,
    };

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,39}$")]
    private static partial Regex ItemCodePattern();

    /// <summary>Reads a questionnaire from UTF-8 JSON bytes (a BOM is accepted).</summary>
    public static QuestionnaireParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith("\uFEFF"u8)) utf8 = utf8[3..];
        try
        {
            using var document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            return new Reader().Read(document.RootElement);
        }
        catch (JsonException e)
        {
            return Malformed(e);
        }
    }

    /// <summary>Reads a questionnaire from JSON text.</summary>
    public static QuestionnaireParseResult Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static QuestionnaireParseResult Malformed(JsonException e) =>
        new(null, [new InputFault(
            e.Path is { Length: > 0 } path ? path : $"$ (line {(e.LineNumber ?? 0) + 1})",
            $"JSON không hợp lệ: {e.Message}", $"Malformed JSON: {e.Message}")]);

    /// <summary>Writes the questionnaire as indented UTF-8 JSON in the interchange layout (no BOM).</summary>
    public static byte[] ToUtf8(Questionnaire q)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions
               {
                   Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
               }))
        {
            w.WriteStartObject();
            w.WriteString("code", q.Code);
            w.WriteString("version", q.Version);
            w.WriteString("family", q.Family);
            w.WriteString("aggregation", q.Aggregation == Aggregation.Pooled ? "pooled" : "mean-of-items");
            WriteText(w, "title", q.Title);
            w.WriteStartArray("sections");
            foreach (var section in q.Sections)
            {
                w.WriteStartObject();
                w.WriteString("code", section.Code);
                WriteText(w, "title", section.Title);
                w.WriteBoolean("scored", section.Scored);
                w.WriteStartArray("items");
                foreach (var item in section.Items) WriteItem(w, item);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteItem(Utf8JsonWriter w, QuestionItem item)
    {
        w.WriteStartObject();
        w.WriteString("code", item.Code);
        w.WriteString("scale", Scales.First(s => s.Value == item.Scale).Key);
        WriteText(w, "text", item.Text);
        if (item.Required) w.WriteBoolean("required", true);
        if (item.Options.Count > 0)
        {
            w.WriteStartArray("options");
            foreach (var option in item.Options)
            {
                w.WriteStartObject();
                w.WriteString("value", option.Value);
                WriteText(w, "label", option.Label);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteText(Utf8JsonWriter w, string name, LocalizedText text)
    {
        w.WriteStartObject(name);
        w.WriteString("vi", text.Vi);
        if (text.En is not null) w.WriteString("en", text.En);
        w.WriteEndObject();
    }

    /// <summary>Walks the document once, collecting every fault with its path.</summary>
    private sealed class Reader
    {
        private readonly List<InputFault> faults = [];
        private readonly HashSet<string> itemCodes = new(StringComparer.OrdinalIgnoreCase);

        public QuestionnaireParseResult Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                Fault("$", "phải là một đối tượng JSON", "must be a JSON object");
                return new(null, faults);
            }
            Known(root, "$", "code", "version", "family", "aggregation", "title", "sections");

            var code = String(root, "$", "code", required: true);
            if (code is not null && !KebabCase().IsMatch(code))
                Fault("$.code", "chỉ gồm chữ thường, chữ số và dấu gạch nối (ví dụ sipas-dvhcc)",
                    "must be kebab-case: lower-case letters, digits and hyphens (e.g. sipas-dvhcc)");
            var version = String(root, "$", "version", required: true);
            if (version is not null && !VersionPattern().IsMatch(version))
                Fault("$.version", "chỉ gồm chữ, chữ số, dấu chấm, gạch nối (tối đa 32 ký tự)",
                    "must be letters, digits, dots or hyphens (at most 32 characters)");
            var family = String(root, "$", "family", required: true);
            if (family is not null && !Families.Contains(family))
                Fault("$.family", $"phải là một trong {string.Join(", ", Families)}",
                    $"must be one of {string.Join(", ", Families)}");
            var aggregation = Aggregation.MeanOfItems;
            switch (String(root, "$", "aggregation", required: false))
            {
                case null or "mean-of-items": break;
                case "pooled": aggregation = Aggregation.Pooled; break;
                default:
                    Fault("$.aggregation", "phải là \"mean-of-items\" hoặc \"pooled\"",
                        "must be \"mean-of-items\" or \"pooled\"");
                    break;
            }
            var title = Text(root, "$", "title");
            var sections = Sections(root);

            if (faults.Count > 0) return new(null, faults);
            var questionnaire = new Questionnaire(code!, version!, family!, aggregation, title!, sections);
            if (questionnaire.ScoredItems.Count == 0)
            {
                Fault("$.sections", "cần ít nhất một mục chấm điểm (likert5) trong một phần có \"scored\": true",
                    "needs at least one likert5 item in a section with \"scored\": true");
                return new(null, faults);
            }
            return new(questionnaire, []);
        }

        private List<QuestionSection> Sections(JsonElement root)
        {
            var result = new List<QuestionSection>();
            if (!root.TryGetProperty("sections", out var array))
            {
                Fault("$.sections", "bắt buộc", "is required");
                return result;
            }
            if (array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                Fault("$.sections", "phải là một mảng có ít nhất một phần", "must be a non-empty array");
                return result;
            }
            var sectionCodes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var path = $"$.sections[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Fault(path, "phải là một đối tượng", "must be an object");
                    continue;
                }
                Known(element, path, "code", "title", "scored", "items");
                var code = String(element, path, "code", required: true);
                if (code is not null && !ItemCodePattern().IsMatch(code))
                    Fault($"{path}.code", "bắt đầu bằng chữ cái, chỉ gồm chữ, chữ số, dấu gạch dưới (tối đa 40)",
                        "must start with a letter and hold only letters, digits and underscores (at most 40)");
                else if (code is not null && !sectionCodes.Add(code))
                    Fault($"{path}.code", $"mã phần \"{code}\" bị trùng", $"duplicate section code \"{code}\"");
                var title = Text(element, path, "title");
                var scored = false;
                if (!element.TryGetProperty("scored", out var scoredElement))
                    Fault($"{path}.scored", "bắt buộc (true hoặc false)", "is required (true or false)");
                else if (scoredElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
                    scored = scoredElement.GetBoolean();
                else
                    Fault($"{path}.scored", "phải là true hoặc false", "must be true or false");
                var items = Items(element, path);
                if (code is not null && title is not null)
                    result.Add(new QuestionSection(code, title, scored, items));
            }
            return result;
        }

        private List<QuestionItem> Items(JsonElement section, string sectionPath)
        {
            var result = new List<QuestionItem>();
            if (!section.TryGetProperty("items", out var array) || array.ValueKind != JsonValueKind.Array
                || array.GetArrayLength() == 0)
            {
                Fault($"{sectionPath}.items", "phải là một mảng có ít nhất một câu hỏi",
                    "must be a non-empty array of items");
                return result;
            }
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var path = $"{sectionPath}.items[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Fault(path, "phải là một đối tượng", "must be an object");
                    continue;
                }
                Known(element, path, "code", "scale", "text", "options", "required");
                var code = String(element, path, "code", required: true);
                if (code is not null && !ItemCodePattern().IsMatch(code))
                {
                    Fault($"{path}.code", "bắt đầu bằng chữ cái, chỉ gồm chữ, chữ số, dấu gạch dưới (tối đa 40)",
                        "must start with a letter and hold only letters, digits and underscores (at most 40)");
                    code = null;
                }
                else if (code is not null && FixedColumns.Contains(code, StringComparer.OrdinalIgnoreCase))
                {
                    Fault($"{path}.code", $"\"{code}\" là tên cột cố định của tệp phiếu",
                        $"\"{code}\" is a fixed column of the responses file");
                    code = null;
                }
                else if (code is not null && !itemCodes.Add(code))
                {
                    Fault($"{path}.code", $"mã câu hỏi \"{code}\" bị trùng", $"duplicate item code \"{code}\"");
                    code = null;
                }
                var scaleName = String(element, path, "scale", required: true);
                ItemScale? scale = null;
                if (scaleName is not null)
                {
                    if (Scales.TryGetValue(scaleName, out var known)) scale = known;
                    else
                        Fault($"{path}.scale", $"thang đo \"{scaleName}\" không được hỗ trợ (likert5, single, multi, text, number)",
                            $"unknown scale \"{scaleName}\" (likert5, single, multi, text, number)");
                }
                var text = Text(element, path, "text");
                var required = false;
                if (element.TryGetProperty("required", out var requiredElement))
                {
                    if (requiredElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
                        required = requiredElement.GetBoolean();
                    else Fault($"{path}.required", "phải là true hoặc false", "must be true or false");
                }
                var options = Options(element, path, scale);
                if (code is not null && scale is not null && text is not null)
                    result.Add(new QuestionItem(code, scale.Value, text, options, required));
            }
            return result;
        }

        private List<QuestionOption> Options(JsonElement item, string itemPath, ItemScale? scale)
        {
            var result = new List<QuestionOption>();
            var hasOptions = item.TryGetProperty("options", out var array);
            var needsOptions = scale is ItemScale.Single or ItemScale.Multi;
            if (!needsOptions)
            {
                if (hasOptions && scale is not null)
                    Fault($"{itemPath}.options", "chỉ dùng cho thang đo single hoặc multi",
                        "are only for single or multi items");
                return result;
            }
            if (!hasOptions || array.ValueKind != JsonValueKind.Array || array.GetArrayLength() == 0)
            {
                Fault($"{itemPath}.options", "câu hỏi lựa chọn cần một mảng phương án", "a choice item needs a non-empty array of options");
                return result;
            }
            var values = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var path = $"{itemPath}.options[{index++}]";
                if (element.ValueKind != JsonValueKind.Object)
                {
                    Fault(path, "phải là một đối tượng", "must be an object");
                    continue;
                }
                Known(element, path, "value", "label");
                var value = String(element, path, "value", required: true);
                if (value is not null && (value.Contains('|') || value.Trim() != value))
                {
                    Fault($"{path}.value", "không được chứa \"|\" hay khoảng trắng ở đầu, cuối",
                        "must not contain \"|\" or leading or trailing spaces");
                    value = null;
                }
                else if (value is not null && !values.Add(value))
                {
                    Fault($"{path}.value", $"giá trị \"{value}\" bị trùng", $"duplicate option value \"{value}\"");
                    value = null;
                }
                var label = Text(element, path, "label");
                if (value is not null && label is not null) result.Add(new QuestionOption(value, label));
            }
            return result;
        }

        private LocalizedText? Text(JsonElement parent, string parentPath, string name)
        {
            var path = $"{parentPath}.{name}";
            if (!parent.TryGetProperty(name, out var element))
            {
                Fault(path, "bắt buộc, với nội dung tiếng Việt (vi)", "is required, with a Vietnamese text (vi)");
                return null;
            }
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fault(path, "phải là một đối tượng { \"vi\": …, \"en\": … }", "must be an object { \"vi\": …, \"en\": … }");
                return null;
            }
            Known(element, path, "vi", "en");
            var hasVi = element.TryGetProperty("vi", out var viElement);
            var vi = String(element, path, "vi", required: false);
            if (string.IsNullOrWhiteSpace(vi))
            {
                if (!hasVi || viElement.ValueKind == JsonValueKind.String)
                    Fault($"{path}.vi", "thiếu nội dung tiếng Việt", "the Vietnamese text is missing");
                return null;
            }
            var en = String(element, path, "en", required: false);
            return new LocalizedText(vi, string.IsNullOrWhiteSpace(en) ? null : en);
        }

        private string? String(JsonElement parent, string parentPath, string name, bool required)
        {
            if (!parent.TryGetProperty(name, out var element))
            {
                if (required) Fault($"{parentPath}.{name}", "bắt buộc", "is required");
                return null;
            }
            if (element.ValueKind != JsonValueKind.String)
            {
                Fault($"{parentPath}.{name}", "phải là một chuỗi", "must be a string");
                return null;
            }
            var value = element.GetString()!.Normalize(NormalizationForm.FormC);
            if (required && value.Trim().Length == 0)
            {
                Fault($"{parentPath}.{name}", "không được để trống", "must not be empty");
                return null;
            }
            return value.Trim();
        }

        private void Known(JsonElement element, string path, params string[] names)
        {
            foreach (var property in element.EnumerateObject())
                if (!names.Contains(property.Name))
                    Fault($"{path}.{property.Name}", "thuộc tính không được hỗ trợ", "unknown property");
        }

        private void Fault(string path, string vi, string en) => faults.Add(new InputFault(path, vi, en));
    }
}
