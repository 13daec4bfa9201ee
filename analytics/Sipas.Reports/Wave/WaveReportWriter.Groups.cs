using Sipas.Reports.Charts;
using Sipas.Reports.Layout;

namespace Sipas.Reports.Wave;

internal sealed partial class WaveReportWriter
{
    private void Groups(PageBuilder pages, string heading, string groupLabel, IReadOnlyList<GroupRow> groups, bool chart)
    {
        if (groups.Count == 0) return;
        Heading(pages, heading);
        TextLayout.Paragraph(pages, texts.GroupIntro, styles.Body, spaceAfter: 10);
        if (chart)
        {
            var rows = groups.Select(g => new ChartRow(g.Name, g.Estimate.Estimate, g.Estimate.Ci)).ToArray();
            ChartTitle(pages, texts.AreasChart, ReportCharts.HeightFor(rows.Length));
            ReportCharts.Place(pages, ReportCharts.Estimates(rows, format), ReportCharts.HeightFor(rows.Length));
        }
        Table.Draw(pages, styles,
        [
            new(texts.Code, CodeWeight(groups)), new(groupLabel, 3.3f), new("n", 0.8f, Align.Right), new(texts.Estimate, 1.1f, Align.Right),
            new(texts.Interval, 1.8f, Align.Right), new(texts.Flags, 1.3f),
        ],
        groups.Select(g => new TableRow(
        [
            g.Code, g.Name, format.Count(g.Estimate.NValid), format.Percent(g.Estimate.Estimate),
            format.Interval(g.Estimate.Ci), texts.FlagText(g.Estimate.Flags),
        ])));
    }

    /// <summary>A code column just wide enough for the longest code (the other columns weigh 8.3).</summary>
    private float CodeWeight(IReadOnlyList<GroupRow> groups)
    {
        var width = groups.Max(g => styles.Cell.Measure(ReportFonts.Nfc(g.Code))) + 10;
        return Math.Max(0.9f, 8.3f * width / (PageBuilder.ContentWidth - width));
    }
}
