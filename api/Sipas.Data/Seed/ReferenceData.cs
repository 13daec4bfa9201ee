using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics.Interchange;

namespace Sipas.Data.Seed;

/// <summary>
/// Reference data every installation needs, production included: service areas, Nghệ An's 130 communes, its
/// agencies (departments, other bodies, one People's Committee per commune), the seed questionnaires
/// (published), the targets of method.md §5 and the staff roles. Idempotent: it adds what is missing and never overwrites what
/// an admin has since edited.
/// </summary>
public static class ReferenceData
{
    public const string ProvinceCode = "40";
    private static readonly DateOnly CommunesFrom = new(2025, 7, 1);
    private static readonly DateOnly AgenciesFrom = new(2025, 3, 1);

    public static readonly IReadOnlyList<ServiceArea> Areas =
    [
        new() { Code = "land", NameVi = "Đất đai", NameEn = "Land", SortOrder = 1 },
        new() { Code = "construction", NameVi = "Xây dựng", NameEn = "Construction", SortOrder = 2 },
        new() { Code = "investment", NameVi = "Đầu tư", NameEn = "Investment", SortOrder = 3 },
        new() { Code = "health", NameVi = "Y tế", NameEn = "Health", SortOrder = 4 },
        new() { Code = "education", NameVi = "Giáo dục", NameEn = "Education", SortOrder = 5 },
        new() { Code = "general", NameVi = "Lĩnh vực chung", NameEn = "General", SortOrder = 6 },
    ];

    public static async Task SeedAsync(SipasDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await SeedAreas(db, ct);
        await SeedUnits(db, ct);
        await SeedAgencies(db, ct);
        await SeedQuestionnaires(db, now, ct);
        await SeedTargets(db, now, ct);
        await SeedRoles(db, ct);
    }

