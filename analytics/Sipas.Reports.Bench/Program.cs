using System.Diagnostics;
using Sipas.Reports;
using Sipas.Reports.Bench;

// sipas-report-bench [--out FILE] [--lang en]: render the synthetic full-province report once to warm up, then
// time three renders (the median is the "report:" line); then every report kind of the same snapshot (150 agencies,
// 130 communes): the province report, all agency and commune scorecards in one PDF each, the sector reports (land,
// construction, investment) and the health and education reports, in both languages, and
// every scorecard on its own in the report's language, on all cores; the closing line counts them.
string? output = null;
var language = ReportLanguage.Vi;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--out": output = args[i + 1]; break;
        case "--lang": language = args[i + 1] == "en" ? ReportLanguage.En : ReportLanguage.Vi; break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
    }
}
var model = SyntheticReport.Build(language: language);
var cold = Stopwatch.StartNew();
var warm = WaveReport.Render(model);
Console.WriteLine(FormattableString.Invariant($"warm-up (first render in the process): {cold.Elapsed.TotalSeconds:0.000} s"));

var times = new List<double>();
byte[] pdf = warm;
for (var run = 0; run < 3; run++)
{
    var clock = Stopwatch.StartNew();
    pdf = WaveReport.Render(model);
    times.Add(clock.Elapsed.TotalSeconds);
    Console.WriteLine(FormattableString.Invariant($"run {run + 1}: {clock.Elapsed.TotalSeconds:0.000} s"));
}
if (output is not null) File.WriteAllBytes(output, pdf);
var pages = PdfPages.Count(pdf);
times.Sort();
Console.WriteLine(FormattableString.Invariant($"report: {pages} pages in {times[1]:0.00} s, {pdf.Length / 1024.0:0} KB"));

var all = AllKinds.Render(model);
Console.WriteLine(FormattableString.Invariant(
    $"all kinds: {all.CpuSeconds:0.00} s of CPU on {Environment.ProcessorCount} cores (load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})"));
Console.WriteLine(FormattableString.Invariant(
    $"reports: {all.Documents} documents, {all.Pages} pages in {all.Seconds:0.00} s, {all.Bytes / 1048576.0:0.0} MB"));
return 0;
