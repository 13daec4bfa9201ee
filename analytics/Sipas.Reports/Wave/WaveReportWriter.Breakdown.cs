using Sipas.Reports.Charts;
using Sipas.Reports.Layout;

namespace Sipas.Reports.Wave;

internal sealed partial class WaveReportWriter
{
    private void Breakdown(PageBuilder pages)
    {
        if (model.Sections.Count == 0) return;
        Heading(pages, texts.BreakdownHeading);
        TextLayout.Paragraph(pages, texts.BreakdownIntro, styles.Body, spaceAfter: 10);
        var rows = model.Sections.Select(s => new ChartRow(s.Title.In(Lang), s.Estimate.Estimate, s.Estimate.Ci)).ToArray();
        ChartTitle(pages, texts.SectionsChart, ReportCharts.HeightFor(rows.Length));
        ReportCharts.Place(pages, ReportCharts.Estimates(rows, format), ReportCharts.HeightFor(rows.Length));

        Table.Draw(pages, styles,
        [
            new(texts.Code, 0.8f), new($"{texts.Element} / {texts.Criterion}", 4f), new("n", 0.8f, Align.Right),
            new(texts.Estimate, 1f, Align.Right), new(texts.Interval, 1.8f, Align.Right),
            new(texts.MeanScore, 0.9f, Align.Right), new(texts.Flags, 1.1f),
        ],
        model.Sections.SelectMany(s => s.Criteria.Select(c => new TableRow(
        [
            c.Code, c.Text.In(Lang), format.Count(c.Estimate.NValid), format.Percent(c.Estimate.Estimate),
            format.Interval(c.Estimate.Ci), format.Decimal(c.MeanScore, 2), texts.FlagText(c.Estimate.Flags),
        ])).Prepend(new TableRow(
        [
            s.Code, s.Title.In(Lang), format.Count(s.Estimate.NValid), format.Percent(s.Estimate.Estimate),
            format.Interval(s.Estimate.Ci), "", texts.FlagText(s.Estimate.Flags),
        ], Strong: true))));
    }

    private void Reliability(PageBuilder pages)
    {
        if (model.Reliability.Count == 0) return;
        Heading(pages, texts.ReliabilityHeading);
        TextLayout.Paragraph(pages, texts.ReliabilityIntro, styles.Body, spaceAfter: 10);
        var titles = model.Sections.ToDictionary(s => s.Code, s => s.Title.In(Lang), StringComparer.Ordinal);
        Table.Draw(pages, styles,
        [
            new(texts.Code, 0.8f), new(texts.Element, 4f), new(texts.Complete, 1.4f, Align.Right),
            new(texts.Alpha, 1.4f, Align.Right),
        ],
        model.Reliability.Select(r => new TableRow(
        [
            r.Section, titles.GetValueOrDefault(r.Section, r.Section), format.Count(r.NComplete), format.Decimal(r.Alpha, 3),
        ])));
    }
}
