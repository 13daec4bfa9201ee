namespace Sipas.Analytics;

/// <summary>
/// The cells (group g × design stratum h) that a group type splits the valid responses into: the unit over
/// which sums are accumulated, so that each stratum's variance term can be formed per group. Built from the
/// atoms (each atom lies in exactly one cell, or in none when it has no group of this type).
/// </summary>
internal sealed class GroupCells
{
    /// <summary>Cell of each atom, −1 for atoms in no group.</summary>
    public readonly int[] CellOfAtom;
    /// <summary>Group of each cell.</summary>
    public readonly int[] Group;
    /// <summary>Design stratum of each cell.</summary>
    public readonly int[] Stratum;

    public int Count => Group.Length;

    public GroupCells(SampleAtoms atoms, Design design, int[] groupOfAtom)
    {
        CellOfAtom = new int[atoms.Count];
        var index = new Dictionary<(int, int), int>();
        var group = new List<int>();
        var stratum = new List<int>();
        for (var a = 0; a < atoms.Count; a++)
        {
            var g = groupOfAtom[a];
            if (g < 0) { CellOfAtom[a] = -1; continue; }
            var h = design.StratumOf[atoms.Stratum[a]];
            if (!index.TryGetValue((g, h), out var cell))
            {
                index[(g, h)] = cell = group.Count;
                group.Add(g);
                stratum.Add(h);
            }
            CellOfAtom[a] = cell;
        }
        Group = group.ToArray();
        Stratum = stratum.ToArray();
    }
}
