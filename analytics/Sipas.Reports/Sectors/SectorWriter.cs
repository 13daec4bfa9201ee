using Sipas.Analytics;
using Sipas.Reports.Layout;
using SkiaSharp;

namespace Sipas.Reports.Sectors;

/// <summary>
/// Lays out a sector, health or education report: a cover, then numbered sections (index against the target, elements,
/// criteria, weakest criteria, units, communes, notes), each a bookmark; a section with no rows is left out and the
/// numbering closes up. A report with no responses keeps its cover and says so in section 1.
/// </summary>
internal sealed class SectorWriter(SectorReportModel model) : IDisposable
{
    private readonly ReportTexts texts = ReportTexts.For(model.Language);
    private readonly SectorTexts sector = SectorTexts.For(model.Language);
    private readonly ReportFormat format = ReportFormat.For(model.Language);
    private readonly Styles styles = new();
    private readonly List<PdfHeading> headings = [];
    private int number;
    private string Lang => texts.Language;
    private string Area => model.AreaName.In(Lang);

    public string Title => model.Kind switch
    {
        SectorKind.Health => sector.HealthTitle,
        SectorKind.Education => sector.EducationTitle,
        _ => sector.AreaTitle(Area),
    };

    private string Reading => model.Kind == SectorKind.Area ? sector.AreaReading(Area.ToLowerInvariant())
        : model.Aggregation == Aggregation.Pooled ? sector.PooledReading : sector.MeanReading;

    public void Write(Stream output)
    {
        using var pages = new PageBuilder(RunningHeader);
        Cover(pages);
        pages.NewPage();
        IndexSection(pages);
        if (model.Index is not null)
        {
            Elements(pages);
            Criteria(pages);
            Weakest(pages);
            Units(pages, model.Kind switch
            {
                SectorKind.Health => (sector.FacilitiesHeading, sector.Facility),
                SectorKind.Education => (sector.SchoolsHeading, sector.School),
                _ => (sector.AgenciesHeading, texts.Agency),
            }, model.Units);
            Units(pages, (sector.CommunesHeading, texts.Commune), model.Communes);
            Notes(pages);
        }
        var requester = model.Snapshot.ComputedBy ?? texts.Scheduled;
        PdfOutput.Write(output, pages.Finish(),
            new PdfInfo($"{Title} — {texts.Province(model.Province.Name)} — {model.Wave.Name.In(Lang)}", requester,
                $"{model.Wave.Code} · {model.IndicatorCode} · {model.Snapshot.MethodVersion} · {model.Snapshot.DataHash}",
                model.Snapshot.ComputedAt, Lang, headings),
            Footer);
    }

    private void Cover(PageBuilder pages)
    {
        pages.NewPage();
        pages.Y = 120;
        TextLayout.Paragraph(pages, texts.Province(model.Province.Name).ToUpperInvariant(), styles.Heading2, spaceAfter: 14);
        // The title on one line (one heading to tag): the title face when it fits, the heading face when it does not.
        Heading(pages, Title, 1, styles.Title.Measure(Title) <= PageBuilder.ContentWidth ? styles.Title : styles.Heading1, numbered: false);
        TextLayout.Paragraph(pages, model.Wave.Name.In(Lang), styles.Heading1, spaceAfter: 20);
        FactList.Draw(pages, styles,
        [
            (texts.Wave, model.Wave.Code),
            (texts.Fieldwork, $"{ReportFormat.Date(model.Wave.Start)} – {ReportFormat.Date(model.Wave.End)}"),
            (texts.Area, $"{model.AreaCode} — {Area}"),
            (texts.Indicator, $"{model.IndicatorCode} — {model.IndicatorName.In(Lang)}"),
            (sector.Questionnaire, model.Questionnaire.Length > 0 ? model.Questionnaire : sector.NoneInQuestionnaire),
            (sector.IndexMethod, model.Aggregation == Aggregation.Pooled ? sector.PooledMethod : sector.MeanMethod),
            (texts.Target, TargetText),
            (texts.MethodVersion, model.Snapshot.MethodVersion),
            (texts.DataHash, model.Snapshot.DataHash),
            (texts.ComputedAt, texts.VietnamTime(model.Snapshot.ComputedAt)),
            (texts.ComputedBy, model.Snapshot.ComputedBy ?? texts.Scheduled),
        ]);
        pages.Y += 10;
        TextLayout.Paragraph(pages, Reading, styles.Note);
    }

