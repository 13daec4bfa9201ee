using System.Runtime.CompilerServices;
using System.Text;

namespace Sipas.Analytics.Interchange;

public static partial class ResponsesCsv
{
    /// <summary>A fault found in a chunk, on physical line <see cref="Line"/>.</summary>
    private readonly record struct LineFault(int Line, string Vi, string En);

    /// <summary>
    /// Checks and stores the rows of one chunk, compactly: faults (the first <see cref="Layout.MaxFaults"/>, all
    /// counted); the kept rows' answers and classification (a <see cref="Combo"/> number); for every row with a
    /// well-formed <c>response_id</c>, the id, its line and which kept row it is (−1: none), so that duplicates
    /// across chunks can be found and dropped afterwards (<see cref="Merge"/>).
    /// </summary>
    private sealed class RowReader(Layout layout, int capacity)
    {
        public readonly List<LineFault> Faults = [];
        public int FaultCount, Rows, IdCount, Kept;
        public readonly Guid[] Ids = new Guid[capacity];
        public readonly int[] IdLines = new int[capacity], IdKept = new int[capacity];
        /// <summary>Per kept row: its answers (<see cref="Sample.Answers"/> layout) and its combination.</summary>
        public readonly sbyte[] Answers = new sbyte[layout.Sink ? 0 : capacity * layout.Questionnaire.ScoredItems.Count];
        public readonly int[] ComboOf = new int[layout.Sink ? 0 : capacity];
        public readonly Combos Combos = new(layout);
        /// <summary>The kept rows whole, when they go to a sink.</summary>
        public readonly List<ResponseRow> Sunk = [];

        private readonly int m = layout.Questionnaire.ScoredItems.Count;
        private sbyte[] sinkAnswers = [];

        /// <summary>Reads every row of <paramref name="rows"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void ReadAll(ByteRows rows)
        {
            while (rows.MoveNext()) ReadRow(rows);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // hot loop: skip tier-0 and on-stack replacement
        private void ReadRow(ByteRows row)
        {
            if (row.Blank) return;   // a blank line holds no response
            Rows++;
            var line = row.Line;
            if (row.OddQuotes)
            {
                Fault(line, "Dấu ngoặc kép không khép lại: dòng này nuốt các dòng sau nó",
                    "Unterminated quoted field: this row swallows the lines after it");
                return;
            }
            if (row.Count != layout.Columns)
            {
                Fault(line, $"Dòng có {row.Count} cột, cần {layout.Columns}", $"Row has {row.Count} columns, expected {layout.Columns}");
                return;
            }
            var before = FaultCount;
            var idText = row[layout.Id];
            var idAt = -1;
            if (!Bytes.TryUuid(idText, out var guid))
                Fault(line, $"response_id không phải UUID: '{Bytes.Clip(idText)}'", $"response_id is not a UUID: '{Bytes.Clip(idText)}'");
            else
            {
                // Duplicates are found once every chunk is read (Merge); the row then leaves the sample.
                idAt = IdCount++;
                (Ids[idAt], IdLines[idAt], IdKept[idAt]) = (guid, line, -1);
            }

            var q = row[layout.QuestionnaireAt];
            if (!Bytes.Is(q, layout.Key, layout.KeyUtf8))
                Fault(line, $"Phiếu '{Bytes.Clip(q)}' khác phiếu đang phân tích {layout.Key}",
                    $"Questionnaire '{Bytes.Clip(q)}' is not the one analysed, {layout.Key}");
            var combo = Combos.Find(row[layout.Wave], row[layout.Channel], row[layout.Area], row[layout.Agency],
                row[layout.Unit], row[layout.Stratum]);
            var classification = Combos.Items[combo];
            foreach (var fault in classification.Faults) Fault(line, fault.Vi, fault.En);
            var time = row[layout.Submitted];
            if (!Bytes.TryTime(time, out var submittedAt))
                Fault(line, $"submitted_at không phải thời điểm ISO 8601 có múi giờ: '{Bytes.Clip(time)}'",
                    $"submitted_at is not an ISO 8601 timestamp with offset: '{Bytes.Clip(time)}'");

            // Answers go straight into the next kept row's place; a row with a fault leaves it to the next row.
            var answers = layout.Sink ? SinkAnswers() : Answers.AsSpan(Kept * m, m);
            var scoredAt = layout.ScoredAt;
            for (var i = 0; i < answers.Length; i++)
            {
                var answer = row.Answer(scoredAt[i]);   // empty is Sample.Unanswered (−1)
                if (answer != int.MinValue) answers[i] = (sbyte)answer;
                else
                {
                    var cell = row[scoredAt[i]];
                    var code = layout.Questionnaire.ScoredItems[i].Code;
                    Fault(line, $"Câu {code}: giá trị '{Bytes.Clip(cell)}' ngoài thang đo (1..5, 0 hoặc để trống)",
                        $"Item {code}: value '{Bytes.Clip(cell)}' outside the scale (1..5, 0 or empty)");
                }
            }
            foreach (var other in layout.OtherAt)
                CheckOther(line, other, row[other.Column]);

            if (FaultCount > before) return;
            if (layout.Sink)
            {
                var others = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var other in layout.OtherAt)
                    if (!row[other.Column].IsEmpty)
                        others[other.Item.Code] = Bytes.Text(row[other.Column]).Normalize(NormalizationForm.FormC);
                var c = classification;
                IdKept[idAt] = Sunk.Count;
                Sunk.Add(new ResponseRow(line, guid, c.Wave, c.Channel, c.Area, c.Agency.Normalize(NormalizationForm.FormC),
                    c.Unit.Length == 0 ? null : c.Unit, c.Stratum.Normalize(NormalizationForm.FormC), submittedAt,
                    answers.ToArray(), others));
                return;
            }
            if (!classification.Passes) return;
            IdKept[idAt] = Kept;
            ComboOf[Kept++] = combo;
        }

