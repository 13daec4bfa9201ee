using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.Clients;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Tests.Results;
using Sipas.Data;
using Sipas.Jobs;

namespace Sipas.Api.Tests.Admin;

/// <summary>A real HTTP listener on a loopback port, standing for the province's portal.</summary>
public sealed class Portal : IAsyncDisposable
{
    private readonly WebApplication app;
    public ConcurrentQueue<(IHeaderDictionary Headers, string Body)> Received { get; } = new();
    public int Status { get; set; } = 200;
    public string Url { get; }

    private Portal(WebApplication app, string url) => (this.app, Url) = (app, url);

    public static async Task<Portal> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        Portal? portal = null;
        app.MapPost("/hooks/sipas", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            portal!.Received.Enqueue((new HeaderDictionary(request.Headers.ToDictionary(h => h.Key, h => h.Value)), await reader.ReadToEndAsync()));
            return Microsoft.AspNetCore.Http.Results.StatusCode(portal.Status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        portal = new Portal(app, address + "/hooks/sipas");
        return portal;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

public class WebhookTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Analyst, int SnapshotId, ClientCredentials Client)> Setup(Portal portal)
    {
        var admin = await App.SignedInClient(Roles.Admin);
        var created = await admin.PostAsJsonAsync("/api/admin/clients",
            new ClientRequest("cong-thong-tin", "Cổng thông tin tỉnh", ["so-xay-dung"], portal.Url), Ct);
        var (_, snapshotId) = await ResultsData.WaveWithSnapshot(App, responses: 60);
        return (await App.SignedInClient(Roles.Analyst), snapshotId, (await created.Content.ReadFromJsonAsync<ClientCredentials>(Ct))!);
    }

    private async Task RunQueuedDelivery(long id)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DeliverWebhook>().Run(id, Ct);
    }

    [Fact]
    public async Task Publish_QueuesASignedWebhook_ThatTheJobDelivers_AndThePortalCanVerify()
    {
        await using var portal = await Portal.StartAsync();
        var (analyst, snapshotId, client) = await Setup(portal);

        var published = await analyst.PostAsJsonAsync($"/api/results/snapshots/{snapshotId}/publish", new { }, Ct);

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Empty(portal.Received); // the request did not wait for the portal
        await using var db = Database.NewDb();
        var delivery = await db.WebhookDeliveries.SingleAsync(Ct);
        Assert.Equal((WebhookStatus.Pending, 0, snapshotId), (delivery.Status, delivery.Attempts, delivery.SnapshotId));
        var queued = JobStorage.Current.GetMonitoringApi().EnqueuedJobs("default", 0, 1000)
            .Where(j => j.Value.Job?.Type == typeof(DeliverWebhook)).ToList();
        Assert.Contains(queued, j => (long)j.Value.Job.Args[0] == delivery.Id);

        await RunQueuedDelivery(delivery.Id);

        var (headers, body) = Assert.Single(portal.Received);
        Assert.Equal("snapshot.published", headers[WebhookSignature.EventHeader].ToString());
        Assert.True(WebhookSignature.Verify(client.WebhookSecret!, headers[WebhookSignature.TimestampHeader], body,
            headers[WebhookSignature.SignatureHeader]));
        Assert.False(WebhookSignature.Verify("whsec_other", headers[WebhookSignature.TimestampHeader], body, headers[WebhookSignature.SignatureHeader]));
        Assert.False(WebhookSignature.Verify(client.WebhookSecret!, headers[WebhookSignature.TimestampHeader], body.Replace("2025-H2", "2025-H1"),
            headers[WebhookSignature.SignatureHeader]));
        using var json = JsonDocument.Parse(body);
        Assert.Equal((snapshotId, "2025-H2"), (json.RootElement.GetProperty("snapshot").GetProperty("id").GetInt32(),
            json.RootElement.GetProperty("snapshot").GetProperty("wave").GetString()));
        Assert.Contains(json.RootElement.GetProperty("indicators").EnumerateArray(), i => i.GetProperty("indicator").GetString() == "SIPAS");
        await using var check = Database.NewDb();
        var done = await check.WebhookDeliveries.SingleAsync(Ct);
        Assert.Equal((WebhookStatus.Delivered, 1, 200), (done.Status, done.Attempts, done.LastStatusCode));
    }

    [Fact]
    public async Task PortalRefuses_TheAttemptIsRecorded_AndThrownForHangfireToRetry_ThenDeliveredOnce()
    {
        await using var portal = await Portal.StartAsync();
        var (analyst, snapshotId, _) = await Setup(portal);
        await analyst.PostAsJsonAsync($"/api/results/snapshots/{snapshotId}/publish", new { }, Ct);
        await using var db = Database.NewDb();
        var id = (await db.WebhookDeliveries.SingleAsync(Ct)).Id;
        portal.Status = 503;

        await Assert.ThrowsAsync<WebhookDeliveryException>(() => RunQueuedDelivery(id));
        await using (var check = Database.NewDb())
        {
            var failed = await check.WebhookDeliveries.SingleAsync(Ct);
            Assert.Equal((WebhookStatus.Pending, 1, 503, "HTTP 503"), (failed.Status, failed.Attempts, failed.LastStatusCode, failed.LastError));
        }
        portal.Status = 204;
        await RunQueuedDelivery(id);
        await RunQueuedDelivery(id); // a duplicate run of a delivered message sends nothing

        Assert.Equal(2, portal.Received.Count);
        await using var after = Database.NewDb();
        var delivered = await after.WebhookDeliveries.SingleAsync(Ct);
        Assert.Equal((WebhookStatus.Delivered, 2), (delivered.Status, delivered.Attempts));
        var admin = await App.SignedInClient(Roles.Admin);
        var listed = await admin.GetFromJsonAsync<List<DeliveryRow>>("/api/admin/clients/cong-thong-tin/deliveries", Ct);
        Assert.Equal("delivered", Assert.Single(listed!).Status);
    }

    [Fact]
    public async Task RevokedClient_GetsNoWebhook()
    {
        await using var portal = await Portal.StartAsync();
        var (analyst, snapshotId, _) = await Setup(portal);
        var admin = await App.SignedInClient(Roles.Admin);
        await admin.PostAsync("/api/admin/clients/cong-thong-tin/revoke", null, Ct);

        await analyst.PostAsJsonAsync($"/api/results/snapshots/{snapshotId}/publish", new { }, Ct);

        await using var db = Database.NewDb();
        Assert.False(await db.WebhookDeliveries.AnyAsync(Ct));
    }
}
