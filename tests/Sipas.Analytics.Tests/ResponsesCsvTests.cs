using System.Text;
using Sipas.Analytics.Interchange;

namespace Sipas.Analytics.Tests;

// interchange.md "Responses": malformed rows are rejected with their line number and reason.
public class ResponsesCsvTests
{
    private static readonly Questionnaire Q = Examples.Questionnaire("tiny");
    private const string Header = "response_id,questionnaire,wave,channel,area,agency,unit,stratum,submitted_at," +
        "TC1,TC2,TC3,TC4,TT1,TT2,TT3,TT4,TT5,CC1,CC2,CC3,CC4,CC5,CC6,KQ1,KQ2,KQ3,PA1,PA2,PA3,PA4,SEX,AGE_GROUP,COMMENT";

    private static string Row(string id = "9bac090e-db9a-4157-91d4-ac028b2984c6", string questionnaire = "sipas-dvhcc@2025.1",
        string time = "2025-05-25T23:32:29+07:00", string tc1 = "4", string comment = "", string stratum = "",
        string agency = "so-xay-dung") =>
        $"{id},{questionnaire},2025-H1,web,construction,{agency},,{stratum},{time},{tc1},5,4,5,5,5,5,5,5,5,5,5,5,5,5,0,5,5,5,0,5,5,nam,35-49,{comment}";

