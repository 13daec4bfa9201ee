using System.Collections.Concurrent;
using Sipas.Api.Setup;

namespace Sipas.Api.Intake;

/// <summary>
/// Counts of shared counters (<see cref="RateCounters"/>) handed out in blocks: a replica reserves <c>Block</c> counts
/// of a key at once (one statement adds the block to the shared row) and numbers its requests from that range, so a
/// busy key costs one database write per block instead of one per request, and no replica waits on another's row
/// lock per request. A limit then holds across replicas to within a block per replica (a replica may hold counts it
/// has not used yet, which can only make a limit meet earlier, never later); a block of 1 is exact. Blocks are
/// chosen per limit (<see cref="BlockFor"/>): the device cap is exact, generous limits reserve a thirtieth of the limit.
/// </summary>
public sealed class CounterLeases(RateCounters counters, TimeProvider clock)
{
    private sealed class Lease
    {
        public DateTimeOffset Window;
        public long Next, End;
    }

    private readonly ConcurrentDictionary<string, Lease> leases = new();
    private long nextPrune = clock.GetUtcNow().AddMinutes(5).UtcTicks;

    /// <summary>The block for a limit: a thirtieth of it (1 to 1,000), so a limit is exact to within about 3% per replica.</summary>
    public static int BlockFor(int limit) => Math.Clamp(limit / 30, 1, 1000);

    /// <summary>The next count of each key in its window (1 for the first request of a window, across every replica).</summary>
    public async Task<int[]> NextAsync(IReadOnlyList<(string Key, DateTimeOffset Window, TimeSpan Keep, int Block)> wanted, CancellationToken ct)
    {
        var result = new int[wanted.Count];
        var missing = new List<int>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var (key, window, _, block) = wanted[i];
            if (block > 1 && leases.TryGetValue(key, out var lease))
                lock (lease)
                    if (lease.Window == window && lease.Next <= lease.End)
                    {
                        result[i] = (int)lease.Next++;
                        continue;
                    }
            missing.Add(i);
        }
        if (missing.Count == 0) return result;

        var totals = await counters.AddAllAsync(missing.Select(i => (wanted[i].Key, wanted[i].Window, wanted[i].Keep, wanted[i].Block)).ToList(), ct);
        for (var j = 0; j < missing.Count; j++)
        {
            var (key, window, _, block) = wanted[missing[j]];
            var first = totals[j] - block + 1;
            result[missing[j]] = first;
            if (block == 1) continue;
            var lease = leases.GetOrAdd(key, _ => new Lease());
            lock (lease) (lease.Window, lease.Next, lease.End) = (window, first + 1, totals[j]);
        }
        Prune();
        return result;
    }

    /// <summary>Forgets leases of past windows (at most every five minutes).</summary>
    private void Prune()
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref nextPrune);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextPrune, now.AddMinutes(5).UtcTicks, due) != due) return;
        foreach (var (key, lease) in leases)
            if (lease.Window < now.AddHours(-2)) leases.TryRemove(key, out _);
    }
}
