using Sipas.Analytics.Interchange;

namespace Sipas.Analytics.Tests;

// method.md §9: rank = 1 + #higher (1e-12 ties share the better rank); rank interval by pairwise z.
public class RankingsTests
{
    private static RankPlace[] Places(double[] estimates, double[] ses) => Rankings.Places(estimates, ses);

    [Fact]
    public void Places_MethodVector_RanksAndIntervalsOfSection9()
    {
        var places = Places([0.95, 0.90, 0.90, 0.80], [0.01, 0.02, 0.00, 0.05]);

        Assert.Equal([new(1, 1, 1), new(2, 2, 4), new(2, 2, 3), new(4, 3, 4)], places);
    }

    [Fact]
    public void Places_AllTied_ShareRankOneAndTheWholeTable()
    {
        var places = Places([0.9, 0.9, 0.9], [0.01, 0.0, 0.0]);

        Assert.All(places, p => Assert.Equal(new RankPlace(1, 1, 3), p));
    }

    [Fact]
    public void Places_OneUnit_IsFirstOfOne() =>
        Assert.Equal([new RankPlace(1, 1, 1)], Places([0.42], [0.1]));

    [Fact]
    public void Places_NoUnit_IsEmpty() => Assert.Empty(Places([], []));

    [Fact]
    public void Places_BothSesZero_AnyDifferenceIsSignificant()
    {
        // Two census-like units a thousandth apart: z would be ±∞; the better is certainly first.
        var places = Places([0.901, 0.900], [0.0, 0.0]);

        Assert.Equal([new(1, 1, 1), new(2, 2, 2)], places);
    }

    [Fact]
    public void Places_OneSeZero_UsesTheOther()
    {
        // z = 0.02 / 0.01 = 2 > 1.96: significant; z = 0.019 / 0.01 = 1.9: not.
        Assert.Equal([new(1, 1, 1), new(2, 2, 2)], Places([0.92, 0.90], [0.0, 0.01]));
        Assert.Equal([new(1, 1, 2), new(2, 1, 2)], Places([0.919, 0.90], [0.0, 0.01]));
    }

    [Fact]
    public void Places_WithinTolerance_AreEqualEvenWithZeroSes()
    {
        // 1e-13 apart: the same estimate reached by other summation orders; a tie, not a certain difference.
        var places = Places([0.9 + 1e-13, 0.9, 0.8], [0.0, 0.0, 0.0]);

        Assert.Equal([new(1, 1, 2), new(1, 1, 2), new(3, 3, 3)], places);
    }

    [Fact]
    public void Places_JustBeyondTolerance_AreDifferent()
    {
        var places = Places([0.9 + 1e-11, 0.9], [0.01, 0.01]);

        Assert.Equal([new(1, 1, 2), new(2, 1, 2)], places);
    }

    [Fact]
    public void Places_RankAlwaysInsideItsInterval()
    {
        var random = new Random(9);
        for (var t = 0; t < 200; t++)
        {
            var n = random.Next(1, 12);
            var p = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble(), 2)).ToArray();
            var se = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0 ? 0 : random.NextDouble() * 0.05).ToArray();

            var places = Places(p, se);

            Assert.All(places, x => Assert.True(1 <= x.Low && x.Low <= x.Rank && x.Rank <= x.High && x.High <= n, $"{x}"));
        }
    }

    [Fact]
    public void Places_MismatchedLengths_Throw() =>
        Assert.Throws<ArgumentException>(() => Rankings.Places([0.9, 0.8], [0.01]));

    private static ResultRow Overall(GroupType type, string code, double estimate, double se, int n,
        ResultFlags flags = ResultFlags.None, string wave = "2025-H1", string indicator = "SIPAS") =>
        new(wave, indicator, type, code, "", "", n, null, estimate, se, new Interval(estimate - se, estimate + se), n, flags);

    [Fact]
    public void Of_RanksAgenciesAndUnitsApart_UndefinedListedUnranked_SmallSamplesFlagged()
    {
        var results = new[]
        {
            Overall(GroupType.Province, "40", 0.9, 0.01, 500),
            Overall(GroupType.Agency, "so-b", 0.90, 0.02, 100),
            Overall(GroupType.Agency, "so-a", 0.90, 0.00, 40),
            Overall(GroupType.Agency, "so-c", double.NaN, double.NaN, 0, ResultFlags.SmallSample | ResultFlags.Undefined),
            Overall(GroupType.Agency, "so-d", 0.95, 0.01, 12, ResultFlags.SmallSample),
            Overall(GroupType.Agency, "so-e", 0.80, 0.05, 60, ResultFlags.LonelyStratum),
            Overall(GroupType.Area, "land", 0.99, 0.01, 100),
            Overall(GroupType.Unit, "16681", 0.70, 0.03, 50),
            Overall(GroupType.Unit, "16690", 0.85, 0.03, 50),
            new ResultRow("2025-H1", "SIPAS", GroupType.Agency, "so-f", "TIEP_CAN", "", 10, null, 1.0, 0, new Interval(1, 1), 10,
                ResultFlags.SmallSample),
        };

        var rows = Rankings.Of(results);

        Assert.Equal(["agency so-d 1 1-1 small-sample", "agency so-a 2 2-3 ", "agency so-b 2 2-4 ",
                "agency so-e 4 3-4 lonely-stratum", "agency so-c - - small-sample|undefined",
                "unit 16690 1 1-1 ", "unit 16681 2 2-2 "],
            rows.Select(r => $"{ResultText.Of(r.GroupType)} {r.GroupCode} " +
                             (r.Place is { } p ? $"{p.Rank} {p.Low}-{p.High}" : "- -") + $" {ResultText.Of(r.Flags)}"));
        var undefined = rows.Single(r => r.GroupCode == "so-c");
        Assert.True(double.IsNaN(undefined.Estimate) && double.IsNaN(undefined.Se) && undefined.NValid == 0);
    }

    [Fact]
    public void Of_TwoWaves_AreRankedApart()
    {
        var rows = Rankings.Of([
            Overall(GroupType.Agency, "so-a", 0.9, 0.01, 100, wave: "2025-H1"),
            Overall(GroupType.Agency, "so-b", 0.8, 0.01, 100, wave: "2025-H1"),
            Overall(GroupType.Agency, "so-a", 0.7, 0.01, 100, wave: "2025-H2"),
            Overall(GroupType.Agency, "so-b", 0.8, 0.01, 100, wave: "2025-H2"),
        ]);

        Assert.Equal(["2025-H1 so-a 1", "2025-H1 so-b 2", "2025-H2 so-b 1", "2025-H2 so-a 2"],
            rows.Select(r => $"{r.Wave} {r.GroupCode} {r.Place!.Value.Rank}"));
    }

    [Fact]
    public void RankingsCsv_UndefinedRowLeavesNumbersEmpty_TextCellsNeutralised()
    {
        var rows = Rankings.Of([
            Overall(GroupType.Agency, "=cmd", 0.5, 0.25, 31),
            Overall(GroupType.Agency, "so-c", double.NaN, double.NaN, 0, ResultFlags.SmallSample | ResultFlags.Undefined),
        ]);
        using var buffer = new MemoryStream();

        RankingsCsv.Write(buffer, rows);

        Assert.Equal(RankingsCsv.Header + "\n" +
                     "2025-H1,SIPAS,agency,'=cmd,31,0.5,0.25,1,1,1,\n" +
                     "2025-H1,SIPAS,agency,so-c,0,,,,,,small-sample|undefined\n",
            System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }
}
