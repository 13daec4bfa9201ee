using System.Net;
using System.Text.Json;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;

namespace Sipas.Api.Tests.Foundation;

public class HostTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_MigratedDatabase_Is200(string path)
    {
        var response = await App.NewClient().GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task OpenApi_Document_DescribesThePublicAndStaffEndpoints()
    {
        using var document = JsonDocument.Parse(await App.NewClient().GetStringAsync("/openapi/v1.json", Ct));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.StartsWith("3.1", document.RootElement.GetProperty("openapi").GetString());
        Assert.Contains("/api/auth/sign-in", paths);
        Assert.Contains("/api/reference/agencies", paths);
        Assert.Contains("/api/admin/questionnaires", paths);
        Assert.Contains("/api/public/service-points/{code}", paths);
        Assert.Contains("/api/public/service-points/{code}/responses", paths);
        Assert.Contains("/api/admin/service-points", paths);
    }

    [Fact]
    public async Task ApiReference_Page_IsServed()
    {
        var response = await App.NewClient().GetAsync("/api-docs/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openapi/v1.json", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task UnknownApiRoute_IsProblemDetails()
    {
        var response = await App.NewClient().GetAsync("/api/no-such-thing", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ReferenceAgencies_FilteredByArea_ListsThoseServingIt()
    {
        using var agencies = JsonDocument.Parse(await App.NewClient().GetStringAsync("/api/reference/agencies?area=investment", Ct));

        var codes = agencies.RootElement.EnumerateArray().Select(a => a.GetProperty("code").GetString()).ToList();

        Assert.Equal(["bql-kkt-dong-nam", "so-tai-chinh", "trung-tam-phvhcc"], codes.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("ubnd-16681", codes);
    }
}
