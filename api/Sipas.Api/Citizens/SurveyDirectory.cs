using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Api.Citizens;

/// <summary>Where a service point's responses go: its agency, area and commune, the open wave and its questionnaire.</summary>
public sealed record SurveyTarget(
    int ServicePointId, string ServicePointCode, LocalizedText ServicePointName, bool Retired,
    int AgencyId, string AgencyCode, LocalizedText AgencyName,
    string AreaCode, LocalizedText AreaName, string? UnitCode, string? UnitName,
    OpenWave? Wave, Intake.OpeningHours? OpeningHours = null)
{
    /// <summary>The default stratum (method.md §2): agency × area.</summary>
    public string Stratum => $"{AgencyCode}/{AreaCode}";
}

/// <summary>An open wave with the questionnaire a service point's citizens answer in it.</summary>
public sealed record OpenWave(int Id, string Code, LocalizedText Name, DateOnly StartsOn, DateOnly EndsOn,
    int QuestionnaireId, Questionnaire Questionnaire);

/// <summary>
/// Resolves service point codes for the public endpoints without a query per request: targets are cached for a
/// short while (a wave that closes stops taking responses within <see cref="Lifetime"/>), parsed questionnaires
/// for good (a published version never changes).
/// </summary>
public sealed class SurveyDirectory(IServiceScopeFactory scopes, IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(15);
    private readonly ConcurrentDictionary<int, Questionnaire> questionnaires = new();

    public async Task<SurveyTarget?> FindAsync(string code, CancellationToken ct)
    {
        code = Canonical(code);
        if (code.Length is 0 or > 20) return null;
        if (cache.TryGetValue(Key(code), out SurveyTarget? cached)) return cached;
        var target = await LoadAsync(code, ct);
        cache.Set(Key(code), target, Lifetime);
        return target;
    }

    /// <summary>Forgets a service point after an admin changed it, so the change shows at once on this instance.</summary>
    public void Forget(string code) => cache.Remove(Key(Canonical(code)));

    /// <summary>A service point code as stored: NFC, trimmed, upper case. Every door and limit uses this spelling.</summary>
    public static string Canonical(string code)
    {
        try
        {
            return code.Normalize(System.Text.NormalizationForm.FormC).Trim().ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            return ""; // broken Unicode names no service point
        }
    }

    private static string Key(string code) => $"survey-target:{code}";

    private async Task<SurveyTarget?> LoadAsync(string code, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        var point = await db.ServicePoints.AsNoTracking().Include(p => p.Agency)
            .SingleOrDefaultAsync(p => p.Code == code, ct);
        if (point is null) return null;
        var area = await db.ServiceAreas.AsNoTracking().SingleAsync(a => a.Code == point.AreaCode, ct);
        var unit = point.UnitCode is null ? null
            : await db.AdministrativeUnits.AsNoTracking().Where(u => u.Code == point.UnitCode).Select(u => u.FullName).SingleAsync(ct);

        var family = FamilyOf(point.AreaCode);
        var waves = await db.Waves.AsNoTracking()
            .Where(w => w.Status == WaveStatus.Open)
            .Where(w => w.AreaCodes.Length == 0 || w.AreaCodes.Contains(point.AreaCode))
            .Where(w => w.UnitCodes.Length == 0 || (point.UnitCode != null && w.UnitCodes.Contains(point.UnitCode)))
            .Where(w => !w.Agencies.Any() || w.Agencies.Any(a => a.Id == point.AgencyId))
            .OrderByDescending(w => w.StartsOn)
            .Select(w => new
            {
                w.Id, w.Code, w.NameVi, w.NameEn, w.StartsOn, w.EndsOn,
                Questionnaire = w.Questionnaires.Where(q => q.Family == family && q.Status != QuestionnaireStatus.Draft)
                    .OrderByDescending(q => q.PublishedAt).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var wave = waves.FirstOrDefault(w => w.Questionnaire is not null);

        return new SurveyTarget(
            point.Id, point.Code, new LocalizedText(point.NameVi, point.NameEn), point.RetiredAt is not null,
            point.AgencyId, point.Agency!.Code, new LocalizedText(point.Agency.NameVi, point.Agency.NameEn),
            area.Code, new LocalizedText(area.NameVi, area.NameEn), point.UnitCode, unit,
            wave is null ? null : new OpenWave(wave.Id, wave.Code, new LocalizedText(wave.NameVi, wave.NameEn),
                wave.StartsOn, wave.EndsOn, wave.Questionnaire!.Id,
                questionnaires.GetOrAdd(wave.Questionnaire.Id, _ => wave.Questionnaire.Read())),
            Intake.OpeningHours.Parse(point.OpeningHours));
    }

    /// <summary>The questionnaire family citizens of a service area answer.</summary>
    public static string FamilyOf(string areaCode) => areaCode switch
    {
        "health" => "HEALTH",
        "education" => "EDUCATION",
        _ => "SIPAS",
    };
}
