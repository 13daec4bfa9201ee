using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

public record EntryItem(string Code, LocalizedText Text);
public record EntryQuestionnaire(string Key, LocalizedText Title, IReadOnlyList<EntryItem> Items);
public record EntryWave(string Code, LocalizedText Name, string Status, IReadOnlyList<EntryQuestionnaire> Questionnaires);

public static class ListEntryForms
{
    /// <summary>What a keyer can key: open and closed waves with their published questionnaires' scored items, in order.</summary>
    public static async Task<List<EntryWave>> Handle(SipasDb db, CancellationToken ct)
    {
        var waves = await db.Waves.AsNoTracking().Include(w => w.Questionnaires)
            .Where(w => w.Status != WaveStatus.Draft).OrderByDescending(w => w.StartsOn).ThenBy(w => w.Code).ToListAsync(ct);
        return waves.Select(w => new EntryWave(w.Code, new LocalizedText(w.NameVi, w.NameEn), w.Status.ToString().ToLowerInvariant(),
            w.Questionnaires.Where(q => q.Status != QuestionnaireStatus.Draft).OrderBy(q => q.Code).Select(q => q.Read())
                .Select(q => new EntryQuestionnaire(q.Key, q.Title, q.ScoredItems.Select(i => new EntryItem(i.Code, i.Text)).ToList()))
                .ToList())).ToList();
    }
}
