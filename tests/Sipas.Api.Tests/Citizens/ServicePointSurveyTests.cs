using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;
using Sipas.Data;

namespace Sipas.Api.Tests.Citizens;

public class ServicePointSurveyTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServicePoint_OpenWave_GivesTheQuestionnaireInBothLanguages()
    {
        var (wave, _) = await Fieldwork.OpenWaveWithServicePoint(Database, "XD-S1");

        var response = await App.NewClient().GetAsync("/api/public/service-points/xd-s1", Ct);
        using var survey = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = survey.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("public", response.Headers.CacheControl!.ToString());
        Assert.Equal("XD-S1", root.GetProperty("servicePoint").GetProperty("code").GetString());
        Assert.Equal("so-xay-dung", root.GetProperty("servicePoint").GetProperty("agency").GetProperty("code").GetString());
        Assert.Equal("Xây dựng", root.GetProperty("servicePoint").GetProperty("area").GetProperty("name").GetProperty("vi").GetString());
        Assert.Equal(wave.Code, root.GetProperty("wave").GetProperty("code").GetString());
        var questionnaire = root.GetProperty("questionnaire");
        Assert.Equal("sipas-dvhcc@2025.1", questionnaire.GetProperty("key").GetString());
        var first = questionnaire.GetProperty("sections")[0].GetProperty("items")[0];
        Assert.Equal(("TC1", "likert5", "Nơi ngồi chờ có đủ chỗ ngồi", "The waiting area has enough seats"),
            (first.GetProperty("code").GetString(), first.GetProperty("scale").GetString(),
             first.GetProperty("text").GetProperty("vi").GetString(), first.GetProperty("text").GetProperty("en").GetString()));
    }

    [Fact]
    public async Task ServicePoint_UnknownCode_Is404ProblemDetails()
    {
        var response = await App.NewClient().GetAsync("/api/public/service-points/NO-SUCH", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("\"code\":\"unknown-service-point\"", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task ServicePoint_NoOpenWave_Is409WithAClearMessage()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-S2", WaveStatus.Closed);

        var response = await App.NewClient().GetAsync("/api/public/service-points/XD-S2", Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no-open-wave", body);
        Assert.Contains("Hiện không có đợt khảo sát nào đang mở", body);
    }

    [Fact]
    public async Task ServicePoint_Retired_Is410()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-S3");
        await using (var db = Database.NewDb())
            await db.ServicePoints.Where(p => p.Code == "XD-S3")
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.RetiredAt, DateTimeOffset.UtcNow), Ct);

        var response = await App.NewClient().GetAsync("/api/public/service-points/XD-S3", Ct);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }
}
