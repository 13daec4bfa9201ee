namespace Sipas.Reports.Layout;

/// <summary>Label–value lines (the cover's and a card's facts): the label small at the left, the value wrapped beside it.</summary>
internal static class FactList
{
    private const float LabelWidth = 150;

    public static void Draw(PageBuilder pages, Styles styles, IEnumerable<(string Label, string Value)> facts)
    {
        foreach (var (label, value) in facts)
        {
            var lines = TextLayout.Wrap(value, styles.Body, PageBuilder.ContentWidth - LabelWidth);
            pages.EnsureSpace(lines.Count * styles.Body.LineHeight);
            TextLayout.Draw(pages.Canvas, label, PageBuilder.Left, pages.Y + styles.Body.Ascent - styles.Note.Ascent, styles.Note);
            foreach (var line in lines)
            {
                TextLayout.Draw(pages.Canvas, line, PageBuilder.Left + LabelWidth, pages.Y, styles.Body);
                pages.Y += styles.Body.LineHeight;
            }
            pages.Y += 3;
        }
    }
}