    private string TargetText => model.Target is { } t ? texts.TargetText(t, format) : texts.NoTarget;

    private void IndexSection(PageBuilder pages)
    {
        Heading(pages, sector.IndexHeading, 1, styles.Heading1);
        if (model.Index is not { } index)
        {
            FactList.Draw(pages, styles, [(texts.Target, TargetText)]);
            pages.Y += 6;
            TextLayout.Paragraph(pages, sector.NoResponses(Area), styles.Body);
            return;
        }
        var change = model.Change is { } c
            ? $"{format.Points(c.Result.Difference)} {sector.Points} {sector.Since} {c.PreviousWave} ({format.Percent(c.PreviousEstimate)}); "
              + $"p = {format.PValue(c.Result.PValue)}; {texts.Significant}: {(c.Result.Significant ? texts.Yes : texts.No)}"
            : sector.NoPrevious;
        FactList.Draw(pages, styles,
        [
            ($"{sector.Index} {model.IndicatorCode}", $"{format.Percent(index.Estimate)} {format.Interval(index.Ci)} · n = {format.Count(index.NValid)}"),
            (texts.Target, TargetText),
            (texts.Verdict, model.Target is { } t ? texts.VerdictText(model.Verdict, t, index.Estimate) : texts.NoTarget),
            (sector.ChangeSince, change),
        ]);
        if (index.Flags != ResultFlags.None)
            TextLayout.Paragraph(pages, $"{texts.Flags}: {texts.FlagText(index.Flags)}", styles.Note);
        if (index.Flags.HasFlag(ResultFlags.SmallSample)) TextLayout.Paragraph(pages, sector.SmallSampleNote, styles.Note);
        pages.Y += 8;
    }

    private void Elements(PageBuilder pages)
    {
        if (model.Elements.Count == 0) return;
        Heading(pages, sector.ElementsHeading, 1, styles.Heading1);
        Table.Draw(pages, styles,
            [new(texts.Element, 3.6f), new("n", 0.8f, Align.Right), new(texts.Estimate, 1.1f, Align.Right),
             new(texts.Interval, 1.9f, Align.Right), new(texts.PreviousWave, 1.1f, Align.Right), new(texts.Change, 1.1f, Align.Right),
             new(texts.Flags, 1.1f)],
            model.Elements.Select(e => new TableRow([$"{e.Section.Code} — {e.Section.Title.In(Lang)}", format.Count(e.Section.Estimate.NValid),
                format.Percent(e.Section.Estimate.Estimate), format.Interval(e.Section.Estimate.Ci), Previous(e.Change), Change(e.Change),
                texts.FlagText(e.Section.Estimate.Flags)])));
        NotesUnder(pages, model.Elements.Select(e => e.Section.Estimate), model.Elements.Any(e => e.Change is not null));
    }

    private void Criteria(PageBuilder pages)
    {
        if (!model.Elements.Any(e => e.Section.Criteria.Count > 0)) return;
        Heading(pages, sector.CriteriaHeading, 1, styles.Heading1);
        Table.Draw(pages, styles,
            [new(texts.Criterion, 4.6f), new("n", 0.8f, Align.Right), new(texts.Estimate, 1.1f, Align.Right),
             new(texts.Interval, 1.9f, Align.Right), new(texts.MeanScore, 0.9f, Align.Right), new(texts.Flags, 1.1f)],
            model.Elements.Where(e => e.Section.Criteria.Count > 0).SelectMany(e =>
                new[] { new TableRow([$"{e.Section.Code} — {e.Section.Title.In(Lang)}", "", "", "", "", ""], Strong: true) }
                .Concat(e.Section.Criteria.Select(Criterion))));
        NotesUnder(pages, model.Elements.SelectMany(e => e.Section.Criteria).Select(c => c.Estimate), changes: false);
    }

    private TableRow Criterion(CriterionRow c) => new([$"{c.Code} — {c.Text.In(Lang)}", format.Count(c.Estimate.NValid),
        format.Percent(c.Estimate.Estimate), format.Interval(c.Estimate.Ci), format.Decimal(c.MeanScore, 2), texts.FlagText(c.Estimate.Flags)]);

