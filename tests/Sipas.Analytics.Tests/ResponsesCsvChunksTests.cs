using System.Text;
using Sipas.Analytics.Interchange;

namespace Sipas.Analytics.Tests;

// Responses files are parsed in chunks on several threads: whatever the chunk size and the number of threads,
// the result is the one of the former single-pass reader (ResponsesCsvReference): faults, counts, samples.
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

    /// <summary>Chunk sizes from one byte (a chunk per record) to one chunk, on one thread and on several.</summary>
    private static readonly ResponsesReadOptions[] Splits =
    [
        new(1 << 20, 1), new(1, 1), new(1, 4), new(7, 3), new(64, 4), new(300, 2), new(4096, 4),
    ];

    private static QuestionItem Likert(string code) => new(code, ItemScale.Likert5, T, [], false);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Read_MessyFile_InAnyChunksAndThreads_IsWhatTheSinglePassReaderGave(int seed)
    {
        var bytes = MessyFile(seed);
        var expected = ResponsesCsvReference.Read(bytes, Q);

        foreach (var split in Splits)
            AssertSame(expected, ResponsesCsv.Read(new MemoryStream(bytes), Q, null, split), $"seed {seed}, {split}");
        AssertSame(expected, ResponsesCsv.Read(new OneWay(bytes), Q, null, new ResponsesReadOptions(50, 4)), $"seed {seed}, one way");
        AssertSame(ResponsesCsvReference.Read(bytes, Q, "2025-H1"), ResponsesCsv.Read(new MemoryStream(bytes), Q, "2025-H1",
            new ResponsesReadOptions(64, 4)), $"seed {seed}, one wave");
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

    [Fact]
    public void Read_ExampleInManyChunks_GivesTheSampleAndEstimatesOfOneChunk()
    {
        var path = Examples.PathOf("sipas-stratified", "responses.csv");
        var q = Examples.Questionnaire("sipas-stratified");
        var frame = Examples.Frame("sipas-stratified");
        var bytes = File.ReadAllBytes(path);
        var whole = ResponsesCsv.Read(new MemoryStream(bytes), q, null, new ResponsesReadOptions(1 << 24, 1));

        foreach (var split in new ResponsesReadOptions[] { new(100, 4), new(1000, 2), new(4096, 4) })
        {
            var chunked = ResponsesCsv.Read(new MemoryStream(bytes), q, null, split);

            AssertSame(whole, chunked, split.ToString());
            var (a, b) = (Estimator.Compute(whole.Samples[0], frame), Estimator.Compute(chunked.Samples[0], frame));
            Assert.Equal(a.Results, b.Results);
            Assert.Equal(a.Reliability, b.Reliability);
            Assert.Equal(a.Counts, b.Counts);
        }
    }

    [Fact]
    public void Read_CutsFallingInsideQuotedMultiLineFields_FindTheRecordBoundaries()
    {
        // Every row carries a comment over three lines with commas and doubled quotes; CRLF line ends.
        var text = new StringBuilder(string.Join(',', Columns) + "\r\n");
        for (var k = 0; k < 30; k++)
            text.Append(Row(Id(k), note: $"\"dòng 1, \"\"ý kiến\"\" {k}\r\ndòng 2,\r\n\"\"dòng 3\"\"\"")).Append("\r\n");
        text.Append(Row(Id(30), a1: "9")).Append("\r\n");   // on line 2 + 30·3 = 92
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var whole = ResponsesCsv.Read(new MemoryStream(bytes), Q, null, new ResponsesReadOptions(1 << 20, 1));

        Assert.Equal(30, whole.Samples[0].Count);
        Assert.Equal("line 92", Assert.Single(whole.Faults).Where);
        for (var size = 1; size < 400; size += 3)
            AssertSame(whole, ResponsesCsv.Read(new MemoryStream(bytes), Q, null, new ResponsesReadOptions(size, 3)), $"chunk {size}");
    }

    [Fact]
    public void Read_FaultsInAnEarlyAndALateChunk_AreListedEarlyFirst()
    {
        var text = new StringBuilder(string.Join(',', Columns) + "\n");
        for (var k = 0; k < 3000; k++)
            text.Append(k switch
            {
                10 => Row(Id(k), a1: "7"),                // line 12, in the first chunks
                2500 => Row(Id(k), time: "yesterday"),   // line 2502, in a late chunk
                2800 => Row(Id(5)),                       // line 2802: the id of line 7 again
                _ => Row(Id(k)),
            }).Append('\n');
        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        var read = ResponsesCsv.Read(new MemoryStream(bytes), Q, null, new ResponsesReadOptions(2048, 4));
        var first = ResponsesCsv.ReadRows(new MemoryStream(bytes), Q, _ => { }, maxFaults: 1);

        Assert.Equal(["line 12", "line 2502", "line 2802"], read.Faults.Select(f => f.Where));
        Assert.Equal($"Duplicate response_id {Id(5)} (first on line 7)", read.Faults[2].En);
        Assert.Equal(2997, read.Samples[0].Count);
        Assert.Equal(3, first.FaultCount);
        Assert.Equal("line 12", Assert.Single(first.Faults).Where);
    }

    [Fact]
    public void Read_ManyIdsSomeRepeated_FindsEveryDuplicateWithItsFirstLine()
    {
        // Enough ids for the duplicate check to sort them into several buckets; repeats near and far.
        var random = new Random(7);
        var ids = new List<string>();
        var text = new StringBuilder(string.Join(',', Columns) + "\n");
        for (var k = 0; k < 30_000; k++)
        {
            ids.Add(k > 0 && random.Next(10) == 0 ? ids[random.Next(k)] : Id(k));
            text.Append(Row(ids[k])).Append('\n');
        }
        var bytes = Encoding.UTF8.GetBytes(text.ToString());

        var expected = ResponsesCsvReference.Read(bytes, Q);
        Assert.True(expected.FaultCount > 2000);
        foreach (var split in new ResponsesReadOptions[] { new(1 << 24, 1), new(20_000, 2), new(100_000, 4) })
            AssertSame(expected, ResponsesCsv.Read(new MemoryStream(bytes), Q, null, split), split.ToString());
    }

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    public void Read_ByteOrderMarkAndCrLf_InChunks_AreTheWholeFilesReading(string encoding)
    {
        var body = string.Join("\r\n", new[] { string.Join(',', Columns) }.Concat(Enumerable.Range(0, 50).Select(k => Row(Id(k))))) + "\r\n";
        var code = Encoding.GetEncoding(encoding);
        var bytes = code.GetPreamble().Concat(code.GetBytes(body)).ToArray();

        var expected = ResponsesCsvReference.Read(bytes, Q);
        Assert.True(expected.Ok);
        Assert.Equal(50, expected.Samples[0].Count);
        foreach (var split in Splits) AssertSame(expected, ResponsesCsv.Read(new MemoryStream(bytes), Q, null, split), split.ToString());
    }

    /// <summary>A stream that can only be read forward, as a request body.</summary>
    private sealed class OneWay(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }

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
