using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Setup;
using Sipas.Testing;

namespace Sipas.Api.Tests.Foundation;

/// <summary>Every text answer is compressed, except those carrying a secret (BREACH).</summary>
public class CompressionTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<HttpResponseMessage> Get(string path, string encoding)
    {
        var client = App.NewClient();
        client.DefaultRequestHeaders.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return await client.GetAsync(path, Ct);
    }

    [Fact]
    public async Task TheQuestionnaireJson_TravelsCompressed_AndReadsBackTheSame()
    {
        var (_, point) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var plain = await (await App.NewClient().GetAsync($"/api/public/service-points/{point.Code}", Ct)).Content.ReadAsByteArrayAsync(Ct);

        var response = await Get($"/api/public/service-points/{point.Code}", "br");

        response.EnsureSuccessStatusCode();
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync(Ct);
        using var output = new MemoryStream();
        await using (var brotli = new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress)) await brotli.CopyToAsync(output, Ct);
        Assert.Equal(plain, output.ToArray());
        Assert.True(compressed.Length * 2 < plain.Length, $"{compressed.Length} bytes compressed of {plain.Length}");
        using var json = JsonDocument.Parse(output.ToArray());
        Assert.Equal(JsonValueKind.Object, json.RootElement.ValueKind);
    }

    [Fact]
    public async Task AProblemDetails_IsCompressedToo_ButTheAntiforgeryTokenIsNot()
    {
        var problem = await Get("/api/public/service-points/KHONG-CO", "gzip");
        var csrf = await Get("/api/auth/csrf", "gzip");

        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType!.MediaType);
        Assert.Equal(["gzip"], problem.Content.Headers.ContentEncoding);
        csrf.EnsureSuccessStatusCode();
        Assert.Empty(csrf.Content.Headers.ContentEncoding);
        Assert.True(WebApp.CarriesSecrets("/api/public/devices") && WebApp.CarriesSecrets("/api/admin/clients/x/key"));
        Assert.False(WebApp.CarriesSecrets("/api/public/service-points/XD-01"));
    }
}
