namespace Sipas.Data;

/// <summary>
/// A machine client (hệ thống kết nối), e.g. the province's TTHC handling system: it pushes per-dossier ratings
/// with an API key and receives a signed webhook when a snapshot is published. The key is shown once and stored
/// only as its SHA-256 (<see cref="KeyHash"/>), found by its public <see cref="KeyPrefix"/>.
/// </summary>
public class ClientSystem
{
    public int Id { get; set; }
    /// <summary>Stable kebab-case code, e.g. <c>mot-cua-nghe-an</c>.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    /// <summary>The key's public part (<c>sipas_PREFIX_secret</c>), unique, to find the row without scanning.</summary>
    public required string KeyPrefix { get; set; }
    public required byte[] KeyHash { get; set; }
    /// <summary>Agencies whose ratings this client may send; empty means none.</summary>
    public int[] AgencyIds { get; set; } = [];
    /// <summary>Where the snapshot-published webhook goes; null: no webhook.</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>The HMAC-SHA256 key of the webhook signature (shown once to the admin; needed here to sign).</summary>
    public string? WebhookSecret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>One webhook message to one client, with its attempts; written when a snapshot is published.</summary>
public class WebhookDelivery
{
    public long Id { get; set; }
    public int ClientId { get; set; }
    public int SnapshotId { get; set; }
    /// <summary><c>snapshot.published</c>.</summary>
    public required string Event { get; set; }
    public required string Url { get; set; }
    /// <summary>The exact body sent (and signed) on every attempt.</summary>
    public required string Body { get; set; }
    public WebhookStatus Status { get; set; }
    public int Attempts { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

public enum WebhookStatus { Pending, Delivered, Failed }
