using System.Text;
using Sipas.Analytics.Interchange;
using Sipas.Jobs.Exports;

namespace Sipas.Jobs.Tests.Microdata;

/// <summary>The export's byte-level CSV cell rule (<see cref="CsvCell"/>) is the string rule of CsvText and SpreadsheetText.</summary>
public class CsvCellTests
{
    [Theory]
    [InlineData("", "", "")]
    [InlineData("Tốt", "Tốt", "Tốt")]
    [InlineData("a,b", "\"a,b\"", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"", "\"line\nbreak\"")]
    [InlineData("=1+2", "'=1+2", "=1+2")]
    [InlineData("-0.5", "'-0.5", "-0.5")]
    [InlineData("\rx", "\"'\rx\"", "\"\rx\"")]
    [InlineData("@a,\"b\"", "\"'@a,\"\"b\"\"\"", "\"@a,\"\"b\"\"\"")]
    [InlineData("x=1", "x=1", "x=1")]
    public void Cell_IsQuotedAndGuarded(string value, string text, string number)
    {
        Assert.Equal(text, Write(value, text: true));
        Assert.Equal(number, Write(value, text: false));
    }

    [Fact]
    public void Cell_EqualsTheStringRule_OnRandomTexts()
    {
        string[] pieces = [",", "\"", "\r", "\n", "=", "+", "-", "@", "\t", "'", " ", "a", "Z", "9", "ệ", "Đ", "ữ", "👍🏽", "中", "|", "\\"];
        var random = new Random(2025);
        for (var n = 0; n < 20_000; n++)
        {
            var value = string.Concat(Enumerable.Range(0, random.Next(0, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            Assert.Equal(CsvText.Field(CsvText.Text(value)), Write(value, text: true));
            Assert.Equal(CsvText.Field(value), Write(value, text: false));
        }
    }

    private static string Write(string value, bool text)
    {
        var utf8 = Encoding.UTF8.GetBytes(value);
        var destination = new byte[CsvCell.MaxLength(utf8.Length)];
        return Encoding.UTF8.GetString(destination, 0, CsvCell.Write(utf8, text, destination));
    }
}
