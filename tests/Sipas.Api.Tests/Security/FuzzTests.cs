using Microsoft.AspNetCore.Hosting;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;

namespace Sipas.Api.Tests.Security;

/// <summary>
/// The short version of <c>./sipas fuzz</c>: the public endpoints under mutated requests for a few seconds, no 5xx,
/// every 4xx a ProblemDetails, and nothing stored that is not a valid, acknowledged response.
/// </summary>
public class FuzzTests(TestHost database) : ApiTest(database)
{
    [Fact]
    public async Task PublicEndpoints_Fuzzed_NoServerError_AndNoStoredGarbage()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-FZ");
        await using var app = App.WithWebHostBuilder(b =>
        {
            b.UseSetting("Sipas:RateLimits:SubmitsPerServicePointPerMinute", "100000000");
            b.UseSetting("Sipas:RateLimits:PublicReadsPerMinute", "100000000");
        });
        using var client = app.CreateClient();

        var report = await new Fuzzer(client, "XD-FZ", seed: 20251125).RunAsync(TimeSpan.FromSeconds(12), clients: 4,
            TestContext.Current.CancellationToken);

        await using var db = Database.NewDb();
        var garbage = await Fuzzer.StoredGarbageAsync(db, report.Acknowledged.Keys.ToList(), TestContext.Current.CancellationToken);
        Assert.True(report.Requests > 200, $"{report.Requests} requests");
        Assert.True(report.Stored > 10, $"only {report.Stored} valid submissions among {report.Statuses}");
        Assert.True(report.Faults.IsEmpty, string.Join('\n', report.Faults.Take(20).Select(f => $"{f.Status} {f.Request} → {f.Body}"))
            + "\n" + string.Join('\n', App.Logs.Lines.Where(l => l.StartsWith("Error")).Take(5).Select(l => l[..Math.Min(l.Length, 1500)])));
        Assert.Empty(garbage);
    }
}
