using ScottPlot;
using Sipas.Reports.Layout;
using SkiaSharp;

namespace Sipas.Reports.Charts;

/// <summary>
/// ScottPlot charts drawn straight onto the page canvas, so they stay vectors in the PDF; all text in the
/// embedded Noto Sans. Categories run top to bottom; values are percentages on the horizontal axis.
/// </summary>
internal static class ReportCharts
{
    private const double Z95 = 1.959963984540054;
    private static readonly Color Estimate = Color.FromHex("#0B4F8A");
    private static readonly Color Target = Color.FromHex("#C0392B");
    private static readonly Color Up = Color.FromHex("#2E7D32");
    private static readonly Color Down = Color.FromHex("#C0392B");
    private static readonly Color Ink = Color.FromHex("#1F2937");

    public static float HeightFor(int categories) => 40 + 24 * Math.Max(categories, 2);

    /// <summary>Estimates as dots with 95% whiskers, a red tick at each target, value labels beside them.</summary>
    public static Plot Estimates(IReadOnlyList<ChartRow> rows, ReportFormat format)
    {
        ReportFonts.RegisterWithScottPlot();
        var plot = NewPlot();
        var defined = rows.Where(r => !double.IsNaN(r.Estimate)).ToArray();
        var positions = rows.Select((_, i) => (double)(rows.Count - 1 - i)).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = positions[i];
            if (row.Target is { } t)
            {
                var line = plot.Add.Line(t * 100, y - 0.38, t * 100, y + 0.38);
                line.LineColor = Target;
                line.LineWidth = 2;
                line.LinePattern = LinePattern.Solid;
            }
            if (double.IsNaN(row.Estimate)) continue;
            if (row.Ci.IsDefined)
            {
                var bar = new ScottPlot.Plottables.ErrorBar(xs: [row.Estimate * 100], ys: [y],
                    xErrorsPositive: [(row.Ci.Upper - row.Estimate) * 100], xErrorsNegative: [(row.Estimate - row.Ci.Lower) * 100],
                    yErrorsPositive: null, yErrorsNegative: null);
                plot.Add.Plottable(bar);
                bar.LineColor = Estimate;
                bar.LineWidth = 1.5f;
                bar.CapSize = 6;
            }
            plot.Add.Markers(new[] { row.Estimate * 100 }, new[] { y }, MarkerShape.FilledCircle, 6, Estimate);
            var right = row.Ci.IsDefined ? Math.Max(row.Ci.Upper, row.Target ?? 0) : Math.Max(row.Estimate, row.Target ?? 0);
            Label(plot, format.Percent(row.Estimate), right * 100, y, Alignment.MiddleLeft, 5);
        }

