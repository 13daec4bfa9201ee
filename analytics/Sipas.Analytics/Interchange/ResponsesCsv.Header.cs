using System.Text;

namespace Sipas.Analytics.Interchange;

public static partial class ResponsesCsv
{
    /// <summary>A column of an item that is not scored, with its option values (none: any text), also in UTF-8.</summary>
    private readonly record struct OtherColumn(int Column, QuestionItem Item, string[] Options, byte[][] OptionsUtf8);

    /// <summary>What the header row fixes for every row of the file: where each column is, and how rows are read.</summary>
    private sealed class Layout
    {
        public required Questionnaire Questionnaire { get; init; }
        public required string Key { get; init; }
        public required byte[] KeyUtf8 { get; init; }
        public required int Columns { get; init; }
        public required int Id, QuestionnaireAt, Wave, Channel, Area, Agency, Unit, Stratum, Submitted;
        /// <summary>Column of each scored item, in <see cref="Questionnaire.ScoredItems"/> order.</summary>
        public required int[] ScoredAt { get; init; }
        public required OtherColumn[] OtherAt { get; init; }
        public required string? WaveFilter { get; init; }
        public required string? DefaultChannel { get; init; }
        /// <summary>Rows go to a sink whole (<see cref="ReadRows"/>) rather than into samples.</summary>
        public required bool Sink { get; init; }
        public required int MaxFaults { get; init; }

        /// <summary>The layout of <paramref name="names"/>, or null with the header's faults (all on line 1).</summary>
        public static Layout? Read(IReadOnlyList<string> names, Questionnaire questionnaire, string? waveFilter,
            string? defaultChannel, bool sink, int maxFaults, List<LineFault> faults)
        {
            var key = questionnaire.Key;
            var at = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 0; c < names.Count; c++)
            {
                var name = names[c].Normalize(NormalizationForm.FormC);
                if (!at.TryAdd(name, c))
                    faults.Add(new LineFault(1, $"Cột {name} lặp lại", $"Column {name} appears twice"));
                else if (!QuestionnaireJson.FixedColumns.Contains(name) && !questionnaire.ItemsByCode.ContainsKey(name))
                    faults.Add(new LineFault(1, $"Cột {name} không phải câu hỏi của phiếu {key}",
                        $"Column {name} is not an item of questionnaire {key}"));
            }
            foreach (var name in QuestionnaireJson.FixedColumns)
                if (!at.ContainsKey(name))
                    faults.Add(new LineFault(1, $"Thiếu cột {name}", $"Missing column {name}"));
            foreach (var item in questionnaire.ItemsByCode.Keys)
                if (!at.ContainsKey(item))
                    faults.Add(new LineFault(1, $"Thiếu cột của câu hỏi {item}", $"Missing column for item {item}"));
            if (faults.Count > 0) return null;

            return new Layout
            {
                Questionnaire = questionnaire, Key = key, KeyUtf8 = CsvText.Utf8.GetBytes(key), Columns = names.Count,
                Id = at["response_id"], QuestionnaireAt = at["questionnaire"], Wave = at["wave"], Channel = at["channel"],
                Area = at["area"], Agency = at["agency"], Unit = at["unit"], Stratum = at["stratum"],
                Submitted = at["submitted_at"],
                ScoredAt = questionnaire.ScoredItems.Select(i => at[i.Code]).ToArray(),
                OtherAt = questionnaire.OtherItems.Select(i => new OtherColumn(at[i.Code], i, i.Options.Select(o => o.Value).ToArray(),
                    i.Options.Select(o => CsvText.Utf8.GetBytes(o.Value)).ToArray())).ToArray(),
                WaveFilter = waveFilter, DefaultChannel = defaultChannel, Sink = sink, MaxFaults = maxFaults,
            };
        }
    }
}