    private static ResponsesReadResult Read(string text) =>
        ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), Q);

    private static InputFault SingleFault(string text)
    {
        var result = Read(text);
        Assert.False(result.Ok);
        return Assert.Single(result.Faults);
    }

    [Fact]
    public void Read_GoodRow_BuildsOneValidResponse()
    {
        var result = Read($"{Header}\n{Row()}\n");

        Assert.True(result.Ok);
        var sample = Assert.Single(result.Samples);
        Assert.Equal(1, sample.Count);
        Assert.Equal("so-xay-dung/construction", sample.Strata[0]);   // empty stratum → agency/area
        Assert.Equal([4, 5, 4, 5], sample.AnswersOf(0)[..4].ToArray().Select(a => (int)a));
        Assert.Equal(0, sample.AnswersOf(0)[15]);
    }

    [Theory]
    [InlineData("6")]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("4.0")]
    public void Read_ValueOutsideTheScale_IsAFaultWithItsLine(string value)
    {
        var fault = SingleFault($"{Header}\n{Row()}\n{Row(id: "11111111-1111-4111-8111-111111111111", tc1: value)}\n");

        Assert.Equal("line 3", fault.Where);
        Assert.Contains("TC1", fault.En);
        Assert.Contains($"'{value}'", fault.En);
    }

    [Fact]
    public void Read_UnknownItemColumn_IsAHeaderFault()
    {
        var fault = SingleFault($"{Header},XX9\n{Row()},1\n");

        Assert.Equal("line 1", fault.Where);
        Assert.Contains("XX9", fault.En);
    }

    [Fact]
    public void Read_MissingItemColumn_IsAHeaderFault()
    {
        var header = Header.Replace(",PA4,", ",");
        var fault = SingleFault($"{header}\n{Row().Replace(",0,5,5,nam", ",0,5,nam")}\n");

        Assert.Equal("line 1", fault.Where);
        Assert.Contains("PA4", fault.En);
    }

    [Fact]
    public void Read_RowOfAnotherQuestionnaire_IsAFault() =>
        Assert.Contains("y-te-ngoai-tru@2024.1", SingleFault($"{Header}\n{Row(questionnaire: "y-te-ngoai-tru@2024.1")}\n").En);

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("9bac090e-db9a-4157-91d4-ac028b2984c")]
    [InlineData("")]
    public void Read_BadUuid_IsAFault(string id) =>
        Assert.Contains("UUID", SingleFault($"{Header}\n{Row(id: id)}\n").En);

    [Theory]
    [InlineData("2025-05-25")]
    [InlineData("2025-05-25T23:32:29")]            // no offset
    [InlineData("2025-13-25T23:32:29+07:00")]
    [InlineData("yesterday")]
    [InlineData("2025-02-30T10:00:00+07:00")]      // no such day
    [InlineData("2025-05-25T24:00:00+07:00")]
    [InlineData("2025-05-25T23:32:29+15:00")]      // offset beyond ±14:00
    [InlineData("2025-05-25T23:32:29+07-00")]
    [InlineData("0001-01-01T00:00:00+14:00")]      // before the first instant .NET holds
    [InlineData("9999-12-31T23:00:00-14:00")]      // after the last
    public void Read_BadTimestamp_IsAFault(string time) =>
        Assert.Contains("submitted_at", SingleFault($"{Header}\n{Row(time: time)}\n").En);

    [Theory]
    [InlineData("2025-05-25T23:32:29Z")]
    [InlineData("2025-05-25T23:32:29.125+07:00")]
    [InlineData("0001-01-01T00:00:00-01:00")]
    [InlineData("9999-12-31T23:00:00+01:00")]
    public void Read_TimestampWithZoneOrFraction_IsAccepted(string time) => Assert.True(Read($"{Header}\n{Row(time: time)}\n").Ok);

    [Theory]
    [InlineData("2025-05-25T23:32:29+07:00", 2025, 5, 25, 23, 32, 29, 7)]
    [InlineData("2024-02-29T00:00:00-03:30", 2024, 2, 29, 0, 0, 0, -3.5)]
    public void TryTimestamp_CommonShape_GivesTheInstantAndOffset(string text, int y, int mo, int d, int h, int mi, int s, double offset)
    {
        Assert.True(ResponsesCsv.TryTimestamp(text, out var value));
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromHours(offset)), value);
        Assert.Equal(TimeSpan.FromHours(offset), value.Offset);
    }

    [Fact]
    public void Read_DuplicateResponseId_NamesTheFirstLine()
    {
        var fault = SingleFault($"{Header}\n{Row()}\n{Row()}\n");

        Assert.Equal("line 3", fault.Where);
        Assert.Contains("line 2", fault.En);
    }

    [Fact]
    public void Read_WrongColumnCount_IsAFault() =>
        Assert.Contains("columns", SingleFault($"{Header}\n{Row()},extra\n").En);

    [Fact]
    public void Read_QuotedFieldsWithLineBreaks_ReportThePhysicalLineWhereTheRowStarts()
    {
        var text = $"{Header}\r\n{Row(comment: "\"Hai dòng,\r\nvà \"\"ngoặc\"\"\"")}\r\n" +
                   $"{Row(id: "22222222-2222-4222-8222-222222222222", tc1: "9")}\r\n";

        Assert.Equal("line 4", SingleFault(text).Where);
    }

    [Fact]
    public void Read_ByteOrderMarkAndCrLf_AreAccepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\r\n{Row()}\r\n")).ToArray();

        var result = ResponsesCsv.Read(new MemoryStream(bytes), Q);

        Assert.True(result.Ok, string.Join("\n", result.Faults));
        Assert.Equal(1, result.Samples[0].Count);
    }

    [Fact]
    public void Read_DecomposedText_IsNormalisedToNfc()
    {
        var decomposed = "so-xây-dựng".Normalize(NormalizationForm.FormD);
        var text = $"{Header}\n{Row(agency: decomposed)}\n{Row(id: "33333333-3333-4333-8333-333333333333", agency: "so-xây-dựng")}\n";

        var sample = Assert.Single(Read(text).Samples);

        Assert.Equal(["so-xây-dựng"], sample.Agencies.Codes);
        Assert.True(sample.Agencies[0].IsNormalized(NormalizationForm.FormC));
    }

    [Fact]
    public void Read_ManyBadRows_ReportsEveryOneUpToTheCapWithTheTotal()
    {
        var text = new StringBuilder(Header + "\n");
        for (var i = 0; i < 150; i++) text.Append(Row(id: $"{i:00000000}-0000-4000-8000-000000000000", tc1: "7")).Append('\n');

        var result = Read(text.ToString());

        Assert.Equal(150, result.FaultCount);
        Assert.Equal(ResponsesCsv.MaxFaults, result.Faults.Count);
        Assert.Equal(Enumerable.Range(2, 100).Select(l => $"line {l}"), result.Faults.Select(f => f.Where));
    }

    [Fact]
    public void Read_BadRowAmongGoodOnes_KeepsTheGoodRowsAndReportsTheBadOne()
    {
        var result = Read($"{Header}\n{Row()}\n{Row(id: "44444444-4444-4444-8444-444444444444", tc1: "6")}\n");

        Assert.Equal(1, result.FaultCount);
        Assert.Equal(1, result.Samples[0].Count);
    }

    [Fact]
    public void Read_OptionValueNotInTheQuestionnaire_IsAFault() =>
        Assert.Contains("SEX", SingleFault($"{Header}\n{Row().Replace(",nam,", ",ong,")}\n").En);

    [Fact]
    public void Read_BlankLines_AreSkippedAndLineNumbersStayPhysical()
    {
        var text = $"{Header}\n{Row()}\n\n{Row(id: "55555555-5555-4555-8555-555555555555", tc1: "8")}\n\n";

        var result = Read(text);

        Assert.Equal("line 4", Assert.Single(result.Faults).Where);
        Assert.Equal(2, result.Rows);
    }

    [Fact]
    public void Read_TwoWaves_GivesOneSamplePerWaveAndTheFilterKeepsOne()
    {
        var other = Row(id: "66666666-6666-4666-8666-666666666666").Replace(",2025-H1,", ",2025-H2,");
        var text = $"{Header}\n{Row()}\n{other}\n";

        Assert.Equal(["2025-H1", "2025-H2"], Read(text).Samples.Select(s => s.Wave));
        var filtered = ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), Q, wave: "2025-H2");
        Assert.Equal("2025-H2", Assert.Single(filtered.Samples).Wave);
    }

    [Fact]
    public void Read_RepeatedColumn_IsAHeaderFault()
    {
        var fault = SingleFault($"{Header},TC1\n{Row()},4\n");

        Assert.Equal("line 1", fault.Where);
        Assert.Contains("TC1", fault.En);
    }

    [Fact]
    public void Read_EmptyFile_IsAHeaderFault() => Assert.False(Read("").Ok);

    [Fact]
    public void Read_UnterminatedQuote_IsAFaultNotACrash()
    {
        var result = Read($"{Header}\n{Row()}\n{Row(id: "77777777-7777-4777-8777-777777777777", comment: "\"never closed")}\n{Row(id: "88888888-8888-4888-8888-888888888888")}\n");

        Assert.False(result.Ok);
        Assert.Equal("line 3", result.Faults[0].Where);
    }
}
