using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>
/// The signature of a webhook message: <c>X-Sipas-Signature: sha256=HEX</c>, the HMAC-SHA256 of
/// <c>{timestamp}.{body}</c> with the client's webhook secret, where <c>timestamp</c> is the
/// <c>X-Sipas-Timestamp</c> header (Unix seconds). Signing the timestamp with the body lets the receiver refuse
/// replays of an old message (say, older than five minutes).
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-Sipas-Signature", TimestampHeader = "X-Sipas-Timestamp",
        EventHeader = "X-Sipas-Event", DeliveryHeader = "X-Sipas-Delivery";

    public static string Sign(string secret, long timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body)));

    public static bool Verify(string secret, string? timestamp, string body, string? signature) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && signature is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, t, body)), Encoding.ASCII.GetBytes(signature));
}

/// <summary>
/// Queues the <c>snapshot.published</c> webhook for every client system with a webhook address and a live key: one
/// <see cref="WebhookDelivery"/> row each (its body fixed now, so every attempt sends the same bytes), added to the
/// caller's unit of work; <see cref="Enqueue"/> hands them to <see cref="DeliverWebhook"/> after the commit, so the
/// publishing request never waits for a portal.
/// </summary>
public sealed class WebhookRequests(SipasDb db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const string SnapshotPublished = "snapshot.published";

    public async Task<List<WebhookDelivery>> AddSnapshotPublished(Snapshot snapshot, string waveCode, CancellationToken ct)
    {
        var clients = await db.ClientSystems.AsNoTracking().Where(c => c.RevokedAt == null && c.WebhookUrl != null).ToListAsync(ct);
        if (clients.Count == 0) return [];
        var verdicts = await db.SnapshotVerdicts.AsNoTracking().Where(v => v.SnapshotId == snapshot.Id).OrderBy(v => v.Indicator).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var deliveries = clients.Select(c => new WebhookDelivery
        {
            ClientId = c.Id, SnapshotId = snapshot.Id, Event = SnapshotPublished, Url = c.WebhookUrl!, Status = WebhookStatus.Pending,
            CreatedAt = now,
            Body = JsonSerializer.Serialize(new
            {
                @event = SnapshotPublished,
                snapshot = new
                {
                    id = snapshot.Id, wave = waveCode, publishedAt = snapshot.PublishedAt, method = snapshot.MethodVersion,
                    channels = snapshot.Channels, responsesCounted = snapshot.ResponsesCounted,
                },
                indicators = verdicts.Select(v => new
                {
                    indicator = v.Indicator, year = v.Year, estimate = v.Estimate, ciLow = v.CiLow, ciHigh = v.CiHigh,
                    comparator = v.Comparator, threshold = v.Threshold, met = v.Met, certain = v.Certain, display = v.Display,
                }),
                results = $"/api/results/snapshots/{snapshot.Id}/results.csv",
            }),
        }).ToList();
        db.WebhookDeliveries.AddRange(deliveries);
        return deliveries;
    }

    /// <summary>Hands committed deliveries to Hangfire, one job each.</summary>
    public void Enqueue(IEnumerable<WebhookDelivery> deliveries)
    {
        foreach (var delivery in deliveries)
            jobs.Enqueue<DeliverWebhook>(job => job.Run(delivery.Id, CancellationToken.None));
    }
}

/// <summary>
/// Sends one webhook message (POST, JSON, signed) and records the attempt. A refusal (non-2xx) or a network error
/// is recorded and thrown, so Hangfire tries again later (<see cref="MaxAttempts"/> in all, backing off up to two
/// hours); after the last one the delivery is marked failed.
/// </summary>
public sealed class DeliverWebhook(SipasDb db, IHttpClientFactory http, TimeProvider clock, ILogger<DeliverWebhook> log)
{
    public const int MaxAttempts = 7;
    public const string HttpClientName = "sipas-webhooks";

    [AutomaticRetry(Attempts = MaxAttempts - 1, DelaysInSeconds = [15, 60, 300, 900, 3600, 7200], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task Run(long deliveryId, CancellationToken ct)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId, ct);
        if (delivery is null || delivery.Status != WebhookStatus.Pending) return;
        var client = await db.ClientSystems.AsNoTracking().SingleAsync(c => c.Id == delivery.ClientId, ct);
        if (client.RevokedAt is not null || client.WebhookSecret is null)
        {
            (delivery.Status, delivery.LastError) = (WebhookStatus.Failed, "client revoked");
            await db.SaveChangesAsync(ct);
            return;
        }

        var now = clock.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.EventHeader, delivery.Event);
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(client.WebhookSecret, timestamp, delivery.Body));

        delivery.Attempts++;
        delivery.LastAttemptAt = now;
        string? error = null;
        try
        {
            using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
            delivery.LastStatusCode = (int)response.StatusCode;
            if (!response.IsSuccessStatusCode) error = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error = e.Message;
        }

        delivery.LastError = error;
        if (error is null)
        {
            delivery.Status = WebhookStatus.Delivered;
            delivery.DeliveredAt = clock.GetUtcNow();
        }
        else if (delivery.Attempts >= MaxAttempts) delivery.Status = WebhookStatus.Failed;
        await db.SaveChangesAsync(CancellationToken.None);
        if (error is not null && delivery.Status == WebhookStatus.Pending)
        {
            log.LogWarning("Webhook {Id} to {Url} failed (attempt {Attempt}): {Error}", delivery.Id, delivery.Url, delivery.Attempts, error);
            throw new WebhookDeliveryException(delivery.Id, error);
        }
    }
}

public sealed class WebhookDeliveryException(long id, string error) : Exception($"Webhook delivery {id} failed: {error}");
