namespace Sipas.Analytics.Interchange;

public static partial class ResponsesCsv
{
    /// <summary>One wave's sample in the making: its code tables, then its arrays and where each chunk's rows go.</summary>
    private sealed class WaveParts(string wave, int chunks)
    {
        public readonly string Wave = wave;
        public readonly CodeTable Strata = new(), Agencies = new(), Areas = new(), Units = new(), Channels = new();
        public readonly int[] Start = new int[chunks + 1];
        public sbyte[] Answers = [];
        public int[] Stratum = [], Agency = [], Area = [], Unit = [], Channel = [];
    }

    /// <summary>
    /// One sample per wave (ordinal order) of the chunks' kept rows, leaving out the <paramref name="dropped"/>
    /// ones. Codes enter their tables in file order, as one builder fed every row would have them; then every
    /// chunk copies its rows into its own range, in parallel.
    /// </summary>
    private static Sample[] Samples(Questionnaire questionnaire, IReadOnlyList<RowReader> chunks, bool[]?[] dropped,
        int parallelism)
    {
        var m = questionnaire.ScoredItems.Count;
        var waves = new List<WaveParts>();
        // Per chunk and combination: its wave and its codes' indexes in that wave's tables (null: not met yet).
        var places = new int[chunks.Count][][];
        for (var c = 0; c < chunks.Count; c++)
        {
            var chunk = chunks[c];
            var mine = places[c] = new int[chunk.Combos.Items.Count][];
            for (var k = 0; k < chunk.Kept; k++)
            {
                if (dropped[c]?[k] == true) continue;
                var combo = chunk.ComboOf[k];
                var place = mine[combo] ??= PlaceOf(chunk.Combos.Items[combo]);
                waves[place[0]].Start[c + 1]++;
            }
        }
        foreach (var wave in waves)
        {
            for (var c = 0; c < chunks.Count; c++) wave.Start[c + 1] += wave.Start[c];
            var n = wave.Start[^1];
            wave.Answers = new sbyte[n * m];
            (wave.Stratum, wave.Agency, wave.Area, wave.Unit, wave.Channel) = (new int[n], new int[n], new int[n], new int[n], new int[n]);
        }

        Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, c =>
        {
            var chunk = chunks[c];
            var skip = dropped[c];
            var to = waves.Select(w => w.Start[c]).ToArray();
            var block = waves.Count == 1 && skip is null;   // the chunk's answers are then one block
            if (block && chunk.Kept > 0) chunk.Answers.AsSpan(0, chunk.Kept * m).CopyTo(waves[0].Answers.AsSpan(to[0] * m));
            for (var k = 0; k < chunk.Kept; k++)
            {
                if (skip?[k] == true) continue;
                var place = places[c][chunk.ComboOf[k]];
                var wave = waves[place[0]];
                var at = to[place[0]]++;
                if (!block) chunk.Answers.AsSpan(k * m, m).CopyTo(wave.Answers.AsSpan(at * m, m));
                wave.Stratum[at] = place[1];
                wave.Agency[at] = place[2];
                wave.Area[at] = place[3];
                wave.Unit[at] = place[4];
                wave.Channel[at] = place[5];
            }
        });

        return waves.OrderBy(w => w.Wave, StringComparer.Ordinal)
            .Select(w => new Sample(questionnaire, w.Wave, w.Answers, w.Stratum, w.Agency, w.Area, w.Unit, w.Channel,
                w.Strata, w.Agencies, w.Areas, w.Units, w.Channels))
            .ToArray();

        int[] PlaceOf(Combo combo)
        {
            var w = waves.FindIndex(x => x.Wave == combo.Wave);
            if (w < 0) waves.Add(new WaveParts(combo.Wave, chunks.Count));
            var wave = waves[w = w < 0 ? waves.Count - 1 : w];
            return [w, wave.Strata.Add(combo.Stratum), wave.Agencies.Add(combo.Agency), wave.Areas.Add(combo.Area),
                combo.Unit.Length == 0 ? -1 : wave.Units.Add(combo.Unit), wave.Channels.Add(combo.Channel)];
        }
    }
}