    /// <summary>The four staff roles (admin, analyst, supervisor, surveyor) that accounts and policies refer to.</summary>
    private static async Task SeedRoles(SipasDb db, CancellationToken ct)
    {
        var known = await db.Roles.Select(r => r.Name).ToListAsync(ct);
        db.Roles.AddRange(Roles.All.Where(r => !known.Contains(r)).Select(r => new IdentityRole<Guid>(r)
        {
            Id = Guid.CreateVersion7(), NormalizedName = r.ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString(),
        }));
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedAreas(SipasDb db, CancellationToken ct)
    {
        var known = await db.ServiceAreas.Select(a => a.Code).ToListAsync(ct);
        db.ServiceAreas.AddRange(Areas.Where(a => !known.Contains(a.Code)).Select(a => new ServiceArea
        {
            Code = a.Code, NameVi = a.NameVi, NameEn = a.NameEn, SortOrder = a.SortOrder,
        }));
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedUnits(SipasDb db, CancellationToken ct)
    {
        using var file = SeedFiles.ReadJson("reference/nghe-an-communes.json");
        var known = (await db.AdministrativeUnits.Select(u => u.Code).ToListAsync(ct)).ToHashSet();
        foreach (var unit in file.RootElement.GetProperty("units").EnumerateArray())
        {
            var code = unit.GetProperty("code").GetString()!;
            if (known.Contains(code)) continue;
            db.AdministrativeUnits.Add(new AdministrativeUnit
            {
                Code = code,
                Name = Nfc(unit, "name"),
                FullName = Nfc(unit, "fullName"),
                NameEn = Nfc(unit, "nameEn"),
                Type = Nfc(unit, "type"),
                ProvinceCode = ProvinceCode,
                ValidFrom = CommunesFrom,
                LegalBasis = "NQ 1678/NQ-UBTVQH15",
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedAgencies(SipasDb db, CancellationToken ct)
    {
        var areas = await db.ServiceAreas.ToDictionaryAsync(a => a.Code, ct);
        var known = (await db.Agencies.Select(a => a.Code).ToListAsync(ct)).ToHashSet();
        using var file = SeedFiles.ReadJson("reference/nghe-an-agencies.json");
        foreach (var (group, kind) in new[] { ("provincial", AgencyKind.Provincial), ("other", AgencyKind.Other) })
            foreach (var agency in file.RootElement.GetProperty(group).EnumerateArray())
            {
                var code = agency.GetProperty("code").GetString()!;
                if (!known.Add(code)) continue;
                db.Agencies.Add(new Agency
                {
                    Code = code,
                    NameVi = Nfc(agency, "name"),
                    NameEn = Nfc(agency, "nameEn"),
                    Kind = kind,
                    Note = agency.TryGetProperty("note", out var note) ? note.GetString() : null,
                    Verified = !agency.TryGetProperty("verified", out var verified) || verified.GetBoolean(),
                    ValidFrom = AgenciesFrom,
                    Areas = agency.GetProperty("areas").EnumerateArray().Select(a => areas[a.GetString()!]).ToList(),
                });
            }

        // Every commune's People's Committee serves land, construction and general procedures (agencies JSON, "communes").
        foreach (var unit in await db.AdministrativeUnits.Where(u => u.ProvinceCode == ProvinceCode).ToListAsync(ct))
        {
            if (!known.Add($"ubnd-{unit.Code}")) continue;
            db.Agencies.Add(new Agency
            {
                Code = $"ubnd-{unit.Code}",
                NameVi = $"UBND {unit.FullName}",
                NameEn = $"People's Committee of {unit.NameEn} {(unit.Type == "phuong" ? "Ward" : "Commune")}",
                Kind = AgencyKind.Commune,
                UnitCode = unit.Code,
                ValidFrom = unit.ValidFrom,
                Areas = [areas["land"], areas["construction"], areas["general"]],
            });
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedQuestionnaires(SipasDb db, DateTimeOffset now, CancellationToken ct)
    {
        var known = (await db.Questionnaires.Select(q => q.Code + "@" + q.Version).ToListAsync(ct)).ToHashSet();
        foreach (var name in SeedFiles.Questionnaires())
        {
            var parsed = QuestionnaireJson.Parse(SeedFiles.Read($"questionnaires/{name}"));
            var q = parsed.Questionnaire
                ?? throw new InvalidDataException($"Seed questionnaire {name}: {string.Join("; ", parsed.Faults)}");
            if (known.Contains(q.Key)) continue;
            db.Questionnaires.Add(QuestionnaireVersions.From(q, QuestionnaireStatus.Published, now));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The targets of method.md §5; the 2026 "overall satisfaction ≥ 95" applies to SIPAS and TTHC.</summary>
    public static readonly IReadOnlyList<(string Indicator, int Year, string Comparator, decimal Threshold, string Basis)> Targets =
    [
        ("TTHC", 2025, ">", 95m, "QĐ 3667/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2025)"),
        ("SIPAS", 2025, ">", 90m, "QĐ 3667/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2025)"),
        ("HEALTH", 2025, ">", 85m, "QĐ 3667/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2025)"),
        ("EDUCATION", 2025, ">", 85m, "QĐ 3667/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2025)"),
        ("SIPAS", 2026, "≥", 95m, "QĐ 4820/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2026)"),
        ("TTHC", 2026, "≥", 95m, "QĐ 4820/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2026)"),
        ("LAND", 2026, ">", 85m, "QĐ 4820/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2026)"),
        ("INVESTMENT", 2026, ">", 85m, "QĐ 4820/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2026)"),
        ("CONSTRUCTION", 2026, ">", 85m, "QĐ 4820/QĐ-UBND (Kế hoạch CCHC tỉnh Nghệ An năm 2026)"),
    ];

    private static async Task SeedTargets(SipasDb db, DateTimeOffset now, CancellationToken ct)
    {
        var known = (await db.Targets.Select(t => t.Indicator + "/" + t.Year).ToListAsync(ct)).ToHashSet();
        db.Targets.AddRange(Targets.Where(t => !known.Contains($"{t.Indicator}/{t.Year}")).Select(t => new Target
        {
            Indicator = t.Indicator, Year = t.Year, Comparator = t.Comparator, ThresholdPercent = t.Threshold,
            LegalBasis = t.Basis, CreatedAt = now, CreatedBy = "seed",
        }));
        await db.SaveChangesAsync(ct);
    }

    private static string Nfc(JsonElement element, string property) =>
        element.GetProperty(property).GetString()!.Normalize(NormalizationForm.FormC);
}
