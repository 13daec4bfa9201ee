using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.IndicatorTargets;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;

namespace Sipas.Api.Tests.Admin;

/// <summary>Targets are reference data (kept between tests), so each test uses its own year.</summary>
public class TargetsTests(TestHost database) : ApiTest(database)
{
    public override async ValueTask DisposeAsync() => await AdminData.RemoveTestReferenceRowsAsync(Database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Set_Twice_KeepsTheOldRowAsHistory_WithWhoAndWhen()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-targets");

        var first = await admin.PutAsJsonAsync("/api/admin/targets/SIPAS/2091", new TargetRequest(">", 90m, "QĐ 1/QĐ-UBND"), Ct);
        var second = await admin.PutAsJsonAsync("/api/admin/targets/sipas/2091", new TargetRequest(">=", 92.5m, "QĐ 2/QĐ-UBND"), Ct);
        var rows = await admin.GetFromJsonAsync<List<TargetRow>>("/api/admin/targets?year=2091", Ct);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
        Assert.Equal(2, rows!.Count);
        Assert.Equal(("≥", 92.5m, "QĐ 2/QĐ-UBND", true, "admin-targets"),
            (rows[0].Comparator, rows[0].ThresholdPercent, rows[0].LegalBasis, rows[0].Current, rows[0].CreatedBy));
        Assert.Equal((">", 90m, false), (rows[1].Comparator, rows[1].ThresholdPercent, rows[1].Current));
        Assert.NotNull(rows[1].SupersededAt);
        await using var db = Database.NewDb();
        var old = await db.Targets.SingleAsync(t => t.Id == rows[1].Id, Ct);
        Assert.Equal(rows[0].Id, old.SupersededById);
        var audit = await db.AuditEntries.Where(a => a.Entity == "target" && a.EntityId == "SIPAS/2091").OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal(["create", "change"], audit.Select(a => a.Action));
        Assert.Equal(90m, audit[1].Before!.RootElement.GetProperty("ThresholdPercent").GetDecimal());
    }

    [Fact]
    public async Task Set_BadValues_Is400OnEachField_AndStoresNothing()
    {
        var admin = await App.SignedInClient(Roles.Admin);

        var response = await admin.PutAsJsonAsync("/api/admin/targets/SIPAS/2092", new TargetRequest("<", 120m, "QĐ 3/QĐ-UBND"), Ct);
        var unknown = await admin.PutAsJsonAsync("/api/admin/targets/HAPPINESS/2092", new TargetRequest(">", 90m, "QĐ"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("comparator", out _) && errors.TryGetProperty("thresholdPercent", out _), errors.GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        // A threshold left empty (the screen sends null, never a silent 0) is refused on its field.
        var empty = await admin.PutAsJsonAsync("/api/admin/targets/SIPAS/2092", new { comparator = ">", thresholdPercent = (decimal?)null, legalBasis = "QĐ" }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Bắt buộc", JsonDocument.Parse(await empty.Content.ReadAsStringAsync(Ct)).RootElement
            .GetProperty("errors").GetProperty("thresholdPercent")[0].GetString());
        await using var db = Database.NewDb();
        Assert.False(await db.Targets.AnyAsync(t => t.Year == 2092, Ct));
    }
}
