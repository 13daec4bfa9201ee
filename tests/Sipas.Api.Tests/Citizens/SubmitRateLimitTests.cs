using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;

namespace Sipas.Api.Tests.Citizens;

public class SubmitRateLimitTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_OneDeviceTooOften_Is429_WhileOtherDevicesAtTheSameDeskGoOn()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-R1");
        await using var strict = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Sipas:RateLimits:SubmitsPerDevicePerMinute", "3");
            b.UseSetting("Sipas:RateLimits:SubmitsPerServicePointPerMinute", "100");
        });
        async Task<HttpResponseMessage> Post(string device)
        {
            var client = strict.CreateClient();
            client.DefaultRequestHeaders.Add("X-Sipas-Device", device);
            return await client.PostAsJsonAsync("/api/public/service-points/XD-R1/responses",
                new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers() }, Ct);
        }

        var busy = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) busy.Add((await Post("kiosk-1")).StatusCode);
        var other = await Post("phone-2");

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], busy);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Fact]
    public async Task Submit_ServicePointFlooded_Is429ForEveryDevice()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-R2");
        await using var strict = App.WithWebHostBuilder(b => b.UseSetting("Sipas:RateLimits:SubmitsPerServicePointPerMinute", "2"));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var client = strict.CreateClient();
            client.DefaultRequestHeaders.Add("X-Sipas-Device", $"phone-{i}");
            statuses.Add((await client.PostAsJsonAsync("/api/public/service-points/XD-R2/responses",
                new { clientId = Guid.NewGuid(), answers = Fieldwork.SipasAnswers() }, Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }
}
