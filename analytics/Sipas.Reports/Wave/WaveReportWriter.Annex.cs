using Sipas.Reports.Layout;

namespace Sipas.Reports.Wave;

internal sealed partial class WaveReportWriter
{
    private void Annex(PageBuilder pages)
    {
        var annex = model.Methodology;
        Heading(pages, texts.AnnexHeading);

        Subheading(pages, texts.AnnexPopulation);
        TextLayout.Paragraph(pages, annex.Population.In(Lang), styles.Body);
        Subheading(pages, texts.AnnexQuestionnaire);
        TextLayout.Paragraph(pages, annex.Questionnaire, styles.Body);
        Subheading(pages, texts.AnnexValidity);
        TextLayout.Paragraph(pages, texts.AnnexValidityText, styles.Body);

        Subheading(pages, texts.AnnexChannels);
        var channels = annex.Channels.Select(c => new TableRow(
            [(c.Part ? "   " : "") + c.Name.In(Lang), format.Count(c.Valid), format.Count(c.Invalid), format.Count(c.Valid + c.Invalid)])).ToList();
        var valid = annex.Channels.Where(c => !c.Part).Sum(c => (long)c.Valid);
        var invalid = annex.Channels.Where(c => !c.Part).Sum(c => (long)c.Invalid);
        channels.Add(new TableRow([texts.Total, format.Count(valid), format.Count(invalid), format.Count(valid + invalid)], Strong: true));
        Table.Draw(pages, styles,
        [
            new(texts.Channel, 3f), new(texts.Valid, 1.2f, Align.Right), new(texts.Invalid, 1.2f, Align.Right),
            new(texts.Total, 1.2f, Align.Right),
        ], channels);

        if (annex.Integrity is { } integrity) Integrity(pages, integrity);

        Subheading(pages, texts.AnnexWeights);
        TextLayout.Paragraph(pages, annex.FrameUsed
            ? texts.FrameUsed(annex.Strata, format.Count(annex.FramePopulation ?? 0))
            : texts.NoFrame(annex.Strata), styles.Body);
        Subheading(pages, texts.AnnexEstimation);
        TextLayout.Paragraph(pages, texts.AnnexEstimationText, styles.Body);
        Subheading(pages, texts.AnnexVerdicts);
        TextLayout.Paragraph(pages, texts.AnnexVerdictsText, styles.Body);
        Subheading(pages, texts.AnnexFlags);
        foreach (var meaning in new[] { texts.SmallSampleMeaning, texts.UndefinedMeaning, texts.LonelyStratumMeaning })
            TextLayout.Paragraph(pages, "• " + meaning, styles.Body, indent: 8, spaceAfter: 2);
    }

    /// <summary>Exclusions and flagged-but-kept responses by cause, then each indicator without the flagged responses.</summary>
    private void Integrity(PageBuilder pages, ResponseIntegrity integrity)
    {
        Subheading(pages, texts.AnnexIntegrity);
        TextLayout.Paragraph(pages, texts.IntegritySummary(format.Count(integrity.Excluded), format.Count(integrity.FlaggedKept)), styles.Body);
        TextLayout.Paragraph(pages, texts.IntegrityRule, styles.Body);
        if (integrity.Causes.Count > 0)
            Table.Draw(pages, styles,
                [new(texts.Cause, 4f), new(texts.Excluded, 1.2f, Align.Right), new(texts.FlaggedKept, 1.6f, Align.Right)],
                [.. integrity.Causes.Select(c => new TableRow([c.Name.In(Lang), format.Count(c.Excluded), format.Count(c.FlaggedKept)]))]);
        if (integrity.Indicators.Count > 0)
            Table.Draw(pages, styles,
                [new(texts.Indicator, 4f), new(texts.Official, 1.4f, Align.Right), new(texts.WithoutFlagged, 1.8f, Align.Right)],
                [.. integrity.Indicators.Select(i => new TableRow([i.Name.In(Lang), Percent(i.Official), Percent(i.Unflagged)]))]);
    }

    private string Percent(ReportEstimate e) => double.IsNaN(e.Estimate) ? "—" : format.Percent(e.Estimate);
}
