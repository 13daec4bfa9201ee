using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Agencies;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Admin;

/// <summary>Agencies and communes are reference data (kept between tests), so each test creates its own.</summary>
public class AgenciesTests(TestHost database) : ApiTest(database)
{
    public override async ValueTask DisposeAsync() => await AdminData.RemoveTestReferenceRowsAsync(Database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task CreateAgency(HttpClient admin, string code, string area = "construction") => AdminData.CreateAgency(admin, code, area);

    private async Task<(Wave Wave, Guid ResponseId)> PointAndResponse(string agencyCode, string pointCode)
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database, "XD-G0");
        await using var db = Database.NewDb();
        var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode, Ct);
        var point = new Sipas.Data.ServicePoint
        {
            Code = pointCode, NameVi = "Quầy thử", AgencyId = agency.Id, AreaCode = "construction", CreatedAt = DateTimeOffset.UtcNow,
        };
        var sipas = await db.Questionnaires.SingleAsync(q => q.Code == "sipas-dvhcc" && q.Version == "2025.1", Ct);
        var response = new Response
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, QuestionnaireId = sipas.Id, Channel = Channels.Paper, AreaCode = "construction",
            AgencyId = agency.Id, Stratum = $"{agencyCode}/construction", SubmittedAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow,
            Scores = new short?[22], ContentHash = RandomNumberGenerator.GetBytes(32),
        };
        db.AddRange(point, response);
        await db.SaveChangesAsync(Ct);
        return (wave, response.Id);
    }

    [Fact]
    public async Task Rename_ChangesTheName_ResponsesKeepTheirAgency()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await CreateAgency(admin, "thu-doi-ten");
        var (_, responseId) = await PointAndResponse("thu-doi-ten", "TDT-01");

        var renamed = await admin.PutAsJsonAsync("/api/admin/agencies/thu-doi-ten",
            new AgencyRequest(null, "Sở Thử nghiệm mới", "New test department", null, null, ["construction", "land"], null, null), Ct);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        var row = await renamed.Content.ReadFromJsonAsync<AgencyRow>(Ct);
        Assert.Equal("Sở Thử nghiệm mới", row!.NameVi);
        Assert.Equal(["construction", "land"], row.Areas);
        await using var db = Database.NewDb();
        var response = await db.Responses.SingleAsync(r => r.Id == responseId, Ct);
        Assert.Equal(await db.Agencies.Where(a => a.Code == "thu-doi-ten").Select(a => a.Id).SingleAsync(Ct), response.AgencyId);
    }

    [Fact]
    public async Task Merge_MovesActiveServicePoints_KeepsResponses_AndRefusesEditsAfterwards()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-merge");
        await CreateAgency(admin, "thu-sap-nhap");
        await CreateAgency(admin, "thu-ke-thua", area: "land");
        var (_, responseId) = await PointAndResponse("thu-sap-nhap", "TSN-01");

        var merged = await admin.PostAsJsonAsync("/api/admin/agencies/thu-sap-nhap/merge",
            new MergeRequest("thu-ke-thua", new DateOnly(2026, 3, 1), "QĐ 99/QĐ-UBND"), Ct);
        var rename = await admin.PutAsJsonAsync("/api/admin/agencies/thu-sap-nhap",
            new AgencyRequest(null, "Tên khác", "Other", null, null, ["construction"], null, null), Ct);
        var again = await admin.PostAsJsonAsync("/api/admin/agencies/thu-sap-nhap/merge", new MergeRequest("thu-ke-thua", new DateOnly(2026, 4, 1), null), Ct);
        var list = await admin.GetFromJsonAsync<List<AgencyRow>>("/api/admin/agencies?includeRetired=true", Ct);

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (rename.StatusCode, again.StatusCode));
        var old = list!.Single(a => a.Code == "thu-sap-nhap");
        Assert.Equal((new DateOnly(2026, 2, 28), "thu-ke-thua", 1, 0), (old.ValidTo, old.SuccessorCode, old.Responses, old.ActiveServicePoints));
        var successor = list!.Single(a => a.Code == "thu-ke-thua");
        Assert.Equal(["construction", "land"], successor.Areas);
        Assert.Equal(1, successor.ActiveServicePoints);
        await using var db = Database.NewDb();
        var oldId = await db.Agencies.Where(a => a.Code == "thu-sap-nhap").Select(a => a.Id).SingleAsync(Ct);
        Assert.Equal(oldId, (await db.Responses.SingleAsync(r => r.Id == responseId, Ct)).AgencyId);
        Assert.Equal("thu-ke-thua", await db.ServicePoints.Where(p => p.Code == "TSN-01").Select(p => p.Agency!.Code).SingleAsync(Ct));
        Assert.Contains(await db.AuditEntries.Where(a => a.UserName == "admin-merge").Select(a => a.Entity + ":" + a.Action).ToListAsync(Ct),
            a => a == "service_point:move");
        var current = await App.NewClient().GetFromJsonAsync<List<Sipas.Api.Reference.AgencySummary>>("/api/reference/agencies", Ct);
        Assert.DoesNotContain(current!, a => a.Code == "thu-sap-nhap");
    }

    [Fact]
    public async Task Merge_IntoItselfOrAnUnknownAgency_Is400()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await CreateAgency(admin, "thu-tu-nhap");

        var self = await admin.PostAsJsonAsync("/api/admin/agencies/thu-tu-nhap/merge", new MergeRequest("thu-tu-nhap", new DateOnly(2026, 3, 1), null), Ct);
        var unknown = await admin.PostAsJsonAsync("/api/admin/agencies/thu-tu-nhap/merge", new MergeRequest("khong-co", new DateOnly(2026, 3, 1), null), Ct);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (self.StatusCode, unknown.StatusCode));
        await using var db = Database.NewDb();
        Assert.Null((await db.Agencies.SingleAsync(a => a.Code == "thu-tu-nhap", Ct)).ValidTo);
    }

    [Fact]
    public async Task Retire_RetiresItsServicePoints_AndCitizensAreToldSo()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await CreateAgency(admin, "thu-ngung");
        await PointAndResponse("thu-ngung", "TN-01");

        var retired = await admin.PostAsJsonAsync("/api/admin/agencies/thu-ngung/retire", new RetireRequest(new DateOnly(2026, 1, 1), null), Ct);
        var survey = await App.NewClient().GetAsync("/api/public/service-points/TN-01", Ct);

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, survey.StatusCode);
    }

    [Fact]
    public async Task Create_TakenCodeOrBadFields_AreRefused()
    {
        var admin = await App.SignedInClient(Roles.Admin);

        var taken = await admin.PostAsJsonAsync("/api/admin/agencies",
            new AgencyRequest("so-xay-dung", "Sở Xây dựng", "Construction", "provincial", null, ["construction"], null, null), Ct);
        var bad = await admin.PostAsJsonAsync("/api/admin/agencies",
            new AgencyRequest("Sở XD", "Sở Xây dựng", "Construction", "ministry", null, ["san-bay"], null, null), Ct);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.BadRequest), (taken.StatusCode, bad.StatusCode));
        var errors = System.Text.Json.JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("code", out _) && errors.TryGetProperty("kind", out _) && errors.TryGetProperty("areaCodes", out _));
    }

    [Fact]
    public async Task Commune_Merge_MovesServicePoints_ToTheSuccessor_AndRetireNeedsNoActivePoint()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        foreach (var code in new[] { "99001", "99002" })
            Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/admin/communes",
                new CommuneRequest(code, $"Xã Thử {code}", $"Xã Thử {code}", $"Thu {code} Commune", "xa", new DateOnly(2025, 7, 1), null), Ct)).StatusCode);
        await CreateAgency(admin, "thu-xa");
        await PointAndResponse("thu-xa", "TX-01");
        await using (var db = Database.NewDb())
            await db.ServicePoints.Where(p => p.Code == "TX-01").ExecuteUpdateAsync(p => p.SetProperty(x => x.UnitCode, "99001"), Ct);

        var renamed = await admin.PutAsJsonAsync("/api/admin/communes/99001",
            new CommuneRequest(null, "Xã Thử Mới", "Xã Thử Mới", "Thu Moi Commune", null, null, null), Ct);
        var retireBlocked = await admin.PostAsJsonAsync("/api/admin/communes/99001/retire", new RetireRequest(new DateOnly(2026, 1, 1), null), Ct);
        var merged = await admin.PostAsJsonAsync("/api/admin/communes/99001/merge", new MergeRequest("99002", new DateOnly(2026, 1, 1), "NQ 1/NQ"), Ct);

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, retireBlocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var row = await merged.Content.ReadFromJsonAsync<CommuneRow>(Ct);
        Assert.Equal(("Xã Thử Mới", "99002", new DateOnly(2025, 12, 31)), (row!.Name, row.SuccessorCode, row.ValidTo));
        await using var check = Database.NewDb();
        Assert.Equal("99002", await check.ServicePoints.Where(p => p.Code == "TX-01").Select(p => p.UnitCode).SingleAsync(Ct));
    }
}

