using System.Text;
using nietras.SeparatedValues;
using Sipas.Analytics.Interchange;

namespace Sipas.Analytics.Tests;

/// <summary>
/// The responses reader as it was before files were parsed in chunks (one pass of Sep over decoded text, one row
/// at a time), kept as the oracle the chunked reader must match: the same faults (line and words), counts,
/// samples and rows, on any input.
/// </summary>
public static class ResponsesCsvReference
{
    public static ResponsesReadResult Read(byte[] bytes, Questionnaire questionnaire, string? wave = null) =>
        Run(bytes, new RowReader(questionnaire, wave));

    public static ResponsesReadResult ReadRows(byte[] bytes, Questionnaire questionnaire, Action<ResponseRow> sink,
        string? defaultChannel = null, int maxFaults = ResponsesCsv.MaxFaults) =>
        Run(bytes, new RowReader(questionnaire, null, sink, defaultChannel, maxFaults));

    private static ResponsesReadResult Run(byte[] bytes, RowReader state)
    {
        using var text = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.New(',').Reader(o => o with
        {
            HasHeader = false, Unescape = true, DisableColCountCheck = true, DisableFastFloat = true,
        }).From(text);
        var header = true;
        foreach (var row in reader)
        {
            if (!header) state.ReadRow(row);
            else if (!state.ReadHeader(row[..].ToStringsArray())) return state.Result();
            else header = false;
        }
        if (header) state.ReadHeader([]);
        return state.Result();
    }

    private sealed class RowReader(Questionnaire questionnaire, string? waveFilter, Action<ResponseRow>? sink = null,
        string? defaultChannel = null, int maxFaults = ResponsesCsv.MaxFaults)
    {
        private readonly List<InputFault> faults = [];
        private int faultCount, rows, columns;
        private readonly Dictionary<string, SampleBuilder> builders = new(StringComparer.Ordinal);
        private readonly Dictionary<Guid, int> ids = [];
        private readonly int m = questionnaire.ScoredItems.Count;
        private readonly string key = questionnaire.Key;
        private int id, questionnaireAt, wave, channel, area, agency, unit, stratum, submitted;
        private int[] scoredAt = [];
        private (int Column, QuestionItem Item)[] otherAt = [];

        public bool ReadHeader(IReadOnlyList<string> names)
        {
            columns = names.Count;
            var at = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var c = 0; c < names.Count; c++)
            {
                var name = names[c].Normalize(NormalizationForm.FormC);
                if (!at.TryAdd(name, c)) Fault(1, $"Cột {name} lặp lại", $"Column {name} appears twice");
                else if (!QuestionnaireJson.FixedColumns.Contains(name) && !questionnaire.ItemsByCode.ContainsKey(name))
                    Fault(1, $"Cột {name} không phải câu hỏi của phiếu {key}", $"Column {name} is not an item of questionnaire {key}");
            }
            foreach (var name in QuestionnaireJson.FixedColumns)
                if (!at.ContainsKey(name)) Fault(1, $"Thiếu cột {name}", $"Missing column {name}");
            foreach (var item in questionnaire.ItemsByCode.Keys)
                if (!at.ContainsKey(item)) Fault(1, $"Thiếu cột của câu hỏi {item}", $"Missing column for item {item}");
            if (faultCount > 0) return false;
            (id, questionnaireAt, wave, channel) = (at["response_id"], at["questionnaire"], at["wave"], at["channel"]);
            (area, agency, unit, stratum, submitted) = (at["area"], at["agency"], at["unit"], at["stratum"], at["submitted_at"]);
            scoredAt = questionnaire.ScoredItems.Select(i => at[i.Code]).ToArray();
            otherAt = questionnaire.OtherItems.Select(i => (at[i.Code], i)).ToArray();
            return true;
        }

