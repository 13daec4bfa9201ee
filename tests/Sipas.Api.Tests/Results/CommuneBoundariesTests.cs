using System.Net.Http.Json;
using System.Text.Json;
using Sipas.Api.Tests.Infrastructure;

namespace Sipas.Api.Tests.Results;

public class CommuneBoundariesTests(TestHost database) : ApiTest(database)
{
    [Fact]
    public async Task CommuneBoundaries_AreServedWithTheirLicence()
    {
        var client = App.NewClient();

        var geo = await client.GetFromJsonAsync<JsonElement>("/api/reference/communes.geojson", TestContext.Current.CancellationToken);
        var licence = await client.GetStringAsync("/api/reference/communes.geojson.license", TestContext.Current.CancellationToken);

        var codes = geo.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("code").GetString()).ToList();
        Assert.Equal(130, codes.Count);
        Assert.Contains("16681", codes);
        Assert.StartsWith("MIT License", licence);
    }
}
