using SkiaSharp;

namespace Sipas.Reports.Layout;

/// <param name="Weight">Share of the content width, relative to the other columns.</param>
internal sealed record TableColumn(string Header, float Weight, Align Align = Align.Left);

/// <param name="Strong">Bold, on a shaded band (a total or a group heading row).</param>
internal sealed record TableRow(IReadOnlyList<string> Cells, bool Strong = false);

/// <summary>A table that wraps cell text, breaks across pages between rows and repeats its header row.</summary>
internal static class Table
{
    private const float Pad = 3.5f;

    public static void Draw(PageBuilder pages, Styles styles, IReadOnlyList<TableColumn> columns, IEnumerable<TableRow> rows,
        float spaceAfter = 12)
    {
        var total = columns.Sum(c => c.Weight);
        var widths = columns.Select(c => c.Weight / total * PageBuilder.ContentWidth).ToArray();
        var header = Layout(columns.Select(c => c.Header).ToArray(), widths, styles.CellBold);
        var first = true;
        var band = 0;
        foreach (var row in rows)
        {
            var style = row.Strong ? styles.CellBold : styles.Cell;
            var cells = Layout(row.Cells, widths, style);
            var height = Height(cells, style);
            if (first || pages.Y + height > PageBuilder.Bottom)
            {
                pages.EnsureSpace(Height(header, styles.CellBold) + height);
                DrawRow(pages, styles, columns, widths, header, styles.CellBold, styles.HeaderPaint);
                first = false;
                band = 0;
            }
            var fill = row.Strong ? styles.HeaderPaint : band++ % 2 == 1 ? styles.ShadePaint : null;
            DrawRow(pages, styles, columns, widths, cells, style, fill);
        }
        pages.Y += spaceAfter;
    }

    private static List<string>[] Layout(IReadOnlyList<string> cells, float[] widths, TextStyle style) =>
        cells.Select((text, i) => TextLayout.Wrap(text, style, widths[i] - 2 * Pad)).ToArray();

    private static float Height(List<string>[] cells, TextStyle style) =>
        cells.Max(c => c.Count) * style.LineHeight + 2 * Pad;

    private static void DrawRow(PageBuilder pages, Styles styles, IReadOnlyList<TableColumn> columns, float[] widths,
        List<string>[] cells, TextStyle style, SKPaint? fill)
    {
        var canvas = pages.Canvas;
        var height = Height(cells, style);
        var top = pages.Y;
        if (fill is not null) canvas.DrawRect(PageBuilder.Left, top, PageBuilder.ContentWidth, height, fill);
        var x = PageBuilder.Left;
        for (var i = 0; i < cells.Length; i++)
        {
            var anchor = columns[i].Align switch
            {
                Align.Right => x + widths[i] - Pad,
                Align.Center => x + widths[i] / 2,
                _ => x + Pad,
            };
            var y = top + Pad;
            foreach (var line in cells[i])
            {
                TextLayout.Draw(canvas, line, anchor, y, style, columns[i].Align);
                y += style.LineHeight;
            }
            x += widths[i];
        }
        canvas.DrawLine(PageBuilder.Left, top + height, PageBuilder.Right, top + height, styles.RulePaint);
        pages.Y = top + height;
    }
}
