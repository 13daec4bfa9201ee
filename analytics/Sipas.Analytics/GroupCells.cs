namespace Sipas.Analytics;

/// <summary>
/// The cells (group g × design stratum h) that a group type splits the valid responses into: the unit over
/// which sums are accumulated, so that each stratum's variance term can be formed per group.
/// </summary>
internal sealed class GroupCells
{
    /// <summary>Cell of each response, −1 for invalid responses and responses in no group.</summary>
    public readonly int[] CellOf;
    /// <summary>Group of each cell.</summary>
    public readonly int[] Group;
    /// <summary>Design stratum of each cell.</summary>
    public readonly int[] Stratum;

    public int Count => Group.Length;

    public GroupCells(Sample sample, bool[] valid, Design design, int[] groupOf, int groups)
    {
        var h = design.StrataCount;
        CellOf = new int[sample.Count];
        var group = new List<int>();
        var stratum = new List<int>();
        var dense = (long)groups * h <= 1 << 22 ? new int[groups * h] : null;   // 0 = no cell yet, else cell + 1
        var sparse = dense is null ? new Dictionary<long, int>() : null;
        for (var k = 0; k < sample.Count; k++)
        {
            var g = groupOf[k];
            if (!valid[k] || g < 0) { CellOf[k] = -1; continue; }
            var s = design.StratumOf[sample.Stratum[k]];
            var key = (long)g * h + s;
            int cell;
            if (dense is not null)
            {
                cell = dense[key] - 1;
                if (cell < 0) { cell = group.Count; dense[key] = cell + 1; group.Add(g); stratum.Add(s); }
            }
            else if (!sparse!.TryGetValue(key, out cell))
            {
                cell = group.Count;
                sparse[key] = cell;
                group.Add(g);
                stratum.Add(s);
            }
            CellOf[k] = cell;
        }
        Group = group.ToArray();
        Stratum = stratum.ToArray();
    }
}