        var low = defined.Select(r => r.Ci.IsDefined ? r.Ci.Lower : r.Estimate)
            .Concat(rows.Where(r => r.Target.HasValue).Select(r => r.Target!.Value)).DefaultIfEmpty(0.5).Min() * 100;
        var high = defined.Select(r => r.Ci.IsDefined ? r.Ci.Upper : r.Estimate)
            .Concat(rows.Where(r => r.Target.HasValue).Select(r => r.Target!.Value)).DefaultIfEmpty(1).Max() * 100;
        low = Math.Max(0, Math.Floor((low - 2) / 5) * 5);
        var span = Math.Max(high - low, 5);
        plot.Axes.SetLimits(low, high + span * 0.25, -0.7, rows.Count - 0.3);
        Categories(plot, rows.Select(r => r.Label).ToArray(), positions);
        Percent(plot, format);
        return plot;
    }

    /// <summary>Changes in percentage points as horizontal bars with ±1.96·SE whiskers; "*" marks significance.</summary>
    public static Plot Changes(IReadOnlyList<ChangeBar> bars, ReportFormat format)
    {
        ReportFonts.RegisterWithScottPlot();
        var plot = NewPlot();
        var positions = bars.Select((_, i) => (double)(bars.Count - 1 - i)).ToArray();
        var items = new List<Bar>();
        var extent = 1.0;
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            if (double.IsNaN(b.Difference)) continue;
            var d = b.Difference * 100;
            var error = double.IsNaN(b.Se) ? 0 : Z95 * b.Se * 100;
            extent = Math.Max(extent, Math.Abs(d) + error);
            items.Add(new Bar
            {
                Position = positions[i], Value = d, Error = error, Size = 0.55,
                FillColor = d >= 0 ? Up.WithAlpha(0.75) : Down.WithAlpha(0.75), LineWidth = 1, LineColor = Ink,
                Orientation = Orientation.Horizontal, ErrorSize = 0.25,
            });
        }
        plot.Add.Bars(items);
        plot.Add.VerticalLine(0, 1, Ink, LinePattern.Solid);
        for (var i = 0; i < bars.Count; i++)
        {
            var b = bars[i];
            if (double.IsNaN(b.Difference)) continue;
            var error = double.IsNaN(b.Se) ? 0 : Z95 * b.Se * 100;
            var d = b.Difference * 100;
            var text = format.Points(b.Difference) + (b.Significant ? "*" : "");
            Label(plot, text, d >= 0 ? d + error : d - error, positions[i],
                d >= 0 ? Alignment.MiddleLeft : Alignment.MiddleRight, d >= 0 ? 5 : -5);
        }
        var limit = Math.Ceiling(extent * 1.45);
        plot.Axes.SetLimits(-limit, limit, -0.7, bars.Count - 0.3);
        Categories(plot, bars.Select(r => r.Label).ToArray(), positions);
        Points(plot, format);
        return plot;
    }

    /// <summary>Draws <paramref name="plot"/> at the cursor, full content width, as vectors.</summary>
    public static void Place(PageBuilder pages, Plot plot, float height)
    {
        pages.EnsureSpace(height);
        // ScottPlot renders twice on a plot's first render (layout, then final); keep that first pass off the page
        // so the PDF holds each label once.
        using (var layout = new SKNoDrawCanvas((int)PageBuilder.ContentWidth, (int)height))
            plot.Render(layout, (int)PageBuilder.ContentWidth, (int)height);
        var canvas = pages.Canvas;
        canvas.Save();
        canvas.Translate(PageBuilder.Left, pages.Y);
        canvas.ClipRect(new SKRect(0, 0, PageBuilder.ContentWidth, height));
        plot.Render(canvas, (int)PageBuilder.ContentWidth, (int)height);
        canvas.Restore();
        pages.Y += height + 6;
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        // The page is white already; clearing the canvas would draw with Skia's Src blend mode, which makes Skia's PDF
        // back end move everything drawn before on the page into a transparency-group XObject (bigger files, and
        // text the structure tree of PdfStructure cannot reach).
        plot.RenderManager.ClearCanvasBeforeEachRender = false;
        plot.Font.Set(ReportFonts.Family);
        plot.Grid.MajorLineColor = Color.FromHex("#E5E9EF");
        plot.Axes.Frame(false);
        plot.Axes.Left.FrameLineStyle.Width = 0;
        return plot;
    }

    private static void Label(Plot plot, string text, double x, double y, Alignment alignment, float offset)
    {
        var label = plot.Add.Text(ReportFonts.Nfc(text), x, y);
        label.LabelStyle.FontName = ReportFonts.Family;
        label.LabelStyle.FontSize = 9;
        label.LabelStyle.ForeColor = Ink;
        label.Alignment = alignment;
        label.OffsetX = offset;
    }

    private static void Categories(Plot plot, string[] labels, double[] positions)
    {
        plot.Axes.Left.SetTicks(positions, labels.Select(ReportFonts.Nfc).ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        Style(plot.Axes.Left.TickLabelStyle, 9);
        plot.Grid.YAxisStyle.IsVisible = false;
    }

    private static void Percent(Plot plot, ReportFormat format) =>
        Ticks(plot, v => v > 100.000001 ? "" : format.Decimal(v, Math.Abs(v - Math.Round(v)) < 1e-9 ? 0 : 1));

    private static void Points(Plot plot, ReportFormat format) =>
        Ticks(plot, v => Math.Abs(v) < 1e-9 ? "0" : format.Points(v / 100).TrimEnd('0').TrimEnd(',', '.'));

    private static void Ticks(Plot plot, Func<double, string> formatter)
    {
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { LabelFormatter = formatter };
        Style(plot.Axes.Bottom.TickLabelStyle, 8);
    }

    private static void Style(LabelStyle style, float size)
    {
        style.FontName = ReportFonts.Family;
        style.FontSize = size;
        style.ForeColor = Ink;
    }
}
