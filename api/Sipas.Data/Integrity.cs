namespace Sipas.Data;

/// <summary>
/// A supervisor's decision on a flagged response: keep it in the figures or exclude it, with a reason. The decision
/// in force is the one not superseded; earlier ones stay as history, so every decision can be reversed and read back.
/// The decision in force is also copied to <see cref="Response.Review"/> for the snapshot reader.
/// </summary>
public class ResponseReview
{
    public Guid Id { get; set; }
    public Guid ResponseId { get; set; }
    /// <summary><see cref="ReviewDecisions.Keep"/> or <see cref="ReviewDecisions.Exclude"/>.</summary>
    public required string Decision { get; set; }
    public required string Reason { get; set; }
    public Guid DecidedById { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
    /// <summary>The later decision that replaced this one (a reversal), if any.</summary>
    public Guid? SupersededBy { get; set; }
}

public static class ReviewDecisions
{
    public const string Keep = "keep", Exclude = "exclude";
}

/// <summary>
/// A counter of a limit shared by every API replica (requests per service point per minute, submissions per device
/// and service point per day, sign-in failures per account): one row per key and window, incremented atomically.
/// Keys hold no personal data in clear (addresses and devices are keyed hashes).
/// </summary>
public class RateCounter
{
    public required string Key { get; set; }
    public DateTimeOffset WindowStart { get; set; }
    public int Count { get; set; }
    /// <summary>After this the row means nothing and may be deleted.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>
/// An invitation to rate one dossier, asked for by a client system (the TTHC handling system) and sent to the
/// citizen as a short signed link. The rating made through it is bound to the dossier (one per dossier and wave)
/// and counted as verified.
/// </summary>
public class Invitation
{
    public Guid Id { get; set; }
    public int ClientId { get; set; }
    public int WaveId { get; set; }
    public int QuestionnaireId { get; set; }
    public int AgencyId { get; set; }
    public required string AreaCode { get; set; }
    public string? UnitCode { get; set; }
    public int? ServicePointId { get; set; }
    /// <summary>Keyed hash of the dossier code, as on responses.</summary>
    public required byte[] DossierHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>The rating made through the link (same as <see cref="Response.InvitationId"/>), once used.</summary>
    public Guid? ResponseId { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
