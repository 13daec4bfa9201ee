namespace Sipas.Data;

/// <summary>
/// A stratum of a wave's fieldwork plan: N_h from the population frame and the number of responses planned
/// (the quota, set by a plan). Replaced when a new frame is imported for the wave.
/// </summary>
public class FieldworkStratum
{
    public int WaveId { get; set; }
    public required string Stratum { get; set; }
    public long Population { get; set; }
    public int? Quota { get; set; }
    /// <summary>How the quota was set, e.g. <c>default e=0.05</c>, <c>allocate 1200 min 30</c>.</summary>
    public string? QuotaMethod { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A surveyor assigned to a stratum (optionally one commune of it) in a wave. Ended, never deleted.</summary>
public class Assignment
{
    public int Id { get; set; }
    public int WaveId { get; set; }
    public Guid UserId { get; set; }
    public required string Stratum { get; set; }
    public string? UnitCode { get; set; }
    /// <summary>The completed forms expected from this assignment (a commune's quota when it names a commune).</summary>
    public int? Quota { get; set; }
    public DateTimeOffset AssignedAt { get; set; }
    public Guid AssignedBy { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}

/// <summary>
/// One contact attempt of an interview (a visit, a call) and its disposition; a completed one is also a response
/// (channel <c>interview</c>) with the same id. The id is the UUID the surveyor's device gave it: the idempotency key.
/// </summary>
public class ContactAttempt
{
    public Guid Id { get; set; }
    public int WaveId { get; set; }
    public Guid SurveyorId { get; set; }
    public required string Stratum { get; set; }
    public string? UnitCode { get; set; }
    /// <summary>One of <see cref="Dispositions.All"/>.</summary>
    public required string Disposition { get; set; }
    /// <summary>When the surveyor recorded it, by the device's clock.</summary>
    public DateTimeOffset AttemptedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>The response a completed interview became (same id); null for other dispositions.</summary>
    public Guid? ResponseId { get; set; }
    /// <summary>SHA-256 of what the device sent: the same id with other content is a conflict.</summary>
    public required byte[] ContentHash { get; set; }
}

/// <summary>Contact dispositions of an interview attempt (AAPOR-style final codes, simplified).</summary>
public static class Dispositions
{
    public const string Completed = "completed", Refused = "refused", NonContact = "non-contact", Ineligible = "ineligible";
    public static readonly IReadOnlyList<string> All = [Completed, Refused, NonContact, Ineligible];
}
