using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sipas.Reports.Bench;

/// <summary>Every report kind of one synthetic snapshot rendered on all cores, counted and timed.</summary>
public static class AllKinds
{
    /// <param name="CpuSeconds">The process's CPU time over the run: what the work costs whatever else the host runs.</param>
    public sealed record Totals(int Documents, int Pages, double Seconds, long Bytes, double CpuSeconds);

    public static Totals Render(WaveReportModel report)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var languages = new[] { ReportLanguage.Vi, ReportLanguage.En };
        var sets = languages.SelectMany(l => new[]
        {
            SyntheticScorecards.Build(ScorecardKind.Agency, report with { Language = l }),
            SyntheticScorecards.Build(ScorecardKind.Commune, report with { Language = l }),
        }).ToArray();
        var jobs = new List<Func<byte[]>>();
        jobs.AddRange(languages.Select(l => (Func<byte[]>)(() => WaveReport.Render(report with { Language = l }))));
        jobs.AddRange(sets.Select(s => (Func<byte[]>)(() => ScorecardReport.Render(s))));
        jobs.AddRange(languages.SelectMany(l => SyntheticSectors.All.Select(k => SyntheticSectors.Build(k.Kind, k.Area, k.Indicator, report with { Language = l })))
            .Select(m => (Func<byte[]>)(() => SectorReport.Render(m))));
        foreach (var set in sets.Where(s => s.Language == report.Language))
            jobs.AddRange(set.Cards.Select(c => (Func<byte[]>)(() => ScorecardReport.RenderOne(set, c.Code))));
        var done = new ConcurrentBag<byte[]>();
        Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, job => done.Add(job()));
        var seconds = clock.Elapsed.TotalSeconds;
        var used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new Totals(done.Count, done.Sum(PdfPages.Count), seconds, done.Sum(d => (long)d.Length), used);
    }
}
