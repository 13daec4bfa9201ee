using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Citizens;

/// <summary>
/// Attacks on the public door (issue 14). Each test states how many submissions were acknowledged and how many
/// reach an official figure unflagged. Web ratings reach official figures only when a wave counts the web channel;
/// these tests count them as if it did (the worst case), by the responses stored without any flag.
/// </summary>
public class StuffingTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> Post(HttpClient client, string code, string? credential, Guid? id = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/service-points/{code}/responses")
        {
            Content = JsonContent.Create(new { clientId = id ?? Guid.NewGuid(), answers = Fieldwork.VariedAnswers() }),
        };
        if (credential is not null) request.Headers.TryAddWithoutValidation("X-Sipas-Device", credential);
        return await client.SendAsync(request, Ct);
    }

    private WebApplicationFactory<Program> With(params (string Key, string Value)[] settings) =>
        App.WithWebHostBuilder(b => { foreach (var (key, value) in settings) b.UseSetting(key, value); });

    private async Task<(int Stored, int Unflagged)> Counts()
    {
        await using var db = Database.NewDb();
        var flags = await db.Responses.AsNoTracking().Select(r => r.Flags).ToListAsync(Ct);
        return (flags.Count, flags.Count(f => f.Length == 0));
    }

    private static async Task<string?> Code(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task PaddedAndRecasedCodes_CountAgainstTheOneServicePoint()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-R1");
        await using var app = With(("Sipas:RateLimits:SubmitsPerServicePointPerMinute", "3"));
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var code in new[] { "XD-R1", "xd-r1", "%20XD-R1%20", "Xd-r1%09", "XD-R1" })
            statuses.Add((await Post(client, code, app.Services.GetRequiredService<Sipas.Api.Intake.DeviceCredentials>().Issue(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-2)))).StatusCode);

        // 5 sent under 4 spellings, 3 acknowledged (the service point's limit), 3 stored.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests,
            HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, (await Counts()).Stored);
    }

    [Fact]
    public async Task OneDevice_MeetsItsDailyCap_ARetryStillGetsItsReceipt_OtherDevicesGoOn()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-R2");
        var client = App.CreateClient();
        var device = Guid.NewGuid();
        var first = Guid.NewGuid();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await Post(client, "XD-R2", App.Credential(device: device), i == 0 ? first : null)).StatusCode);
        var capped = await Post(client, "XD-R2", App.Credential(device: device));
        var retry = await Post(client, "XD-R2", App.Credential(device: device), first);
        var other = await Post(client, "XD-R2", App.Credential());

        // 7 sent, 4 acknowledged new (3 of the device, 1 of another) + 1 replayed receipt; unflagged: the first of each device.
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal((HttpStatusCode.TooManyRequests, "device-cap"), (capped.StatusCode, await Code(capped)));
        Assert.True(capped.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        await using var db = Database.NewDb();
        var flags = await db.Responses.AsNoTracking().OrderBy(r => r.ReceivedAt).Select(r => r.Flags).ToListAsync(Ct);
        Assert.Equal([[], ["repeated-device"], ["repeated-device"], []], flags);
    }

    [Fact]
    public async Task RotatingForgedOrMissingCredentials_AreAcknowledgedButNeverUnflagged()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-R3");
        var client = App.CreateClient();
        var genuine = App.Credential();
        var forged = genuine[..^4] + (genuine[^4] == 'A' ? "BBBB" : "AAAA");
        var otherInstallation = new Sipas.Api.Intake.DeviceCredentials(
            new Sipas.Api.Intake.InstallationKeys(new ConfigurationBuilder().AddInMemoryCollection(
                new Dictionary<string, string?> { ["Sipas:DossierHashKey"] = "another-installation-secret" }).Build()), TimeProvider.System)
            .Issue(Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-5));
        var statuses = new List<HttpStatusCode>();
        foreach (var credential in new[] { forged, otherInstallation, null, "device-token-the-client-made-up", App.Credential(TimeSpan.FromDays(40)) })
            statuses.Add((await Post(client, "XD-R3", credential)).StatusCode);

        // 5 sent, 5 acknowledged (a citizen's answer is never lost), 0 unflagged.
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        await using var db = Database.NewDb();
        Assert.All(await db.Responses.AsNoTracking().Select(r => r.Flags).ToListAsync(Ct), f => Assert.Contains("unverified-device", f));
        Assert.Equal((5, 0), await Counts());
    }

    [Fact]
    public async Task AScriptedBurstOf1000_IsCappedByTheLimits_AndNoneOfItReachesAFigureUnflagged()
    {
        // The attacker asks a fresh credential for each submission (a new "device" every time) and submits at once.
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-R4");
        await using var app = With(("Sipas:RateLimits:SubmitsPerServicePointPerMinute", "120"),
            ("Sipas:RateLimits:SubmitsPerAddressPerMinute", "300"), ("Sipas:RateLimits:CredentialsPerAddressPerMinute", "60"));
        var client = app.CreateClient();
        var acknowledged = 0;
        for (var i = 0; i < 1000; i++)
        {
            var issued = await client.PostAsJsonAsync("/api/public/devices", new { credential = (string?)null }, Ct);
            var credential = issued.IsSuccessStatusCode ? (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("credential").GetString() : null;
            if ((await Post(client, "XD-R4", credential)).StatusCode == HttpStatusCode.Created) acknowledged++;
        }

        var (stored, unflagged) = await Counts();
        TestContext.Current.SendDiagnosticMessage($"burst of 1000: acknowledged {acknowledged}, stored {stored}, unflagged {unflagged}");
        // 1000 sent; acknowledged: the service point's 120 a minute (240 if the run straddles a minute); 0 unflagged
        // (each is too fast for its credential, or has none, and all beyond the 40th of the hour are a burst).
        Assert.InRange(acknowledged, 120, 240);
        Assert.Equal((acknowledged, 0), (stored, unflagged));
        await using var db = Database.NewDb();
        Assert.InRange(await db.Responses.CountAsync(r => r.Flags.Contains("burst"), Ct), acknowledged - 80, acknowledged - 40);
    }

    [Fact]
    public async Task TheLimits_HoldAcrossTwoApiReplicas()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-R5");
        await using var one = With(("Sipas:RateLimits:SubmitsPerServicePointPerMinute", "4"));
        await using var two = With(("Sipas:RateLimits:SubmitsPerServicePointPerMinute", "4"));
        HttpClient a = one.CreateClient(), b = two.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++) statuses.Add((await Post(i % 2 == 0 ? a : b, "XD-R5", App.Credential())).StatusCode);

        // 8 sent to two replicas alternately, 4 acknowledged in all (not 4 each).
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(4, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal(4, (await Counts()).Stored);
    }
}
