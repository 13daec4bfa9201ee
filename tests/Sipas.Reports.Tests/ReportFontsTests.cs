using System.Reflection;
using Sipas.Reports.Layout;
using Sipas.Reports.Posters;
using SkiaSharp;

namespace Sipas.Reports.Tests;

public class ReportFontsTests
{
    [Fact]
    public void Fonts_AreTheEmbeddedNotoSansFaces()
    {
        Assert.Equal("Noto Sans", ReportFonts.Regular.FamilyName);
        Assert.True(ReportFonts.Bold.FontWeight >= (int)SKFontStyleWeight.Bold);
        Assert.Equal(SKFontStyleSlant.Italic, ReportFonts.Italic.FontSlant);
        Assert.NotNull(typeof(ReportFonts).Assembly.GetManifestResourceStream("Sipas.Reports.Fonts.OFL.txt"));
    }

    [Fact]
    public void Fonts_ScottPlotResolvesTheSameTypefaces()
    {
        ReportFonts.RegisterWithScottPlot();

        Assert.Same(ReportFonts.Regular, ScottPlot.Fonts.GetTypeface(ReportFonts.Family, false, false));
        Assert.Same(ReportFonts.Bold, ScottPlot.Fonts.GetTypeface(ReportFonts.Family, true, false));
        Assert.Same(ReportFonts.Italic, ScottPlot.Fonts.GetTypeface(ReportFonts.Family, false, true));
    }

    [Fact]
    public void Fonts_CoverEveryFixedText()
    {
        var texts = FixedTexts(ReportTexts.Vi).Concat(FixedTexts(ReportTexts.En))
            .Concat(PosterTexts.Steps)
            .Concat([PosterTexts.Heading, PosterTexts.HeadingEn, PosterTexts.CodeLabel, PosterTexts.English, PosterTexts.Privacy]);

        foreach (var text in texts)
        foreach (var face in new[] { ReportFonts.Regular, ReportFonts.Bold, ReportFonts.Italic })
        {
            var missing = ReportFonts.Nfc(text).EnumerateRunes().Where(r => !char.IsWhiteSpace((char)r.Value) && !face.ContainsGlyph(r.Value));
            Assert.True(!missing.Any(), $"{face.FamilyName} {face.FontStyle.Weight} lacks {string.Concat(missing)} in “{text}”");
        }
    }

    [Fact]
    public void Nfc_ComposesMarksAndSpellsMissingSymbols()
    {
        Assert.Equal("Nghệ An", ReportFonts.Nfc("Nghe\u0323\u0302 An"));
        Assert.Equal(">= 95% -1", ReportFonts.Nfc("≥ 95% −1"));
    }

    [Fact]
    public void Wrap_KeepsEveryLineWithinTheWidth()
    {
        using var styles = new Styles();
        var text = "Công chức trả lời, giải thích đầy đủ các ý kiến của người dân sha256:9f2c4e1b7a3d58c06e2f91d4b8a7c3e5f0d1a2b3c4d5e6f7";

        var lines = TextLayout.Wrap(text, styles.Body, 120);

        Assert.True(lines.Count > 3);
        Assert.All(lines, line => Assert.True(styles.Body.Measure(line) <= 120, line));
        Assert.Equal(text.Replace(" ", ""), string.Concat(lines).Replace(" ", ""));
    }

    private static IEnumerable<string> FixedTexts(ReportTexts texts)
    {
        foreach (var property in typeof(ReportTexts).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            switch (property.GetValue(texts))
            {
                case string s: yield return s; break;
                case Func<string, string> f: yield return f("Nghệ An"); break;
                case Func<int, int, string> f: yield return f(3, 12); break;
                case Func<int, string> f: yield return f(40); break;
                case Func<int, string, string> f: yield return f(40, "1.234"); break;
            }
        }
    }
}
