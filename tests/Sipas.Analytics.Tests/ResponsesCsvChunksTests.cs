using System.Text;
using Sipas.Analytics.Interchange;

namespace Sipas.Analytics.Tests;

// The responses reader gives what the single-pass reader (ResponsesCsvReference) gives: faults, counts, samples.
public class ResponsesCsvChunksTests
{
    private static readonly LocalizedText T = new("x", "x");

    private static readonly Questionnaire Q = new("thu", "1", "SIPAS", Aggregation.MeanOfItems, T,
    [
        new QuestionSection("A", T, true, [Likert("A1"), Likert("A2"), Likert("A3")]),
        new QuestionSection("B", T, true, [Likert("B1"), Likert("B2")]),
        new QuestionSection("X", T, false,
        [
            new QuestionItem("SEX", ItemScale.Single, T, [new("nam", T), new("nữ", T)], false),
            new QuestionItem("TOPICS", ItemScale.Multi, T, [new("đất", T), new("nhà", T), new("khác", T)], false),
            new QuestionItem("AGE", ItemScale.Number, T, [], false),
            new QuestionItem("NOTE", ItemScale.Text, T, [], false),
        ]),
    ]);

    private static readonly string[] Columns =
    [
        "response_id", "questionnaire", "wave", "channel", "area", "agency", "unit", "stratum", "submitted_at",
        "A1", "A2", "A3", "B1", "B2", "SEX", "TOPICS", "AGE", "NOTE",
    ];

