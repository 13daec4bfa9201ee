using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;
using Sipas.Data;
using Sipas.Data.Seed;

namespace Sipas.Api.Tests.Foundation;

public class SeedTests(TestHost database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Communes_AreThe130OfTheSharedData_WithTheirCodesAndNfcNames()
    {
        using var source = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryData.Path("domain", "data", "nghe-an-communes.json"), Ct));
        var expected = source.RootElement.GetProperty("units").EnumerateArray()
            .ToDictionary(u => u.GetProperty("code").GetString()!, u => u.GetProperty("fullName").GetString()!.Normalize(NormalizationForm.FormC));
        await using var db = database.NewDb();

        var units = await db.AdministrativeUnits.AsNoTracking().ToListAsync(Ct);

        Assert.Equal(130, units.Count);
        Assert.Equal(expected.Keys.Order(), units.Select(u => u.Code).Order());
        Assert.All(units, u =>
        {
            Assert.Equal(expected[u.Code], u.FullName);
            Assert.True(u.FullName.IsNormalized(NormalizationForm.FormC) && u.Name.IsNormalized(NormalizationForm.FormC));
            Assert.Equal("40", u.ProvinceCode);
        });
        Assert.Equal(11, units.Count(u => u.Type == "phuong"));
        Assert.Contains(units, u => u.Code == "16681" && u.FullName == "Phường Thành Vinh");
    }

    [Fact]
    public async Task Agencies_AreTheSharedListPlusOnePeoplesCommitteePerCommune_EachWithItsAreas()
    {
        using var source = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryData.Path("domain", "data", "nghe-an-agencies.json"), Ct));
        var listed = source.RootElement.GetProperty("provincial").EnumerateArray()
            .Concat(source.RootElement.GetProperty("other").EnumerateArray())
            .ToDictionary(a => a.GetProperty("code").GetString()!,
                a => a.GetProperty("areas").EnumerateArray().Select(x => x.GetString()!).Order().ToArray());
        await using var db = database.NewDb();

        var agencies = await db.Agencies.AsNoTracking().Include(a => a.Areas).ToListAsync(Ct);

        Assert.Equal(listed.Count + 130, agencies.Count);
        foreach (var (code, areas) in listed)
            Assert.Equal(areas, agencies.Single(a => a.Code == code).Areas.Select(x => x.Code).Order());
        var committees = agencies.Where(a => a.Kind == AgencyKind.Commune).ToList();
        Assert.Equal(130, committees.Count);
        Assert.All(committees, a =>
        {
            Assert.Equal($"ubnd-{a.UnitCode}", a.Code);
            Assert.Equal(["construction", "general", "land"], a.Areas.Select(x => x.Code).Order());
        });
        Assert.Equal("UBND Phường Thành Vinh", committees.Single(a => a.Code == "ubnd-16681").NameVi);
        Assert.False(agencies.Single(a => a.Code == "so-ngoai-vu").Verified);
    }

    [Fact]
    public async Task Questionnaires_FourFamiliesArePublished_WithTheirScoredItems()
    {
        await using var db = database.NewDb();

        var seeded = await db.Questionnaires.AsNoTracking().Where(q => q.Status == QuestionnaireStatus.Published)
            .OrderBy(q => q.Family).ToListAsync(Ct);

        Assert.Equal(["EDUCATION", "HEALTH", "SIPAS", "TTHC"], seeded.Select(q => q.Family).Distinct());
        var sipas = seeded.Single(q => q.Code == "sipas-dvhcc" && q.Version == "2025.1").Read();
        Assert.Equal([4, 5, 6, 3, 4], sipas.ScoredSections.Select(s => s.ScoredItems.Count()));
        Assert.Equal(22, sipas.ScoredItems.Count);
        Assert.Equal("Tiếp cận dịch vụ hành chính công", sipas.ScoredSections[0].Title.Vi);
        Assert.Equal(12, seeded.Single(q => q.Family == "TTHC").ScoredItems.Length);
        Assert.Equal(["A", "B", "C", "D", "E"], seeded.Single(q => q.Family == "HEALTH").Read().ScoredSections.Select(s => s.Code));
        Assert.Equal(6, seeded.Single(q => q.Family == "EDUCATION").Read().ScoredSections.Count);
        Assert.All(seeded, q => Assert.All(q.Read().Sections.SelectMany(s => s.Items), i =>
            Assert.True(i.Text.Vi.IsNormalized(NormalizationForm.FormC) && !string.IsNullOrEmpty(i.Text.En))));
    }

    [Fact]
    public async Task Targets_2025And2026_AreThoseOfTheMethod()
    {
        await using var db = database.NewDb();

        var targets = await db.Targets.AsNoTracking().Where(t => t.SupersededAt == null)
            .Select(t => $"{t.Year} {t.Indicator} {t.Comparator} {t.ThresholdPercent:0}").ToListAsync(Ct);

        // method.md §5: 2025 (QĐ 3667) TTHC > 95, SIPAS > 90, HEALTH > 85, EDUCATION > 85;
        // 2026 (QĐ 4820) overall satisfaction ≥ 95 (SIPAS and TTHC), LAND, INVESTMENT, CONSTRUCTION > 85.
        Assert.Equal(
            ["2025 EDUCATION > 85", "2025 HEALTH > 85", "2025 SIPAS > 90", "2025 TTHC > 95",
             "2026 CONSTRUCTION > 85", "2026 INVESTMENT > 85", "2026 LAND > 85", "2026 SIPAS ≥ 95", "2026 TTHC ≥ 95"],
            targets.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Roles_AreTheFourStaffRoles()
    {
        await using var db = database.NewDb();

        var roles = await db.Roles.AsNoTracking().Select(r => r.Name).ToListAsync(Ct);

        Assert.Equal(["admin", "analyst", "supervisor", "surveyor"], roles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReferenceData_SeededTwice_AddsNothing()
    {
        await using var db = database.NewDb();
        var before = (await db.AdministrativeUnits.CountAsync(Ct), await db.Agencies.CountAsync(Ct),
            await db.Questionnaires.CountAsync(Ct), await db.Targets.CountAsync(Ct));

        await ReferenceData.SeedAsync(db, TimeProvider.System, Ct);

        Assert.Equal(before, (await db.AdministrativeUnits.CountAsync(Ct), await db.Agencies.CountAsync(Ct),
            await db.Questionnaires.CountAsync(Ct), await db.Targets.CountAsync(Ct)));
    }
}
