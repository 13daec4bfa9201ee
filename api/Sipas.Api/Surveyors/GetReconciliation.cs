using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

/// <summary>One field of a form as each keyer keyed it; <c>Label</c> is the item's text (null for place fields).</summary>
public record KeyedField(string Field, LocalizedText? Label, string? First, string? Second, bool Differs);

public record KeyerStamp(string UserName, string DisplayName, DateTimeOffset KeyedAt);

public record FormReconciliation(string Wave, string Serial, string Questionnaire, string State,
    IReadOnlyList<KeyerStamp> Keyers, IReadOnlyList<KeyedField> Fields, Guid? ResponseId);

public static class GetReconciliation
{
    /// <summary>Both keyings of a form side by side, field by field (supervisors only: keyers never see each other's).</summary>
    public static async Task<Results<Ok<FormReconciliation>, NotFound>> Handle(string wave, string serial, SipasDb db, CancellationToken ct)
    {
        var pair = await KeyingPair.LoadAsync(db, wave, serial, ct);
        if (pair is null) return TypedResults.NotFound();
        var labels = pair.Definition.ItemsByCode;
        var first = pair.Forms[0].Fields(pair.Definition);
        var second = pair.Forms[1].Fields(pair.Definition);
        var fields = first.Zip(second, (a, b) => new KeyedField(a.Field,
            labels.TryGetValue(a.Field, out var item) ? item.Text : null, a.Value, b.Value, a.Value != b.Value)).ToList();
        return TypedResults.Ok(new FormReconciliation(pair.WaveCode, pair.Serial, pair.Version.Key,
            pair.Keyings[0].Status.ToString().ToLowerInvariant(), pair.Keyers, fields, pair.Keyings[0].ResponseId));
    }
}

/// <summary>The two current keyings of a serial with what is needed to compare them.</summary>
public sealed record KeyingPair(int WaveId, string WaveCode, string Serial, QuestionnaireVersion Version, Questionnaire Definition,
    IReadOnlyList<PaperKeying> Keyings, IReadOnlyList<PaperForm> Forms, IReadOnlyList<KeyerStamp> Keyers)
{
    /// <summary>Null unless the serial has been keyed twice (tracked entities: the caller may change them).</summary>
    public static async Task<KeyingPair?> LoadAsync(SipasDb db, string waveCode, string serialText, CancellationToken ct)
    {
        var serial = PaperFormReader.Serial(serialText);
        var wave = await db.Waves.AsNoTracking().Where(w => w.Code == waveCode).Select(w => new { w.Id, w.Code }).SingleOrDefaultAsync(ct);
        if (serial is null || wave is null) return null;
        var keyings = await db.PaperKeyings.Where(k => k.WaveId == wave.Id && k.Serial == serial && k.SupersededBy == null)
            .OrderBy(k => k.KeyedAt).ThenBy(k => k.Id).ToListAsync(ct);
        if (keyings.Count != 2) return null;
        var version = await db.Questionnaires.AsNoTracking().SingleAsync(q => q.Id == keyings[0].QuestionnaireId, ct);
        var agencyIds = keyings.Select(k => k.AgencyId).ToArray();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct);
        var userIds = keyings.Select(k => k.KeyedBy).ToArray();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return new KeyingPair(wave.Id, wave.Code, serial, version, version.Read(), keyings,
            keyings.Select(k => PaperForm.Of(k, agencies[k.AgencyId])).ToList(),
            keyings.Select(k => new KeyerStamp(users[k.KeyedBy].UserName!, users[k.KeyedBy].DisplayName, k.KeyedAt)).ToList());
    }
}