        public void ReadRow(SepReader.Row row)
        {
            if (row.ColCount == 1 && row.Span.IsEmpty) return;
            rows++;
            var line = row.LineNumberFrom;
            if ((row.Span.Count('"') & 1) == 1)
            {
                Fault(line, "Dấu ngoặc kép không khép lại: dòng này nuốt các dòng sau nó",
                    "Unterminated quoted field: this row swallows the lines after it");
                return;
            }
            if (row.ColCount != columns)
            {
                Fault(line, $"Dòng có {row.ColCount} cột, cần {columns}", $"Row has {row.ColCount} columns, expected {columns}");
                return;
            }
            var before = faultCount;
            var idText = row[id].Span;
            if (!Guid.TryParseExact(idText, "D", out var guid))
                Fault(line, $"response_id không phải UUID: '{Clip(idText)}'", $"response_id is not a UUID: '{Clip(idText)}'");
            else if (!ids.TryAdd(guid, line))
                Fault(line, $"response_id {guid} trùng với dòng {ids[guid]}", $"Duplicate response_id {guid} (first on line {ids[guid]})");
            var q = row[questionnaireAt].Span;
            if (!q.SequenceEqual(key))
                Fault(line, $"Phiếu '{Clip(q)}' khác phiếu đang phân tích {key}", $"Questionnaire '{Clip(q)}' is not the one analysed, {key}");
            var waveText = row[wave].ToString();
            if (waveText.Length == 0) Fault(line, "Thiếu mã đợt (wave)", "Missing wave");
            var channelText = row[channel].ToString();
            if (channelText.Length == 0 && defaultChannel is not null) channelText = defaultChannel;
            if (!ResponsesCsv.Channels.Contains(channelText))
                Fault(line, $"Kênh '{Clip(channelText)}' không hợp lệ (web, paper, interview, import)",
                    $"Unknown channel '{Clip(channelText)}' (web, paper, interview, import)");
            var areaText = row[area].ToString();
            if (!ResponsesCsv.Areas.Contains(areaText))
                Fault(line, $"Lĩnh vực '{Clip(areaText)}' không hợp lệ", $"Unknown service area '{Clip(areaText)}'");
            var agencyText = row[agency].ToString();
            if (agencyText.Length == 0) Fault(line, "Thiếu mã cơ quan (agency)", "Missing agency");
            var time = row[submitted].Span;
            if (!ResponsesCsv.TryTimestamp(time, out var submittedAt))
                Fault(line, $"submitted_at không phải thời điểm ISO 8601 có múi giờ: '{Clip(time)}'",
                    $"submitted_at is not an ISO 8601 timestamp with offset: '{Clip(time)}'");
            var answers = new sbyte[m];
            for (var i = 0; i < m; i++)
            {
                var cell = row[scoredAt[i]].Span;
                if (cell.IsEmpty) answers[i] = Sample.Unanswered;
                else if (cell.Length == 1 && cell[0] is >= '0' and <= '5') answers[i] = (sbyte)(cell[0] - '0');
                else
                {
                    var code = questionnaire.ScoredItems[i].Code;
                    Fault(line, $"Câu {code}: giá trị '{Clip(cell)}' ngoài thang đo (1..5, 0 hoặc để trống)",
                        $"Item {code}: value '{Clip(cell)}' outside the scale (1..5, 0 or empty)");
                }
            }
            foreach (var (column, item) in otherAt) CheckOther(line, item, row[column].Span);
            var stratumText = row[stratum].ToString();
            var unitText = row[unit].ToString();
            if (faultCount > before) return;
            if (stratumText.Length == 0) stratumText = $"{agencyText}/{areaText}";
            if (sink is not null)
            {
                var others = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (column, item) in otherAt)
                    if (!row[column].Span.IsEmpty) others[item.Code] = row[column].ToString().Normalize(NormalizationForm.FormC);
                sink(new ResponseRow(line, guid, waveText, channelText, areaText, agencyText.Normalize(NormalizationForm.FormC),
                    unitText.Length == 0 ? null : unitText, stratumText.Normalize(NormalizationForm.FormC), submittedAt, answers, others));
                return;
            }
            if (waveFilter is not null && waveText != waveFilter) return;
            if (!builders.TryGetValue(waveText, out var builder))
                builders[waveText] = builder = new SampleBuilder(questionnaire, waveText);
            builder.Add(answers, stratumText, agencyText, areaText, unitText, channelText);
        }

        public ResponsesReadResult Result() => new(
            builders.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Value.Build()).ToArray(), faults, faultCount, rows);

        private void CheckOther(int line, QuestionItem item, ReadOnlySpan<char> cell)
        {
            if (cell.IsEmpty) return;
            switch (item.Scale)
            {
                case ItemScale.Number when !CsvText.TryNumber(cell, out _):
                    Fault(line, $"Câu {item.Code}: '{Clip(cell)}' không phải số", $"Item {item.Code}: '{Clip(cell)}' is not a number");
                    break;
                case ItemScale.Single when item.Options.Count > 0 && !IsOption(item, cell):
                case ItemScale.Multi when item.Options.Count > 0 && !AllOptions(item, cell):
                    Fault(line, $"Câu {item.Code}: '{Clip(cell)}' không phải lựa chọn của câu hỏi", $"Item {item.Code}: '{Clip(cell)}' is not one of its options");
                    break;
            }
        }

        private static bool AllOptions(QuestionItem item, ReadOnlySpan<char> cell)
        {
            foreach (var part in cell.Split('|'))
                if (!IsOption(item, cell[part])) return false;
            return true;
        }

        private static bool IsOption(QuestionItem item, ReadOnlySpan<char> value)
        {
            foreach (var option in item.Options)
                if (value.SequenceEqual(option.Value)) return true;
            if (Ascii.IsValid(value)) return false;
            var nfc = value.ToString().Normalize(NormalizationForm.FormC);
            return item.Options.Any(o => o.Value == nfc);
        }

        private static string Clip(ReadOnlySpan<char> text) => text.Length <= 40 ? text.ToString() : $"{text[..40]}…";

        private void Fault(int line, string vi, string en)
        {
            faultCount++;
            if (faults.Count < maxFaults) faults.Add(new InputFault($"line {line}", vi, en));
        }
    }
}
