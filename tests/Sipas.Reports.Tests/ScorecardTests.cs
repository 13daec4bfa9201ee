using Sipas.Reports.Bench;

namespace Sipas.Reports.Tests;

/// <summary>Issue 16: agency and commune scorecards, all in one PDF with a bookmark each, or one on its own.</summary>
public class ScorecardTests
{
    private static readonly ScorecardSetModel Agencies = SyntheticScorecards.Build(ScorecardKind.Agency, Rendered.Model);
    private static readonly ScorecardSetModel Communes = SyntheticScorecards.Build(ScorecardKind.Commune, Rendered.Model);
    private static readonly Lazy<byte[]> all = new(() => ScorecardReport.Render(Agencies));
    private static readonly Lazy<PdfText> allText = new(() => new PdfText(all.Value));

    [Fact]
    public void AllAgencyScorecards_OneDocument_ABookmarkEach_OnTheCardsPage()
    {
        var facts = new PdfFacts(all.Value);
        var text = allText.Value;

        Assert.Equal("vi", facts.Language);
        Assert.Equal(["Phiếu điểm các cơ quan", .. Agencies.Cards.Select(c => $"{c.Code} — {c.Name}")],
            facts.Bookmarks.Select(b => b.Title));
        foreach (var (title, _, page) in facts.Bookmarks.Skip(1))
            Assert.True(text.Has(page - 1, title), $"{title} is not on page {page}");
        Assert.InRange(text.Count, Agencies.Cards.Count + 1, 2 * Agencies.Cards.Count + 1);
        Assert.Equal(0, facts.UnmarkedLetters);
        Assert.All(facts.Fonts, f => Assert.True(f.Value));
    }

    [Fact]
    public void Scorecard_ShowsIndex_Target_Verdict_RankWithInterval_Change_Elements_AndWeakest()
    {
        var card = Agencies.Cards[7];
        var vi = ReportFormat.Vi;
        var one = new PdfText(ScorecardReport.RenderOne(Agencies, card.Code));
        var rank = card.Rank!.Value;

        Assert.Equal(1, one.Count);
        Assert.True(one.Has(0, $"{card.Code} — {card.Name}"));
        Assert.True(one.Has(0, $"Chỉ số SIPAS {vi.Percent(card.Index.Estimate)} {vi.Interval(card.Index.Ci)} · n = {vi.Count(card.Index.NValid)}"));
        Assert.True(one.Has(0, $"Xếp hạng (khoảng 95%) {rank.Rank} ({rank.Low}–{rank.High}) trên {Agencies.Ranked}"));
        var change = card.Change!;
        Assert.True(one.Has(0, $"{vi.Points(change.Result.Difference)} điểm % so với {change.PreviousWave} ({vi.Percent(change.PreviousEstimate)}); "
            + $"p = {vi.PValue(change.Result.PValue)}; Có ý nghĩa: {(change.Result.Significant ? "Có" : "Không")}"));
        Assert.True(one.Has(0, ReportTexts.Vi.VerdictText(card.Verdict, Agencies.Target, card.Index.Estimate)));
        foreach (var e in card.Elements)
            Assert.True(one.Has(0, $"{e.Code} — {e.Title.Vi} {vi.Count(e.Estimate.NValid)} {vi.Percent(e.Estimate.Estimate)}"));
        Assert.Equal(3, card.Weakest.Count);
        foreach (var w in card.Weakest)
            Assert.True(one.Has(0, $"{vi.Percent(w.Estimate.Estimate)} {vi.Interval(w.Estimate.Ci)} {vi.Decimal(w.MeanScore, 2)}"));
        Assert.True(one.Has(0, "các cơ quan thuộc các tầng khác nhau"));
    }

    [Fact]
    public void CommuneScorecards_SayTheirRanksTreatCommunesAsIndependent_AndMarkSmallSamples()
    {
        var small = Communes.Cards.First(c => c.Index.NValid < 30);
        var pdf = new PdfText(ScorecardReport.RenderOne(Communes, small.Code));
        var english = new PdfText(ScorecardReport.RenderOne(Communes with { Language = ReportLanguage.En }, small.Code));

        Assert.True(pdf.Has(0, "coi các xã, phường là độc lập — một phép xấp xỉ"));
        Assert.True(pdf.Has(0, "Mẫu nhỏ (dưới 30 phiếu hợp lệ)"));
        Assert.True(english.Has(0, "treating communes as independent — an approximation"));
        Assert.True(english.Has(0, "Commune scorecard"));
        Assert.Equal("en", new PdfFacts(ScorecardReport.RenderOne(Communes with { Language = ReportLanguage.En }, small.Code)).Language);
    }

    [Fact]
    public void Scorecards_AreTheSameBytes_EveryTime() =>
        Assert.Equal(ScorecardReport.RenderOne(Agencies, Agencies.Cards[0].Code), ScorecardReport.RenderOne(Agencies, Agencies.Cards[0].Code));
}
