namespace Sipas.Jobs.Tests;

/// <summary><see cref="WaveRows.IdOrder"/>: PostgreSQL's uuid order, both halves compared, ties of the high half included.</summary>
public class WaveRowsTests
{
    [Fact]
    public void IdOrder_ComparesTheHighHalvesThenTheLowHalves()
    {
        var random = new Random(17);
        var rows = new WaveRows(0, 0);
        var ids = new List<(ulong High, ulong Low, int Row)>();
        for (var r = 0; r < 5000; r++)
        {
            // Few distinct high halves (many long runs of equal ones), low halves from the whole range.
            var high = ((ulong)(uint)random.Next(16) << 60) + (uint)random.Next(3);
            var low = (ulong)random.NextInt64() * 2 + (uint)random.Next(2);
            rows.Add(high, low, 0, 0, 0, 0);
            ids.Add((high, low, r));
        }
        var expected = ids.OrderBy(x => x.High).ThenBy(x => x.Low).Select(x => x.Row).ToArray();
        Assert.Equal(expected, rows.IdOrder());
    }
}