/// <summary>Reference rows that admin tests make through the API, and their removal afterwards.</summary>
public static class AdminData
{
    /// <summary>
    /// Reference tables outlive a test (Respawn keeps them), so the agencies (<c>thu-…</c>), communes (<c>99…</c>)
    /// and targets (years after 2090) that admin tests create are removed once the rows written on them are gone.
    /// </summary>
    public static async Task RemoveTestReferenceRowsAsync(TestHost database)
    {
        await database.ResetAsync();
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""
            DELETE FROM sipas.agency_areas WHERE agency_id IN
                (SELECT id FROM sipas.agencies WHERE code LIKE 'thu-%' OR unit_code LIKE '99%');
            UPDATE sipas.agencies SET successor_id = NULL WHERE code LIKE 'thu-%';
            DELETE FROM sipas.agencies WHERE code LIKE 'thu-%' OR unit_code LIKE '99%';
            UPDATE sipas.administrative_units SET successor_code = NULL WHERE code LIKE '99%';
            DELETE FROM sipas.administrative_units WHERE code LIKE '99%';
            DELETE FROM sipas.targets WHERE year > 2090;
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task CreateAgency(HttpClient admin, string code, string area = "construction")
    {
        var response = await admin.PostAsJsonAsync("/api/admin/agencies",
            new AgencyRequest(code, $"Cơ quan thử {code}", $"Test agency {code}", "provincial", null, [area], new DateOnly(2025, 1, 1), null),
            TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
