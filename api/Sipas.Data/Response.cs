using System.Text.Json;

namespace Sipas.Data;

/// <summary>
/// One response (phiếu): identity, where it belongs, and its scored answers as one array in the order of the
/// questionnaire version's scored items (0 = no opinion, 1..5, null = unanswered). Other answers (demographics,
/// comments) are in <see cref="OtherAnswers"/>. Never deleted: corrections supersede.
/// </summary>
public class Response
{
    /// <summary>The client's UUID: the idempotency key.</summary>
    public Guid Id { get; set; }
    public int WaveId { get; set; }
    public int QuestionnaireId { get; set; }
    public required string Channel { get; set; }
    public required string AreaCode { get; set; }
    public int AgencyId { get; set; }
    public string? UnitCode { get; set; }
    /// <summary>Stratum code (method.md §2); <c>agency/area</c> by default.</summary>
    public required string Stratum { get; set; }
    public int? ServicePointId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public required short?[] Scores { get; set; }
    public JsonDocument? OtherAnswers { get; set; }
    /// <summary>Keyed hash of the dossier code (mã hồ sơ), never the code itself.</summary>
    public byte[]? DossierHash { get; set; }
    /// <summary>SHA-256 of the canonical submitted content: same id with other content is a conflict.</summary>
    public required byte[] ContentHash { get; set; }
    /// <summary>Quality flags, e.g. <c>too-fast</c>; flagged responses are kept but left out of official figures.</summary>
    public string[] Flags { get; set; } = [];
    public Guid? EnteredBy { get; set; }
    public Guid? SupersededBy { get; set; }
    /// <summary>Keyed hash of the device id of the server-signed device credential (web), never the id itself.</summary>
    public byte[]? DeviceHash { get; set; }
    /// <summary>The invitation (a client system's per-dossier link) this rating was made through: a verified rating.</summary>
    public Guid? InvitationId { get; set; }
    /// <summary>The supervisor's decision in force on a flagged response (<see cref="ReviewDecisions"/>), null when none.</summary>
    public string? Review { get; set; }
}

/// <summary>The channels a response can come through (interchange.md).</summary>
public static class Channels
{
    public const string Web = "web", Paper = "paper", Interview = "interview", Import = "import";
    /// <summary>Per-dossier ratings pushed by the province's TTHC handling system (a machine client).</summary>
    public const string Portal = "portal";
    public static readonly IReadOnlyList<string> All = [Web, Paper, Interview, Import, Portal];
}

/// <summary>Quality flags a response can carry; a flagged response is kept but left out of official figures.</summary>
public static class ResponseFlags
{
    /// <summary>Completed implausibly fast (less than a configured time per answer).</summary>
    public const string TooFast = "too-fast";
}
