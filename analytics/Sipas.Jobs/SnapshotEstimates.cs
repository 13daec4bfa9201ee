using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>One scope of a snapshot: its channel column ("" for the official figures), sample and frame.</summary>
/// <param name="Order">Its place in the order the scopes were listed: of several failing scopes, the first is reported.</param>
public sealed record SnapshotScope(string Channel, Sample Sample, PopulationFrame? Frame, int Order);

/// <summary>
/// Every scope's estimates, computed on <c>threads</c> threads and handed out in the order of the results table's key
/// (channel, indicator, group type, group code, section, item), so that the writer fills the table's index from left to
/// right while the rest is still being estimated. Each sample is estimated alone by the pure engine, so the rows do not
/// depend on the threads; a sample that stands for two scopes (the counted sample is its own <c>unflagged</c> scope when
/// no counted response is flagged) is estimated once. A failure is reported once every scope listed before it is done,
/// so the error is the one a run in list order would meet first.
/// </summary>
public sealed class SnapshotEstimates
{
    private readonly Work[] works;
    private readonly (SnapshotScope Scope, Work Work)[] emissions;
    private int next = -1, firstFailure = int.MaxValue;

    private SnapshotEstimates(IReadOnlyList<SnapshotScope> scopes)
    {
        var byKey = new Dictionary<(Sample, PopulationFrame?), Work>(new SameInstances());
        emissions = [.. scopes.OrderBy(s => s.Channel, StringComparer.Ordinal)
            .ThenBy(s => s.Sample.Questionnaire.Family, StringComparer.Ordinal).ThenBy(s => s.Order)
            .Select(s =>
            {
                if (!byKey.TryGetValue((s.Sample, s.Frame), out var work)) byKey[(s.Sample, s.Frame)] = work = new Work();
                work.Scopes.Add(s);
                return (s, work);
            })];
        works = [.. byKey.Values];   // in order of first emission
        foreach (var work in works) work.Remaining = work.Scopes.Count;
    }

    /// <summary>
    /// Starts estimating <paramref name="scopes"/> with <paramref name="estimate"/> (channel, sample, frame → rows) on
    /// <paramref name="threads"/> threads.
    /// </summary>
    public static SnapshotEstimates Start(IReadOnlyList<SnapshotScope> scopes, int threads,
        Func<string, Sample, PopulationFrame?, List<SnapshotResult>> estimate, CancellationToken ct)
    {
        var estimates = new SnapshotEstimates(scopes);
        for (var t = 0; t < Math.Max(1, threads); t++)
            Task.Factory.StartNew(() => estimates.Run(estimate, ct), ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return estimates;
    }

    /// <summary>Each scope's channel and rows, sorted by the table's key, as soon as they are ready, in key order.</summary>
    public IEnumerable<(string Channel, List<SnapshotResult> Rows)> InKeyOrder()
    {
        foreach (var (scope, work) in emissions)
        {
            work.Done.Wait();
            if (work.Failure is not null)
            {
                foreach (var other in works) other.Done.Wait();
                works.Where(w => w.Failure is not null).MinBy(w => w.Order)!.Failure!.Throw();
            }
            yield return (scope.Channel, work.Rows!);
            if (--work.Remaining == 0) work.Rows = null;   // let the rows go once every scope of the sample is written
        }
    }

    /// <summary>Skips every scope not started yet (the caller gave up: a failure elsewhere, or the run was stopped).</summary>
    public void Stop() => Volatile.Write(ref firstFailure, -1);

    private void Run(Func<string, Sample, PopulationFrame?, List<SnapshotResult>> estimate, CancellationToken ct)
    {
        for (int i; (i = Interlocked.Increment(ref next)) < works.Length;)
        {
            var work = works[i];
            try
            {
                ct.ThrowIfCancellationRequested();
                if (work.Order > Volatile.Read(ref firstFailure)) continue;   // an earlier scope failed: never reported
                var first = work.Scopes.MinBy(s => s.Order)!;
                var rows = estimate(first.Channel, first.Sample, first.Frame);
                rows.Sort(KeyOrder);
                work.Rows = rows;
            }
            catch (Exception e)
            {
                work.Failure = ExceptionDispatchInfo.Capture(e);
                int seen;
                while (work.Order < (seen = Volatile.Read(ref firstFailure))
                       && Interlocked.CompareExchange(ref firstFailure, work.Order, seen) != seen) { }
            }
            finally
            {
                work.Done.Set();
            }
        }
    }

    /// <summary>The results table's key within one scope (channel and indicator are the same for all its rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]   // called a few million times by the sorts
    private static int KeyOrder(SnapshotResult a, SnapshotResult b)
    {
        var c = string.CompareOrdinal(a.GroupType, b.GroupType);
        if (c == 0) c = string.CompareOrdinal(a.GroupCode, b.GroupCode);
        if (c == 0) c = string.CompareOrdinal(a.Section, b.Section);
        return c != 0 ? c : string.CompareOrdinal(a.Item, b.Item);
    }

    private sealed class Work
    {
        public readonly List<SnapshotScope> Scopes = [];
        public readonly ManualResetEventSlim Done = new();
        public int Order => Scopes.Min(s => s.Order);
        public int Remaining;
        public List<SnapshotResult>? Rows;
        public ExceptionDispatchInfo? Failure;
    }

    private sealed class SameInstances : IEqualityComparer<(Sample, PopulationFrame?)>
    {
        public bool Equals((Sample, PopulationFrame?) a, (Sample, PopulationFrame?) b) =>
            ReferenceEquals(a.Item1, b.Item1) && ReferenceEquals(a.Item2, b.Item2);
        public int GetHashCode((Sample, PopulationFrame?) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Item1),
                key.Item2 is null ? 0 : System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Item2));
    }
}
