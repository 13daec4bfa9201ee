using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

/// <param name="Fields">Fields keyed on forms that have a decided response.</param>
/// <param name="Disagreements">Fields where this keyer's value differs from the response's.</param>
/// <param name="ErrorRate">Disagreements / Fields; null before any form is decided.</param>
public record KeyerErrorRate(string UserName, string DisplayName, int Forms, int Fields, int Disagreements, double? ErrorRate);

public static class GetKeyerErrorRates
{
    /// <summary>
    /// Each keyer's error rate: the share of fields (place fields and items) of their decided keyings where they
    /// disagreed with the response that was made (by a match, or by a supervisor's decision).
    /// </summary>
    public static async Task<List<KeyerErrorRate>> Handle(string? wave, SipasDb db, CancellationToken ct)
    {
        var rows = await db.PaperKeyings.AsNoTracking()
            .Where(k => k.ResponseId != null && k.SupersededBy == null)
            .Where(k => wave == null || db.Waves.Any(w => w.Id == k.WaveId && w.Code == wave))
            .Join(db.Responses, k => k.ResponseId, r => r.Id, (k, r) => new { Keying = k, Response = r })
            .ToListAsync(ct);
        var questionnaireIds = rows.Select(x => x.Keying.QuestionnaireId).Distinct().ToArray();
        var definitions = (await db.Questionnaires.AsNoTracking().Where(q => questionnaireIds.Contains(q.Id)).ToListAsync(ct))
            .ToDictionary(q => q.Id, q => q.Read());
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var keyerIds = rows.Select(x => x.Keying.KeyedBy).Distinct().ToArray();
        var users = await db.Users.AsNoTracking().Where(u => keyerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);

        return rows.GroupBy(x => x.Keying.KeyedBy).Select(g =>
        {
            int fields = 0, disagreements = 0;
            foreach (var x in g)
            {
                var definition = definitions[x.Keying.QuestionnaireId];
                var keyed = PaperForm.Of(x.Keying, agencies[x.Keying.AgencyId]).Fields(definition);
                var decided = PaperForm.Of(x.Response, agencies[x.Response.AgencyId]).Fields(definition);
                fields += keyed.Count;
                disagreements += keyed.Zip(decided).Count(p => p.First.Value != p.Second.Value);
            }
            var user = users[g.Key];
            return new KeyerErrorRate(user.UserName!, user.DisplayName, g.Count(), fields, disagreements,
                fields == 0 ? null : (double)disagreements / fields);
        }).OrderByDescending(r => r.ErrorRate).ThenBy(r => r.UserName, StringComparer.Ordinal).ToList();
    }
}
