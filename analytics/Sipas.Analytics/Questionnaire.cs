namespace Sipas.Analytics;

/// <summary>A text in Vietnamese (always present) and English (falls back to Vietnamese when absent).</summary>
public sealed record LocalizedText(string Vi, string? En)
{
    /// <summary>The text in <paramref name="language"/> ("vi" or "en"); Vietnamese when no English text exists.</summary>
    public string In(string language) => language == "en" && !string.IsNullOrEmpty(En) ? En : Vi;
}

/// <summary>How an item is answered (interchange.md, "Questionnaire definition").</summary>
public enum ItemScale
{
    /// <summary>Scored 5-level satisfaction scale: 1..5, 0 = no opinion, empty = unanswered (method.md §1).</summary>
    Likert5,
    /// <summary>One option value.</summary>
    Single,
    /// <summary>Several option values joined by <c>|</c>.</summary>
    Multi,
    /// <summary>Free text.</summary>
    Text,
    /// <summary>A number.</summary>
    Number,
}

/// <summary>How section and overall indices are aggregated (method.md §3.2-3.3).</summary>
public enum Aggregation
{
    /// <summary>Section index = mean of its defined item rates; overall = mean of defined section indices.</summary>
    MeanOfItems,
    /// <summary>Section and overall index = pooled ratio over their items.</summary>
    Pooled,
}

/// <summary>An option of a <see cref="ItemScale.Single"/> or <see cref="ItemScale.Multi"/> item.</summary>
public sealed record QuestionOption(string Value, LocalizedText Label);

/// <summary>A question (tiêu chí, criterion, when scored).</summary>
public sealed record QuestionItem(
    string Code, ItemScale Scale, LocalizedText Text, IReadOnlyList<QuestionOption> Options, bool Required);

/// <summary>A section of the questionnaire (yếu tố, element, when scored).</summary>
public sealed record QuestionSection(string Code, LocalizedText Title, bool Scored, IReadOnlyList<QuestionItem> Items)
{
    /// <summary>The section's scored items: its <see cref="ItemScale.Likert5"/> items when the section is scored.</summary>
    public IEnumerable<QuestionItem> ScoredItems => Scored ? Items.Where(i => i.Scale == ItemScale.Likert5) : [];
}

/// <summary>
/// One version of a questionnaire definition (interchange.md). Scored answers of a response are stored and
/// processed as one array in the order of <see cref="ScoredItems"/>.
/// </summary>
public sealed class Questionnaire
{
    /// <summary>Creates a questionnaire; use <see cref="Interchange.QuestionnaireJson.Parse(string)"/> to read one from a file.</summary>
    public Questionnaire(string code, string version, string family, Aggregation aggregation, LocalizedText title,
        IReadOnlyList<QuestionSection> sections)
    {
        Code = code;
        Version = version;
        Family = family;
        Aggregation = aggregation;
        Title = title;
        Sections = sections;
        ScoredSections = sections.Where(s => s.ScoredItems.Any()).ToArray();
        ScoredItems = ScoredSections.SelectMany(s => s.ScoredItems).ToArray();
        OtherItems = sections.SelectMany(s => s.Items).Where(i => !ScoredItems.Contains(i)).ToArray();
        ItemsByCode = sections.SelectMany(s => s.Items).ToDictionary(i => i.Code, StringComparer.Ordinal);
        scoredIndex = ScoredItems.Select((item, index) => (item.Code, index))
            .ToDictionary(x => x.Code, x => x.index, StringComparer.Ordinal);
    }

    private readonly Dictionary<string, int> scoredIndex;

    /// <summary>Stable kebab-case code, e.g. <c>sipas-dvhcc</c>.</summary>
    public string Code { get; }
    /// <summary>Version, e.g. <c>2025.1</c>; a published version is immutable.</summary>
    public string Version { get; }
    /// <summary>SIPAS, TTHC, HEALTH or EDUCATION: the indicator family.</summary>
    public string Family { get; }
    /// <summary>How sections and the overall index are aggregated.</summary>
    public Aggregation Aggregation { get; }
    /// <summary>Title in both languages.</summary>
    public LocalizedText Title { get; }
    /// <summary>All sections in order.</summary>
    public IReadOnlyList<QuestionSection> Sections { get; }
    /// <summary>The sections with at least one scored item, in order.</summary>
    public IReadOnlyList<QuestionSection> ScoredSections { get; }
    /// <summary>Every scored item, in questionnaire order: the order of the stored answer array.</summary>
    public IReadOnlyList<QuestionItem> ScoredItems { get; }
    /// <summary>The items that are not scored (demographics, open questions), in order.</summary>
    public IReadOnlyList<QuestionItem> OtherItems { get; }
    /// <summary>Every item by its code.</summary>
    public IReadOnlyDictionary<string, QuestionItem> ItemsByCode { get; }

    /// <summary><c>code@version</c>, as the responses CSV names a questionnaire.</summary>
    public string Key => $"{Code}@{Version}";

    /// <summary>Position of a scored item in the answer array, or -1 when the code is not a scored item.</summary>
    public int ScoredIndexOf(string itemCode) => scoredIndex.GetValueOrDefault(itemCode, -1);

    /// <summary>
    /// Valid-response rule of method.md §1: at least ⌈0.8·m⌉ of the m scored items answered 1..5
    /// (integer test 5·valid ≥ 4·m).
    /// </summary>
    public static bool IsValidCount(int validAnswers, int scoredItems) => 5 * validAnswers >= 4 * scoredItems;
}
