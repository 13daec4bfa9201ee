using Sipas.Reports.Scorecards;

namespace Sipas.Reports;

/// <summary>
/// Agency or commune scorecards as an A4 PDF: all of a snapshot's in one document (a cover, then one or two pages a
/// unit, a bookmark each), or one unit's on its own. The same model always gives the same bytes.
/// </summary>
public static class ScorecardReport
{
    public static void Render(ScorecardSetModel model, Stream output)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new ScorecardWriter(model);
        writer.Write(output);
    }

    public static byte[] Render(ScorecardSetModel model)
    {
        using var buffer = new MemoryStream();
        Render(model, buffer);
        return buffer.ToArray();
    }

    /// <summary>The scorecard of unit <paramref name="code"/> alone (no cover).</summary>
    public static byte[] RenderOne(ScorecardSetModel model, string code)
    {
        ArgumentNullException.ThrowIfNull(model);
        var card = model.Cards.SingleOrDefault(c => c.Code == code)
            ?? throw new ArgumentException($"No scorecard for {code}", nameof(code));
        return Render(model with { Cards = [card] });
    }
}