    private static QuestionItem Likert(string code) => new(code, ItemScale.Likert5, T, [], false);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_MessyFile_IsWhatTheSinglePassReaderGave(int seed)
    {
        var bytes = MessyFile(seed);

        AssertSame(ResponsesCsvReference.Read(bytes, Q), ResponsesCsv.Read(new MemoryStream(bytes), Q), $"seed {seed}");
        AssertSame(ResponsesCsvReference.Read(bytes, Q, "2025-H1"), ResponsesCsv.Read(new MemoryStream(bytes), Q, "2025-H1"),
            $"seed {seed}, one wave");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ReadRows_MessyFile_SinksTheRowsTheSinglePassReaderSank(int seed)
    {
        var bytes = MessyFile(seed);
        foreach (var maxFaults in new[] { 1, ResponsesCsv.MaxFaults, int.MaxValue })
        {
            var expectedRows = new List<ResponseRow>();
            var expected = ResponsesCsvReference.ReadRows(bytes, Q, expectedRows.Add, "import", maxFaults);
            var rows = new List<ResponseRow>();

            var actual = ResponsesCsv.ReadRows(new MemoryStream(bytes), Q, rows.Add, "import", maxFaults);

            AssertSame(expected, actual, $"seed {seed}, max {maxFaults}");
            Assert.Equal(expectedRows.Count, rows.Count);
            foreach (var (e, a) in expectedRows.Zip(rows))
            {
                Assert.Equal((e.Line, e.Id, e.Wave, e.Channel, e.Area, e.Agency, e.Unit, e.Stratum, e.SubmittedAt, e.SubmittedAt.Offset),
                    (a.Line, a.Id, a.Wave, a.Channel, a.Area, a.Agency, a.Unit, a.Stratum, a.SubmittedAt, a.SubmittedAt.Offset));
                Assert.Equal(e.Answers, a.Answers);
                Assert.Equal(e.Others, a.Others);
            }
        }
    }

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 40));

    private static string Id(int k) => new Guid(k, 0x1234, 0x4567, 0x89, 0xAB, 0xCD, 0xEF, 1, 2, 3, (byte)(k % 7)).ToString();

    private static string Row(string id, string a1 = "4", string time = "2025-05-25T23:32:29+07:00", string note = "") =>
        $"{id},thu@1,2025-H1,web,land,ubnd-16690,16690,,{time},{a1},5,3,0,,nam,đất|nhà,42,{note}";

    /// <summary>
    /// A seeded file with most of what can go wrong: values off the scale, bad ids and times, duplicate ids near
    /// and far, unknown codes, other waves, quoted fields over several lines, quotes in odd places, an unclosed
    /// quote, missing and extra cells, blank lines, text in another Unicode form, bytes that are not UTF-8, a
    /// BOM, and LF, CRLF or lone CR line ends.
    /// </summary>
    private static byte[] MessyFile(int seed)
    {
        var random = new Random(seed);
        string[] ends = random.Next(3) switch { 0 => ["\n"], 1 => ["\r\n"], _ => ["\n", "\r\n", "\r"] };
        string End() => ends[random.Next(ends.Length)];
        string Pick(params string[] values) => values[random.Next(values.Length)];
        bool Chance(double p) => random.NextDouble() < p;
        var ids = new List<string>();
        string NewId() => new Guid(random.Next(), (short)random.Next(), (short)random.Next(), 1, 2, 3, 4, 5, 6, 7, (byte)random.Next(256)).ToString();
        var text = new StringBuilder(string.Join(',', Columns)).Append(End());
        var rows = random.Next(20, 150);
        for (var k = 0; k < rows; k++)
        {
            var id = Chance(0.08) && ids.Count > 0 ? ids[random.Next(ids.Count)]
                : Chance(0.04) ? Pick("not-a-uuid", "", " " + NewId(), "{" + NewId() + "}", NewId().ToUpperInvariant())
                : NewId();
            ids.Add(id);
            string[] cells =
            [
                id, Chance(0.03) ? "khac@1" : "thu@1",
                Chance(0.1) ? Pick("2025-H2", "", "2024-H2") : "2025-H1",
                Chance(0.1) ? Pick("", "fax", "paper", "interview") : "web",
                Chance(0.05) ? Pick("moon", "") : Pick("land", "general", "health"),
                Chance(0.1) ? Pick("", "sở-xây-dựng".Normalize(NormalizationForm.FormD), "sở-xây-dựng", "\"a,b\"", "x\u0001y")
                    : Pick("ubnd-16690", "so-tai-chinh"),
                Pick("", "16690", "16731"),
                Chance(0.2) ? Pick("", "s/1", "sở/2") : "",
                Chance(0.05) ? Pick("yesterday", "2025-05-25T23:32:29Z", "2025-05-25T23:32:29.5+07:00", "2025-02-30T10:00:00+07:00")
                    : "2025-05-25T23:32:29+07:00",
                .. Enumerable.Range(0, 5).Select(_ => Chance(0.03) ? Pick("6", "x", "45", "-1", "\"4\"") : Pick("", "0", "1", "2", "3", "4", "5", "5")),
                Chance(0.1) ? Pick("", "nữ".Normalize(NormalizationForm.FormD), "ong", "nu") : Pick("nam", "nữ"),
                Chance(0.1) ? Pick("", "đất|ma", "nhà|khác|đất", "|") : "đất",
                Chance(0.1) ? Pick("", "abc", "1e3", "NaN", "-0.5") : "30",
                Chance(0.15) ? Pick("\"hai dòng,\nvà \"\"ngoặc\"\"\"", "\"ba\r\ndòng\rở đây\"", "có \"ngoặc\" giữa", "\"đóng\"rồi mở",
                    "\u0001\u0002", "\"\"", "\"không,\"\"\"\"đóng\"") : "",
            ];
            var row = string.Join(',', cells);
            if (Chance(0.03)) row += ",thừa";
            if (Chance(0.03)) row = row[..row.LastIndexOf(',')];
            if (Chance(0.005)) row += ",\"không bao giờ đóng";
            text.Append(row).Append(End());
            if (Chance(0.04)) text.Append(End());
        }
        if (Chance(0.5)) text.Length -= text[^1] == '\n' && text.Length > 1 && text[^2] == '\r' ? 2 : 1;   // no final line end
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        for (var i = 0; i < bytes.Length; i++)   // U+0001 stands for a byte that is not UTF-8, U+0002 for a lone lead byte
            bytes[i] = bytes[i] switch { 1 => 0xFF, 2 => 0xC3, var b => b };
        return Chance(0.3) ? [.. Encoding.UTF8.GetPreamble(), .. bytes] : bytes;
    }

    private static void AssertSame(ResponsesReadResult expected, ResponsesReadResult actual, string because)
    {
        Assert.True(expected.FaultCount == actual.FaultCount, $"{because}: {expected.FaultCount} faults, got {actual.FaultCount}");
        Assert.Equal(expected.Rows, actual.Rows);
        Assert.Equal(expected.Faults, actual.Faults);
        Assert.Equal(expected.Samples.Count, actual.Samples.Count);
        for (var s = 0; s < expected.Samples.Count; s++)
        {
            var (e, a) = (expected.Samples[s], actual.Samples[s]);
            Assert.Equal(e.Wave, a.Wave);
            Assert.Equal(e.Answers, a.Answers);
            Assert.Equal(e.Stratum, a.Stratum);
            Assert.Equal(e.Agency, a.Agency);
            Assert.Equal(e.Area, a.Area);
            Assert.Equal(e.Unit, a.Unit);
            Assert.Equal(e.Channel, a.Channel);
            Assert.Equal(e.Strata.Codes, a.Strata.Codes);
            Assert.Equal(e.Agencies.Codes, a.Agencies.Codes);
            Assert.Equal(e.Areas.Codes, a.Areas.Codes);
            Assert.Equal(e.Units.Codes, a.Units.Codes);
            Assert.Equal(e.Channels.Codes, a.Channels.Codes);
        }
    }
}
