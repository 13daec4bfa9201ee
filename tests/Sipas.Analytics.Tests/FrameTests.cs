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
    [InlineData("2025-H1,a/land,0", "positive")]
    [InlineData("2025-H1,a/land,12.5", "positive")]
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
}
