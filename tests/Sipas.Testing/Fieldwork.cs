using Microsoft.EntityFrameworkCore;
using Sipas.Analytics.Interchange;
using Sipas.Data;

namespace Sipas.Testing;

/// <summary>Waves and service points that tests set up for themselves (Respawn removes them between tests).</summary>
public static class Fieldwork
{
    /// <summary>An open wave with the seeded questionnaires and a service point of Sở Xây dựng (construction).</summary>
    public static async Task<(Wave Wave, ServicePoint Point)> OpenWaveWithServicePoint(TestDatabase database,
        string pointCode = "XD-T1", WaveStatus status = WaveStatus.Open, string? extraQuestionnaire = null)
    {
        await using var db = database.NewDb();
        var questionnaires = await db.Questionnaires
            .Where(q => (q.Status == QuestionnaireStatus.Published && q.Version != "draft-lifecycle" && TestWaves.SeededCodes.Contains(q.Code))
                        || q.Code == extraQuestionnaire)
            .ToListAsync();
        if (extraQuestionnaire is not null) questionnaires.RemoveAll(q => q.Family == "SIPAS" && q.Code != extraQuestionnaire);
        var agency = await db.Agencies.SingleAsync(a => a.Code == "so-xay-dung");
        var wave = new Wave
        {
            Code = $"T-{Guid.NewGuid():N}"[..12], NameVi = "Đợt thử", NameEn = "Test wave", Status = status,
            StartsOn = new DateOnly(2025, 7, 1), EndsOn = new DateOnly(2025, 12, 31),
            LookbackFrom = new DateOnly(2025, 7, 1), LookbackTo = new DateOnly(2025, 12, 31), Questionnaires = questionnaires,
        };
        var point = new ServicePoint
        {
            Code = pointCode, NameVi = "Bộ phận Một cửa Sở Xây dựng (thử)", NameEn = "Test desk", AgencyId = agency.Id,
            AreaCode = "construction", CreatedAt = DateTimeOffset.UtcNow,
            // Open all day, so no test meets the opening-hours flag by the time it happens to run (that flag has its own tests).
            OpeningHours = AllDay,
        };
        db.AddRange(wave, point);
        await db.SaveChangesAsync();
        return (wave, point);
    }

    /// <summary>A published SIPAS questionnaire whose first criterion and SEX are required.</summary>
    public static async Task<string> PublishRequiredVariant(TestDatabase database)
    {
        await using var db = database.NewDb();
        if (await db.Questionnaires.AnyAsync(q => q.Code == "sipas-required")) return "sipas-required";
        var json = (await File.ReadAllTextAsync(RepositoryData.Path("spec", "examples", "tiny", "questionnaire.json")))
            .Replace("\"code\": \"sipas-dvhcc\"", "\"code\": \"sipas-required\"")
            .Replace("\"code\": \"TC1\",", "\"code\": \"TC1\", \"required\": true,")
            .Replace("\"code\": \"SEX\",", "\"code\": \"SEX\", \"required\": true,");
        var q = QuestionnaireJson.Parse(json).Questionnaire!;
        db.Questionnaires.Add(QuestionnaireVersions.From(q, QuestionnaireStatus.Published, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return q.Code;
    }

    public const string AllDay = "T2-CN 00:00-24:00";

    /// <summary>A complete set of SIPAS answers that varies (4s and 5s), so it is not straight-lined.</summary>
    public static Dictionary<string, object> VariedAnswers()
    {
        var answers = SipasAnswers();
        foreach (var code in new[] { "TC1", "TT2", "CC3", "KQ1", "PA2" }) answers[code] = 5;
        return answers;
    }

    /// <summary>A complete, valid set of answers to the SIPAS questionnaire (22 criteria).</summary>
    public static Dictionary<string, object> SipasAnswers(int value = 4) =>
        new[] { "TC1", "TC2", "TC3", "TC4", "TT1", "TT2", "TT3", "TT4", "TT5", "CC1", "CC2", "CC3", "CC4", "CC5", "CC6",
                "KQ1", "KQ2", "KQ3", "PA1", "PA2", "PA3", "PA4" }
            .ToDictionary(code => code, object (_) => value);
}
