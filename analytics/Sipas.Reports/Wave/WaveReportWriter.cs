using Sipas.Reports.Layout;
using SkiaSharp;

namespace Sipas.Reports.Wave;

/// <summary>
/// Lays out one wave report: content pages first (so every heading knows its page), then the cover and the
/// contents, then all pages to the PDF with "Trang i/N" footers.
/// </summary>
internal sealed partial class WaveReportWriter(WaveReportModel model) : IDisposable
{
    private readonly ReportTexts texts = ReportTexts.For(model.Language);
    private readonly ReportFormat format = ReportFormat.For(model.Language);
    private readonly Styles styles = new();
    private readonly List<ContentsEntry> contents = [];
    private string Lang => texts.Language;

    public void Write(Stream output)
    {
        using var body = new PageBuilder(RunningHeader);
        Summary(body);
        Groups(body, texts.AreasHeading, texts.Area, model.Areas, chart: true);
        Groups(body, texts.AgenciesHeading, texts.Agency, model.Agencies, chart: false);
        Groups(body, texts.CommunesHeading, texts.Commune, model.Communes, chart: false);
        Breakdown(body);
        Reliability(body);
        Annex(body);
        var bodyPages = body.Finish();

        using var cover = new PageBuilder();
        Cover(cover);
        var coverPages = cover.Finish();

        var contentsLength = 1;
        PageBuilder contentsPages;
        while (true)
        {
            contentsPages = new PageBuilder();
            Contents(contentsPages, coverPages.Count + contentsLength);
            var length = contentsPages.Finish().Count;
            if (length == contentsLength) break;
            contentsPages.Dispose();
            contentsLength = length;
        }
        using (contentsPages)
        {
            var pages = coverPages.Concat(contentsPages.Finish()).Concat(bodyPages).ToArray();
            var province = texts.Province(model.Province.Name);
            var before = coverPages.Count + contentsLength;
            PdfHeading[] headings =
            [
                new(texts.Title, 1, 0, titleTop, titleHeight),
                new(texts.Contents, 1, coverPages.Count, PageBuilder.Top, styles.Heading1.LineHeight),
                .. contents.Select(c => new PdfHeading(c.Title, c.Level, before + c.BodyPageIndex, c.Top,
                    (c.Level == 1 ? styles.Heading1 : styles.Heading2).LineHeight, c.Listed)),
            ];
            PdfOutput.Write(output, pages,
                new PdfInfo($"{texts.Title} — {province} — {model.Wave.Name.In(Lang)}", RequestedBy,
                    $"{model.Wave.Code} · {model.Snapshot.MethodVersion} · {model.Snapshot.DataHash}", model.Snapshot.ComputedAt,
                    Lang, headings),
                Footer);
        }
    }

    private void Heading(PageBuilder pages, string title)
    {
        pages.NewPage();
        var number = contents.Count(c => c.Level == 1) + 1;
        var text = $"{number}. {title}";
        contents.Add(new ContentsEntry(text, 1, pages.PageIndex, pages.Y));
        TextLayout.Draw(pages.Canvas, text, PageBuilder.Left, pages.Y, styles.Heading1);
        pages.Y += styles.Heading1.LineHeight + 8;
    }

    private void Subheading(PageBuilder pages, string title, bool listed = false)
    {
        pages.EnsureSpace(styles.Heading2.LineHeight + 60);
        pages.Y += 4;
        contents.Add(new ContentsEntry(title, 2, pages.PageIndex, pages.Y, listed));
        TextLayout.Draw(pages.Canvas, title, PageBuilder.Left, pages.Y, styles.Heading2);
        pages.Y += styles.Heading2.LineHeight + 4;
    }

    private void RunningHeader(PageBuilder pages) =>
        PageChrome.Header(pages, styles, $"{texts.Province(model.Province.Name)} · {model.Wave.Name.In(Lang)}", texts.Title);

    private void Footer(SKCanvas canvas, int page, int total) =>
        PageChrome.Footer(canvas, styles, model.Snapshot.MethodVersion, texts.Page(page, total));

    public void Dispose() => styles.Dispose();

    /// <summary>Who asked for the snapshot: a person's name, or the words for the schedule.</summary>
    private string RequestedBy => model.Snapshot.ComputedBy ?? texts.Scheduled;

    /// <summary>A heading of the body; <paramref name="Top"/> is its line box's top. Only <paramref name="Listed"/> ones are in the contents.</summary>
    private sealed record ContentsEntry(string Title, int Level, int BodyPageIndex, float Top, bool Listed = true);
}
