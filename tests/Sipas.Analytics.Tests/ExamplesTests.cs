using Sipas.Analytics.Interchange;

namespace Sipas.Analytics.Tests;

// Expected numbers: spec/examples/*/expected-*.csv, computed with R's survey package (see spec/method.md), and for
// `unanimous` and `edges` by the independent tools/reference.py (tests/data/README.md).
public class ExamplesTests
{
    public static TheoryData<string> Names => new(Examples.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Analyze_Example_WritesExpectedFilesRowForRow(string name)
    {
        var output = Examples.Analyze(name);
        try
        {
            var differences = new List<string>();
            differences.AddRange(Compare(name, output, "results", "wave", "indicator", "group_type", "group_code", "section", "item"));
            differences.AddRange(Compare(name, output, "reliability", "group_type", "group_code", "section"));
            differences.AddRange(Compare(name, output, "counts", "wave", "group_type", "group_code"));
            differences.AddRange(Compare(name, output, "verdicts", "wave", "indicator", "year", "group_type", "group_code"));
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(30)));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static List<string> Compare(string name, string output, string file, params string[] keys) =>
        Examples.Differences(Examples.ReadCsv(Examples.PathOf(name, $"expected-{file}.csv")),
            Examples.ReadCsv(Path.Combine(output, $"{file}.csv")), keys).Select(d => $"{file}: {d}").ToList();

    [Theory]
    [MemberData(nameof(Names))]
    public void Estimator_Example_RowOrderIsProvinceAgenciesAreasWithSectionsThenItems(string name)
    {
        var estimation = Estimator.Compute(Examples.Sample(name), Examples.Frame(name));
        var expected = Examples.ReadCsv(Examples.PathOf(name, "expected-results.csv"))
            .Select(r => $"{r["group_type"]},{r["group_code"]},{r["section"]},{r["item"]}");

        var actual = estimation.Results.Select(r => $"{ResultText.Of(r.GroupType)},{r.GroupCode},{r.Section},{r.Item}");

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResultsCsv_WrittenThenRead_EqualsTheRows(string name)
    {
        var rows = Estimator.Compute(Examples.Sample(name), Examples.Frame(name)).Results;
        using var buffer = new MemoryStream();
        ResultsCsv.Write(buffer, rows);
        buffer.Position = 0;

        var (read, faults) = ResultsCsv.Read(buffer);

        Assert.Empty(faults);
        Assert.Equal(rows, read);   // "R" formatting round-trips every double exactly
    }

    [Fact]
    public void ResultsCsv_TextCellsAreNeutralised_NumbersStayNumbers()
    {
        var row = new ResultRow("2025-H1", "SIPAS", GroupType.Agency, "=HYPERLINK(\"http://x\",\"y\")", "@S", "-1", 3, -0.5,
            -0.5, 0.25, new Interval(-1.5, 0.5), 2.5, ResultFlags.None);
        using var buffer = new MemoryStream();

        ResultsCsv.Write(buffer, [row]);

        var line = System.Text.Encoding.UTF8.GetString(buffer.ToArray()).Split('\n')[1];
        Assert.Equal("2025-H1,SIPAS,agency,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'@S,'-1,3,-0.5,-0.5,0.25,-1.5,0.5,2.5,", line);
    }

    [Fact]
    public void Tiny_ReadmeNumbers_MatchTheHandWorkedFigures()
    {
        // spec/examples/tiny/README.md §1–3.
        var estimation = Estimator.Compute(Examples.Sample("tiny"));
        var province = estimation.Counts.Single(c => c.GroupType == GroupType.Province);
        var tc1 = estimation.Results.Single(r => r.GroupType == GroupType.Province && r.Item == "TC1");
        var tiepCan = estimation.Results.Single(r => r.GroupCode == "ubnd-16690" && r.Section == "TIEP_CAN" && r.Item == "");

        Assert.Equal((40, 39, 1), (province.NResponses, province.NValidResponses, province.NInvalid));
        Assert.Equal((38, 33.0), (tc1.NValid, tc1.NPositive!.Value));
        Assert.Equal(0.868421052631579, tc1.Estimate, 1e-14);
        Assert.Equal(0.0555529444201701, tc1.Se, 1e-14);
        Assert.Equal(37.025641025641, tc1.NEff, 1e-11);
        Assert.Equal(0.724518792825189, tc1.Ci.Lower, 1e-14);
        Assert.Equal(0.94306103017754, tc1.Ci.Upper, 1e-13);
        Assert.Equal(0.849264705882353, tiepCan.Estimate, 1e-14);
        Assert.Equal(17, tiepCan.NValid);
        Assert.Equal(ResultFlags.SmallSample, tiepCan.Flags);
    }

    [Fact]
    public void Unanimous_AreaConstruction_IsTheHandWorkedCase()
    {
        // spec/examples/unanimous/README.md: two unanimous strata, p = 0.5, Var = 0, n_eff = 5, Wilson at n = 5.
        var estimation = Estimator.Compute(Examples.Sample("unanimous"), Examples.Frame("unanimous"));
        var rows = estimation.Results.Where(r => r.GroupType == GroupType.Area && r.GroupCode == "construction").ToList();

        Assert.Equal(8, rows.Count);   // overall, 2 sections, 5 items
        Assert.All(rows, r => Assert.Equal((0.5, 0.0, 5.0, 0.170423580643588, 0.829576419356412),
            (Math.Round(r.Estimate, 14), r.Se, r.NEff, Math.Round(r.Ci.Lower, 15), Math.Round(r.Ci.Upper, 15))));
    }

    [Fact]
    public void Edges_EveryFlagOccurs()
    {
        var flags = Estimator.Compute(Examples.Sample("edges"), Examples.Frame("edges")).Results.Select(r => r.Flags).ToHashSet();

        Assert.Contains(ResultFlags.None, flags);
        Assert.Contains(ResultFlags.LonelyStratum, flags);
        Assert.Contains(ResultFlags.SmallSample | ResultFlags.Undefined, flags);
        Assert.Contains(ResultFlags.SmallSample | ResultFlags.LonelyStratum, flags);
    }
}
