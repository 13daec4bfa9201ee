using Sipas.Analytics;
using Sipas.Reports.Layout;
using SkiaSharp;

namespace Sipas.Reports.Scorecards;

/// <summary>
/// Lays out scorecards: with several, a cover first; then each unit from a new page, its heading a bookmark; "Trang
/// i/N" footers. One builder, so every heading knows its page.
/// </summary>
internal sealed class ScorecardWriter(ScorecardSetModel model) : IDisposable
{
    private readonly ReportTexts texts = ReportTexts.For(model.Language);
    private readonly ScorecardTexts cards = ScorecardTexts.For(model.Language);
    private readonly ReportFormat format = ReportFormat.For(model.Language);
    private readonly Styles styles = new();
    private readonly List<PdfHeading> headings = [];
    private string Lang => texts.Language;
    private bool Agencies => model.Kind == ScorecardKind.Agency;
    private string Title => model.Cards.Count > 1
        ? Agencies ? cards.AgencyTitle : cards.CommuneTitle
        : Agencies ? cards.AgencyTitleOne : cards.CommuneTitleOne;

    public void Write(Stream output)
    {
        using var pages = new PageBuilder(RunningHeader);
        if (model.Cards.Count > 1) Cover(pages);
        foreach (var card in model.Cards) Card(pages, card);
        var requester = model.Snapshot.ComputedBy ?? texts.Scheduled;
        var name = model.Cards.Count == 1 ? $" — {model.Cards[0].Code} {model.Cards[0].Name}" : "";
        PdfOutput.Write(output, pages.Finish(),
            new PdfInfo($"{Title}{name} — {texts.Province(model.Province.Name)} — {model.Wave.Name.In(Lang)}", requester,
                $"{model.Wave.Code} · {model.Snapshot.MethodVersion} · {model.Snapshot.DataHash}", model.Snapshot.ComputedAt,
                Lang, headings),
            Footer);
    }

    private void Cover(PageBuilder pages)
    {
        pages.NewPage();
        pages.Y = 120;
        TextLayout.Paragraph(pages, texts.Province(model.Province.Name).ToUpperInvariant(), styles.Heading2, spaceAfter: 14);
        Heading(pages, Title, 1, styles.Title);
        TextLayout.Paragraph(pages, model.Wave.Name.In(Lang), styles.Heading1, spaceAfter: 20);
        (string, string)[] facts =
        [
            (texts.Wave, model.Wave.Code),
            (cards.Index, $"{model.IndicatorCode} — {model.IndicatorName.In(Lang)}"),
            (texts.Target, model.Target is { } t ? texts.TargetText(t, format) : texts.NoTarget),
            (cards.Cards, format.Count(model.Cards.Count)),
            (texts.MethodVersion, model.Snapshot.MethodVersion),
            (texts.DataHash, model.Snapshot.DataHash),
            (texts.ComputedAt, texts.VietnamTime(model.Snapshot.ComputedAt)),
            (texts.ComputedBy, model.Snapshot.ComputedBy ?? texts.Scheduled),
        ];
        FactList.Draw(pages, styles, facts);
        pages.Y += 10;
        TextLayout.Paragraph(pages, Agencies ? cards.AgencyRankNote : cards.CommuneRankNote, styles.Note);
    }

    private void Card(PageBuilder pages, Scorecard card)
    {
        pages.NewPage();
        Heading(pages, $"{card.Code} — {card.Name}", 1, styles.Heading1);
        var index = card.Index;
        var rank = card.Rank is { } r
            ? $"{format.Count(r.Rank)} ({format.Count(r.Low)}–{format.Count(r.High)}) {cards.Of(model.Ranked)}" : cards.NotRanked;
        var change = card.Change is { } c
            ? $"{format.Points(c.Result.Difference)} {cards.Points} {cards.Since} {c.PreviousWave} ({format.Percent(c.PreviousEstimate)}); "
              + $"p = {format.PValue(c.Result.PValue)}; {texts.Significant}: {(c.Result.Significant ? texts.Yes : texts.No)}"
            : cards.NoPrevious;
        var verdict = model.Target is { } t ? texts.VerdictText(card.Verdict, t, index.Estimate) : texts.NoTarget;
        FactList.Draw(pages, styles,
        [
            ($"{cards.Index} {model.IndicatorCode}", $"{format.Percent(index.Estimate)} {format.Interval(index.Ci)} · n = {format.Count(index.NValid)}"),
            (texts.Target, model.Target is { } target ? texts.TargetText(target, format) : texts.NoTarget),
            (texts.Verdict, verdict),
            (cards.Rank, rank),
            (cards.ChangeSince, change),
        ]);
        if (index.Flags != ResultFlags.None)
            TextLayout.Paragraph(pages, $"{texts.Flags}: {texts.FlagText(index.Flags)}", styles.Note);
        pages.Y += 6;

        if (card.Elements.Count > 0)
        {
            Heading(pages, cards.Elements, 2, styles.Heading2);
            Table.Draw(pages, styles,
                [new(texts.Element, 4f), new("n", 0.8f, Align.Right), new(texts.Estimate, 1.1f, Align.Right),
                 new(texts.Interval, 1.8f, Align.Right), new(texts.Flags, 1.3f)],
                card.Elements.Select(e => new TableRow([$"{e.Code} — {e.Title.In(Lang)}", format.Count(e.Estimate.NValid),
                    format.Percent(e.Estimate.Estimate), format.Interval(e.Estimate.Ci), texts.FlagText(e.Estimate.Flags)])));
        }
        if (card.Weakest.Count > 0)
        {
            Heading(pages, cards.Weakest, 2, styles.Heading2);
            Table.Draw(pages, styles,
                [new(texts.Criterion, 4.6f), new(texts.Estimate, 1.1f, Align.Right), new(texts.Interval, 1.8f, Align.Right),
                 new(texts.MeanScore, 1.1f, Align.Right)],
                card.Weakest.Select(w => new TableRow([$"{w.Code} — {w.Text.In(Lang)}", format.Percent(w.Estimate.Estimate),
                    format.Interval(w.Estimate.Ci), format.Decimal(w.MeanScore, 2)])));
        }
        pages.EnsureSpace(40);
        TextLayout.Paragraph(pages, Agencies ? cards.AgencyRankNote : cards.CommuneRankNote, styles.Note);
        if (index.Flags.HasFlag(ResultFlags.SmallSample)) TextLayout.Paragraph(pages, cards.SmallSampleNote, styles.Note);
    }

    private void Heading(PageBuilder pages, string title, int level, TextStyle style)
    {
        pages.EnsureSpace(style.LineHeight + 50);
        var top = pages.Y;
        TextLayout.Paragraph(pages, title, style, spaceAfter: 0);
        headings.Add(new PdfHeading(title, level, pages.PageIndex, top, pages.Y - top, Bookmark: level == 1));
        pages.Y += 6;
    }

    private void RunningHeader(PageBuilder pages) =>
        PageChrome.Header(pages, styles, $"{texts.Province(model.Province.Name)} · {model.Wave.Name.In(Lang)}", Title);

    private void Footer(SKCanvas canvas, int page, int total) =>
        PageChrome.Footer(canvas, styles, model.Snapshot.MethodVersion, texts.Page(page, total));

    public void Dispose() => styles.Dispose();
}
