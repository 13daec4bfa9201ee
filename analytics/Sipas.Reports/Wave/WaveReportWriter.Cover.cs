using Sipas.Reports.Layout;
using SkiaSharp;

namespace Sipas.Reports.Wave;

internal sealed partial class WaveReportWriter
{
    private const float TitleTop = 150;
    private float titleTop, titleHeight;

    private void Cover(PageBuilder pages)
    {
        pages.NewPage();
        var canvas = pages.Canvas;
        canvas.DrawRect(0, 0, PageBuilder.Width, 14, styles.AccentPaint);
        pages.Y = TitleTop;
        TextLayout.Paragraph(pages, texts.Province(model.Province.Name).ToUpperInvariant(), styles.Heading2, spaceAfter: 18);
        titleTop = pages.Y;
        TextLayout.Paragraph(pages, texts.Title, styles.Title, spaceAfter: 0);
        titleHeight = pages.Y - titleTop;
        pages.Y += 4;
        TextLayout.Paragraph(pages, texts.Subtitle, styles.Subtitle, spaceAfter: 22);
        canvas.DrawRect(PageBuilder.Left, pages.Y, 80, 3, styles.AccentPaint);
        pages.Y += 20;
        TextLayout.Paragraph(pages, model.Wave.Name.In(Lang), styles.Heading1, spaceAfter: 30);

        var wave = model.Wave;
        var snapshot = model.Snapshot;
        (string Label, string Value)[] facts =
        [
            (texts.ProvinceCode, model.Province.Code),
            (texts.Wave, wave.Code),
            (texts.Fieldwork, $"{ReportFormat.Date(wave.Start)} – {ReportFormat.Date(wave.End)}"),
            (texts.PeriodRated, $"{ReportFormat.Date(wave.LookBackStart)} – {ReportFormat.Date(wave.LookBackEnd)}"),
            (texts.MethodVersion, snapshot.MethodVersion),
            (texts.DataHash, snapshot.DataHash),
            (texts.ComputedAt, texts.VietnamTime(snapshot.ComputedAt)),
            (texts.ComputedBy, RequestedBy),
        ];
        const float labelWidth = 150;
        foreach (var (label, value) in facts)
        {
            var lines = TextLayout.Wrap(value, styles.Body, PageBuilder.ContentWidth - labelWidth);
            TextLayout.Draw(canvas, label, PageBuilder.Left, pages.Y + styles.Body.Ascent - styles.Note.Ascent, styles.Note);
            foreach (var line in lines)
            {
                TextLayout.Draw(canvas, line, PageBuilder.Left + labelWidth, pages.Y, styles.Body);
                pages.Y += styles.Body.LineHeight;
            }
            pages.Y += 3;
        }
        canvas.DrawRect(0, PageBuilder.Height - 14, PageBuilder.Width, 14, styles.AccentPaint);
    }

    private void Contents(PageBuilder pages, int pagesBeforeBody)
    {
        pages.NewPage();
        TextLayout.Draw(pages.Canvas, texts.Contents, PageBuilder.Left, pages.Y, styles.Heading1);
        pages.Y += styles.Heading1.LineHeight + 14;
        using var dots = new SKPaint { Color = Styles.Rule, StrokeWidth = 0.8f, IsAntialias = true,
            PathEffect = SKPathEffect.CreateDash([1f, 3f], 0) };
        foreach (var entry in contents.Where(c => c.Listed))
        {
            var style = entry.Level == 1 ? styles.BodyBold : styles.Body;
            var indent = entry.Level == 1 ? 0f : 16f;
            var number = (pagesBeforeBody + entry.BodyPageIndex + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            pages.EnsureSpace(style.LineHeight + 4);
            if (entry.Level == 1) pages.Y += 4;
            var x = PageBuilder.Left + indent;
            TextLayout.Draw(pages.Canvas, entry.Title, x, pages.Y, style);
            var titleEnd = x + style.Measure(ReportFonts.Nfc(entry.Title)) + 4;
            var numberStart = PageBuilder.Right - style.Measure(number) - 4;
            var baseline = pages.Y + style.Ascent;
            if (numberStart > titleEnd) pages.Canvas.DrawLine(titleEnd, baseline, numberStart, baseline, dots);
            TextLayout.Draw(pages.Canvas, number, PageBuilder.Right, pages.Y, style, Align.Right);
            pages.Y += style.LineHeight;
        }
    }
}
