using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.ServicePoints;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;
using Sipas.Data;

namespace Sipas.Api.Tests.ServicePoints;

public class ManageServicePointsTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CreateServicePointRequest Desk(string code = "TV-09", string agency = "ubnd-16681", string area = "land") =>
        new(code, "Bộ phận Một cửa phường Thành Vinh, quầy 9", "Thanh Vinh Ward, desk 9", agency, area, null, "Số 1 Lê Lợi");

    [Fact]
    public async Task Create_ValidDesk_Is201_AndCitizensCanOpenItsSurvey()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-M0");
        var admin = await App.SignedInClient(Roles.Admin);

        var response = await admin.PostAsJsonAsync("/api/admin/service-points", Desk() with { Code = "tv-09" }, Ct);
        var created = await response.Content.ReadFromJsonAsync<ServicePointSummary>(Ct);
        var survey = await App.NewClient().GetAsync("/api/public/service-points/TV-09", Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(("TV-09", "16681", "ubnd-16681"), (created!.Code, created.UnitCode, created.Agency.Code));
        Assert.EndsWith("/s/TV-09", created.Link);
        Assert.Equal(HttpStatusCode.OK, survey.StatusCode);
    }

    [Fact]
    public async Task Create_AgencyNotServingTheArea_Is400OnAreaCode()
    {
        var admin = await App.SignedInClient(Roles.Admin);

        var response = await admin.PostAsJsonAsync("/api/admin/service-points", Desk(area: "health"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("không phục vụ lĩnh vực này", body.RootElement.GetProperty("errors").GetProperty("areaCode")[0].GetString());
    }

    [Theory]
    [InlineData("X", "code")]
    [InlineData("XD 01", "code")]
    [InlineData("XD-01-NHUNG-RAT-DAI-QUA", "code")]
    public async Task Create_BadCode_Is400OnTheField(string code, string field)
    {
        var admin = await App.SignedInClient(Roles.Admin);

        var response = await admin.PostAsJsonAsync("/api/admin/service-points", Desk(code), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.True(body.RootElement.GetProperty("errors").TryGetProperty(field, out _), body.RootElement.GetRawText());
        await using var db = Database.NewDb();
        Assert.False(await db.ServicePoints.AnyAsync(Ct));
    }

    [Fact]
    public async Task Create_TakenCode_Is409()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.PostAsJsonAsync("/api/admin/service-points", Desk(), Ct);

        var response = await admin.PostAsJsonAsync("/api/admin/service-points", Desk(), Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Retire_StopsResponsesAtOnce_AndKeepsThePoint()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-M1");
        var admin = await App.SignedInClient(Roles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await App.NewClient().GetAsync("/api/public/service-points/XD-M1", Ct)).StatusCode);

        var retired = await admin.PostAsync("/api/admin/service-points/XD-M1/retire", null, Ct);
        var survey = await App.NewClient().GetAsync("/api/public/service-points/XD-M1", Ct);
        var list = await admin.GetFromJsonAsync<List<ServicePointSummary>>("/api/admin/service-points?includeRetired=true", Ct);

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, survey.StatusCode);
        Assert.NotNull(Assert.Single(list!).RetiredAt);
    }

    [Fact]
    public async Task Update_ChangesTheDesk()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.PostAsJsonAsync("/api/admin/service-points", Desk(), Ct);

        var response = await admin.PutAsJsonAsync("/api/admin/service-points/TV-09",
            new UpdateServicePointRequest("Quầy xây dựng", null, "ubnd-16681", "construction", null, null), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("construction", (await response.Content.ReadFromJsonAsync<ServicePointSummary>(Ct))!.AreaCode);
    }

    [Fact]
    public async Task OpeningHours_AreSetAsTheDeskSaysThem_AndAnythingElseIsRefusedByField()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.PostAsJsonAsync("/api/admin/service-points", Desk(), Ct);

        var bad = await admin.PutAsJsonAsync("/api/admin/service-points/TV-09",
            new UpdateServicePointRequest("Quầy xây dựng", null, "ubnd-16681", "construction", null, null, "thứ hai 7h-17h"), Ct);
        var good = await admin.PutAsJsonAsync("/api/admin/service-points/TV-09",
            new UpdateServicePointRequest("Quầy xây dựng", null, "ubnd-16681", "construction", null, null, "t2-t6 07:00-11:30 13:30-17:00; T7 07:30-11:30"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("openingHours", await bad.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("T2-T6 07:00-11:30 13:30-17:00; T7 07:30-11:30", (await good.Content.ReadFromJsonAsync<ServicePointSummary>(Ct))!.OpeningHours);
    }

    [Theory]
    [InlineData(Roles.Analyst)]
    [InlineData(Roles.Supervisor)]
    [InlineData(Roles.Surveyor)]
    public async Task ServicePointAdministration_OtherRoles_AreForbidden(string role)
    {
        var client = await App.SignedInClient(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/admin/service-points", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/admin/service-points", Desk(), Ct)).StatusCode);
    }

    [Fact]
    public async Task Qr_KnownServicePoint_IsAnSvgOfItsLink()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-M2");

        var response = await App.NewClient().GetAsync("/api/service-points/xd-m2/qr.svg", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("<svg", (await response.Content.ReadAsStringAsync(Ct)).TrimStart());
        Assert.Equal(HttpStatusCode.NotFound, (await App.NewClient().GetAsync("/api/service-points/NONE/qr.svg", Ct)).StatusCode);
    }
}
