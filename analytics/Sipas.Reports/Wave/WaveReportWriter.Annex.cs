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
            [c.Name.In(Lang), format.Count(c.Valid), format.Count(c.Invalid), format.Count(c.Valid + c.Invalid)])).ToList();
        var valid = annex.Channels.Sum(c => (long)c.Valid);
        var invalid = annex.Channels.Sum(c => (long)c.Invalid);
        channels.Add(new TableRow([texts.Total, format.Count(valid), format.Count(invalid), format.Count(valid + invalid)], Strong: true));
        Table.Draw(pages, styles,
        [
            new(texts.Channel, 3f), new(texts.Valid, 1.2f, Align.Right), new(texts.Invalid, 1.2f, Align.Right),
            new(texts.Total, 1.2f, Align.Right),
        ], channels);

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
}