    private void Weakest(PageBuilder pages)
    {
        if (model.Weakest.Count == 0) return;
        Heading(pages, sector.WeakestHeading(model.Weakest.Count), 1, styles.Heading1);
        Table.Draw(pages, styles,
            [new(texts.Criterion, 4.6f), new("n", 0.8f, Align.Right), new(texts.Estimate, 1.1f, Align.Right),
             new(texts.Interval, 1.9f, Align.Right), new(texts.MeanScore, 0.9f, Align.Right), new(texts.Flags, 1.1f)],
            model.Weakest.Select(Criterion));
        NotesUnder(pages, model.Weakest.Select(c => c.Estimate), changes: false);
    }

    private void Units(PageBuilder pages, (string Heading, string Column) labels, IReadOnlyList<SectorUnit> units)
    {
        if (units.Count == 0) return;
        Heading(pages, labels.Heading, 1, styles.Heading1);
        var within = units.Any(u => u.Within is not null);
        List<TableColumn> columns = [new(labels.Column, within ? 2.6f : 3.6f)];
        if (within) columns.Add(new(sector.ServedBy, 2.2f));
        columns.AddRange([new("n", 0.8f, Align.Right), new(texts.Estimate, 1.1f, Align.Right), new(texts.Interval, 1.9f, Align.Right),
            new(texts.Change, 1.1f, Align.Right), new(texts.Flags, 1.1f)]);
        Table.Draw(pages, styles, columns, units.Select(u =>
        {
            List<string> cells = [$"{u.Code} — {u.Name}"];
            if (within) cells.Add(u.Within ?? "");
            cells.AddRange([format.Count(u.Estimate.NValid), format.Percent(u.Estimate.Estimate), format.Interval(u.Estimate.Ci),
                Change(u.Change), texts.FlagText(u.Estimate.Flags)]);
            return new TableRow(cells);
        }));
        NotesUnder(pages, units.Select(u => u.Estimate), units.Any(u => u.Change is not null));
        if (within) TextLayout.Paragraph(pages, sector.CommunesNote, styles.Note);
    }

    private void Notes(PageBuilder pages)
    {
        Heading(pages, sector.NotesHeading, 1, styles.Heading1);
        TextLayout.Paragraph(pages, Reading, styles.Body);
        TextLayout.Paragraph(pages, texts.AnnexVerdictsText, styles.Body);
        TextLayout.Paragraph(pages, sector.ChangeNote, styles.Body);
        foreach (var meaning in new[] { texts.SmallSampleMeaning, texts.UndefinedMeaning, texts.LonelyStratumMeaning })
            TextLayout.Paragraph(pages, meaning, styles.Body, indent: 10);
    }

    private string Previous(IndicatorChange? c) => c is null ? ReportFormat.Missing : format.Percent(c.PreviousEstimate);

    private string Change(IndicatorChange? c) => c is null ? ReportFormat.Missing
        : format.Points(c.Result.Difference) + (c.Result.Significant ? "*" : "");

    /// <summary>Under a table: the small-sample note when a row is flagged so, the change note when it shows changes.</summary>
    private void NotesUnder(PageBuilder pages, IEnumerable<ReportEstimate> rows, bool changes)
    {
        if (rows.Any(r => r.Flags.HasFlag(ResultFlags.SmallSample))) TextLayout.Paragraph(pages, sector.SmallSampleNote, styles.Note);
        if (changes) TextLayout.Paragraph(pages, sector.ChangeNote, styles.Note);
        pages.Y += 6;
    }

    private void Heading(PageBuilder pages, string title, int level, TextStyle style, bool numbered = true)
    {
        if (numbered) title = $"{++number}. {title}";
        pages.EnsureSpace(style.LineHeight + 80);
        var top = pages.Y;
        TextLayout.Paragraph(pages, title, style, spaceAfter: 0);
        headings.Add(new PdfHeading(title, level, pages.PageIndex, top, pages.Y - top));
        pages.Y += 8;
    }

    private void RunningHeader(PageBuilder pages) =>
        PageChrome.Header(pages, styles, $"{texts.Province(model.Province.Name)} · {model.Wave.Name.In(Lang)}", Title);

    private void Footer(SKCanvas canvas, int page, int total) =>
        PageChrome.Footer(canvas, styles, model.Snapshot.MethodVersion, texts.Page(page, total));

    public void Dispose() => styles.Dispose();
}
