using System.Text;
using Sipas.Analytics.Interchange;

namespace Sipas.Analytics.Tests;

// method.md §2: frame faults are reported, never silently weighted 1.
public class FrameTests
{
    [Fact]
    public void Compute_StratumMissingFromTheFrame_IsAFaultNamingTheStratum()
    {
        var frame = Examples.Frame("sipas-stratified")!;
        var partial = new PopulationFrame();
        partial.Set("2025-H1", "so-xay-dung/construction", 4200);

        var estimation = Estimator.Compute(Examples.Sample("sipas-stratified"), partial);

        Assert.False(estimation.Ok);
        Assert.Empty(estimation.Results);
        Assert.Equal(18, estimation.Faults.Count);   // 19 strata in the data, one given
        Assert.Contains(estimation.Faults, f => f.Where == "frame: ubnd-16681/land");
        Assert.NotNull(frame);
    }

    [Fact]
    public void Compute_MoreValidResponsesThanPopulation_IsAFault()
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var sample = TestData.Sample(q, [5], [4], [2]);
        var frame = new PopulationFrame([("2025-H1", "a1/land", 2.0)]);

        var fault = Assert.Single(Estimator.Compute(sample, frame).Faults);

        Assert.Contains("3 valid responses", fault.En);
    }

    [Fact]
    public void Compute_FrameRowsOfAnotherWave_DoNotCount()
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var frame = new PopulationFrame([("2024-H2", "a1/land", 100.0)]);

        Assert.False(Estimator.Compute(TestData.Sample(q, [5], [4]), frame).Ok);
    }

    [Theory]
    [InlineData("2025-H1,a/land,-3", "0 or more")]
    [InlineData("2025-H1,a/land,12.5", "0 or more")]
    [InlineData("2025-H1,,12", "Missing")]
    [InlineData("2025-H1,a/land", "columns")]
    public void FrameCsv_MalformedRow_IsAFaultWithItsLine(string row, string reason)
    {
        var (frame, faults) = FrameCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes($"wave,stratum,population\n2025-H1,b/land,5\n{row}\n")));

        Assert.Null(frame);
        var fault = Assert.Single(faults);
        Assert.Equal("line 3", fault.Where);
        Assert.Contains(reason, fault.En);
    }

    [Fact]
    public void FrameCsv_RepeatedStratum_IsAFault() =>
        Assert.Contains("line 2", Assert.Single(FrameCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(
            "wave,stratum,population\n2025-H1,b/land,5\n2025-H1,b/land,6\n"))).Faults).En);

    [Fact]
    public void FrameCsv_PopulationZero_IsRead_WithItsLine()
    {
        var (frame, faults) = FrameCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes("wave,stratum,population\n2025-H1,b/land,5\n2025-H1,c/land,0\n")));

        Assert.Empty(faults);
        Assert.Equal((0.0, 3), (frame!.Of("2025-H1", "c/land"), frame.LineOf("2025-H1", "c/land")));
    }

    [Fact]
    public void Compute_FrameRowWithPopulationZero_ForAStratumWithoutValidResponses_IsIgnored()
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 2);
        var builder = new SampleBuilder(q, "2025-H1");
        builder.Add([5, 4], "a1/land", "a1", "land", "", "paper");
        builder.Add([4, 2], "a1/land", "a1", "land", "", "paper");
        builder.Add([0, 1], "a2/land", "a2", "land", "", "paper");   // invalid: one valid answer of two
        var frame = new PopulationFrame([("2025-H1", "a1/land", 10.0), ("2025-H1", "a2/land", 0.0), ("2025-H1", "a9/land", 0.0)]);

        var estimation = Estimator.Compute(builder.Build(), frame);

        Assert.True(estimation.Ok, string.Join("; ", estimation.Faults));
        Assert.Equal(0.75, estimation.Results.Single(r => r.GroupType == GroupType.Province && r.Section == "").Estimate, 1e-15);
    }

    [Fact]
    public void Compute_FrameRowWithPopulationZero_ForAStratumWithValidResponses_IsAFaultAtItsLine()
    {
        var q = TestData.Questionnaire(Aggregation.MeanOfItems, 1);
        var (frame, _) = FrameCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes("wave,stratum,population\n2025-H1,b/land,5\n2025-H1,a1/land,0\n")));

        var fault = Assert.Single(Estimator.Compute(TestData.Sample(q, [5], [4]), frame).Faults);

        Assert.Equal("line 3", fault.Where);
        Assert.Contains("a1/land has 2 valid responses but the frame says N = 0", fault.En);
        Assert.Contains("Tầng a1/land có 2 phiếu hợp lệ", fault.Vi);
    }

    [Fact]
    public void PopulationFrame_NegativePopulation_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PopulationFrame([("2025-H1", "a/land", -1.0)]));
}