        private Span<sbyte> SinkAnswers()
        {
            if (sinkAnswers.Length != m) sinkAnswers = new sbyte[m];
            return sinkAnswers;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CheckOther(int line, OtherColumn other, ReadOnlySpan<byte> cell)
        {
            if (cell.IsEmpty) return;
            var item = other.Item;
            switch (item.Scale)
            {
                case ItemScale.Number when !Bytes.IsNumber(cell):
                    Fault(line, $"Câu {item.Code}: '{Bytes.Clip(cell)}' không phải số", $"Item {item.Code}: '{Bytes.Clip(cell)}' is not a number");
                    break;
                case ItemScale.Single when other.Options.Length > 0 && !IsOption(other, cell):
                case ItemScale.Multi when other.Options.Length > 0 && !AllOptions(other, cell):
                    Fault(line, $"Câu {item.Code}: '{Bytes.Clip(cell)}' không phải lựa chọn của câu hỏi",
                        $"Item {item.Code}: '{Bytes.Clip(cell)}' is not one of its options");
                    break;
            }
        }

        private static bool AllOptions(OtherColumn other, ReadOnlySpan<byte> cell)
        {
            foreach (var part in cell.Split((byte)'|'))
                if (!IsOption(other, cell[part])) return false;
            return true;
        }

        // An option's value as given, or in another Unicode normal form.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool IsOption(OtherColumn other, ReadOnlySpan<byte> value)
        {
            foreach (var option in other.OptionsUtf8)
                if (value.SequenceEqual(option)) return true;
            if (Ascii.IsValid(value)) return false;
            var text = Bytes.Text(value);
            if (Array.IndexOf(other.Options, text) >= 0) return true;
            return Array.IndexOf(other.Options, text.Normalize(NormalizationForm.FormC)) >= 0;
        }

        private void Fault(int line, string vi, string en)
        {
            FaultCount++;
            if (Faults.Count < layout.MaxFaults) Faults.Add(new LineFault(line, vi, en));
        }
    }
}
