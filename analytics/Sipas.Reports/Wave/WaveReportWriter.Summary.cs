using Sipas.Reports.Charts;
using Sipas.Reports.Layout;

namespace Sipas.Reports.Wave;

internal sealed partial class WaveReportWriter
{
    private void Summary(PageBuilder pages)
    {
        Heading(pages, texts.SummaryHeading);
        TextLayout.Paragraph(pages, texts.SummaryIntro, styles.Body, spaceAfter: 10);
        Table.Draw(pages, styles,
        [
            new(texts.Indicator, 1.95f), new($"{texts.Target} / {texts.Basis}", 1.6f), new(texts.Estimate, 0.9f, Align.Right),
            new(texts.Interval, 1.6f, Align.Right), new(texts.Verdict, 2.45f),
        ],
        model.Indicators.Select(i => new TableRow(
        [
            $"{i.Code} — {i.Name.In(Lang)}",
            i.Target is { } t ? $"{texts.TargetText(t, format)}\n{t.Basis.Replace(' ', '\u00A0')}" : ReportFormat.Missing,
            format.Percent(i.Estimate.Estimate),
            format.Interval(i.Estimate.Ci),
            texts.VerdictText(i.Verdict, i.Target, i.Estimate.Estimate),
        ])));

        var rows = model.Indicators.Select(i => new ChartRow(i.Code, i.Estimate.Estimate, i.Estimate.Ci, i.Target?.Threshold)).ToArray();
        ChartTitle(pages, texts.EstimatesChart, ReportCharts.HeightFor(rows.Length));
        ReportCharts.Place(pages, ReportCharts.Estimates(rows, format), ReportCharts.HeightFor(rows.Length));

        var changed = model.Indicators.Where(i => i.Change is not null).ToArray();
        if (changed.Length == 0) return;
        Subheading(pages, texts.ChangeHeading, listed: true);
        Table.Draw(pages, styles,
        [
            new(texts.Indicator, 1.3f), new(texts.PreviousWave, 1.2f), new(texts.Previous, 1.1f, Align.Right),
            new(texts.Estimate, 1f, Align.Right), new(texts.Change, 1.1f, Align.Right), new("SE", 0.8f, Align.Right),
            new("p", 0.8f, Align.Right), new(texts.Significant, 0.9f, Align.Center),
        ],
        changed.Select(i => new TableRow(
        [
            i.Code,
            i.Change!.PreviousWave,
            format.Percent(i.Change.PreviousEstimate),
            format.Percent(i.Estimate.Estimate),
            format.Points(i.Change.Result.Difference),
            format.Decimal(i.Change.Result.Se * 100, 2),
            format.PValue(i.Change.Result.PValue),
            i.Change.Result.Significant ? texts.Yes : texts.No,
        ])));
        var bars = changed.Select(i => new ChangeBar(i.Code, i.Change!.Result.Difference, i.Change.Result.Se,
            i.Change.Result.Significant)).ToArray();
        ChartTitle(pages, texts.ChangeChart, ReportCharts.HeightFor(bars.Length));
        ReportCharts.Place(pages, ReportCharts.Changes(bars, format), ReportCharts.HeightFor(bars.Length));
        TextLayout.Paragraph(pages, texts.ChangeNote, styles.Note);
    }

    private void ChartTitle(PageBuilder pages, string title, float chartHeight)
    {
        pages.EnsureSpace(styles.BodyBold.LineHeight + chartHeight);
        TextLayout.Draw(pages.Canvas, title, PageBuilder.Left, pages.Y, styles.BodyBold);
        pages.Y += styles.BodyBold.LineHeight + 2;
    }
}
