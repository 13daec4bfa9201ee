using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

public record QueuedForm(string Wave, string Serial, string Questionnaire, DateTimeOffset KeyedAt);

public static class ListReconciliations
{
    /// <summary>The forms whose two keyings differ and wait for a supervisor, oldest first.</summary>
    public static async Task<List<QueuedForm>> Handle(string? wave, SipasDb db, CancellationToken ct)
    {
        var queued = await db.PaperKeyings.AsNoTracking()
            .Where(k => k.Status == PaperKeyingStatus.Queued && k.SupersededBy == null)
            .Join(db.Waves, k => k.WaveId, w => w.Id, (k, w) => new { k, WaveCode = w.Code })
            .Where(x => wave == null || x.WaveCode == wave)
            .Join(db.Questionnaires, x => x.k.QuestionnaireId, q => q.Id, (x, q) => new { x.WaveCode, x.k.Serial, q.Code, q.Version, x.k.KeyedAt })
            .ToListAsync(ct);
        return queued.GroupBy(x => (x.WaveCode, x.Serial))
            .Select(g => new QueuedForm(g.Key.WaveCode, g.Key.Serial, $"{g.First().Code}@{g.First().Version}", g.Max(x => x.KeyedAt)))
            .OrderBy(f => f.KeyedAt).ThenBy(f => f.Serial, StringComparer.Ordinal).ToList();
    }
}
