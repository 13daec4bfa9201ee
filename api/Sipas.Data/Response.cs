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
    /// <summary>Quality flags, e.g. <c>too-fast</c>: they explain, never exclude; only a supervisor's decision (<see cref="Review"/>) excludes.</summary>
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

    /// <summary>The channels surveyors work through (double-keyed paper, interviews): what a wave counts when it names none.</summary>
    public static readonly IReadOnlyList<string> Surveyor = [Paper, Interview];

    /// <summary>The channels a wave's official figures count: those it names, else the surveyor channels (never every channel by default).</summary>
    public static string[] Counted(string[] official) => official.Length == 0 ? [.. Surveyor] : official;
}

/// <summary>
/// Quality flags computed at intake (issue 14): each says why a response looks wrong, never deletes it. A flagged
/// response is counted unless a supervisor excludes it (<see cref="Response.Review"/>); snapshots record how many
/// were excluded and why, and each indicator also without the flagged-but-kept responses.
/// </summary>
public static class ResponseFlags
{
    /// <summary>Completed faster than a configured time per answer, measured by the server from the credential's issue time.</summary>
    public const string TooFast = "too-fast";
    /// <summary>Every scored item (at least <c>Sipas:Quality:StraightLineMinItems</c>) given the same score.</summary>
    public const string StraightLine = "straight-line";
    /// <summary>The service point took far more submissions this hour than its own usual hourly rate.</summary>
    public const string Burst = "burst";
    /// <summary>The device already submitted at this service point today.</summary>
    public const string RepeatedDevice = "repeated-device";
    /// <summary>The dossier was already rated in this wave.</summary>
    public const string RepeatedDossier = "repeated-dossier";
    /// <summary>Received outside the service point's opening hours (Vietnam time).</summary>
    public const string OutsideHours = "outside-hours";
    /// <summary>A web submission without a valid server-issued device credential (missing, forged or expired).</summary>
    public const string UnverifiedDevice = "unverified-device";
    /// <summary>The surveyor recorded more interviews in one hour than is plausible.</summary>
    public const string SurveyorRate = "surveyor-rate";
    /// <summary>An interview shorter than a configured time per answer.</summary>
    public const string ShortInterview = "short-interview";
    /// <summary>The surveyor's answers spread far less than other surveyors' in the same wave.</summary>
    public const string LowSpread = "low-spread";
    /// <summary>Identical, or all but one item identical, to another form by the same surveyor in the wave.</summary>
    public const string NearDuplicate = "near-duplicate";

    /// <summary>Every flag with its explanation in Vietnamese and English (the one place these words live).</summary>
    public static readonly IReadOnlyDictionary<string, (string Vi, string En)> Explained = new Dictionary<string, (string, string)>
    {
        [TooFast] = ("Trả lời quá nhanh (thời gian do máy chủ đo)", "Answered too fast (time measured by the server)"),
        [StraightLine] = ("Mọi tiêu chí được chấm cùng một mức", "Every criterion given the same score"),
        [Burst] = ("Số phiếu tại điểm phục vụ tăng đột biến so với thường lệ", "A burst far above the service point's usual hourly rate"),
        [RepeatedDevice] = ("Thiết bị đã gửi phiếu tại điểm phục vụ này trong ngày", "The device already rated this service point today"),
        [RepeatedDossier] = ("Hồ sơ đã được đánh giá trong đợt này", "The dossier was already rated in this wave"),
        [OutsideHours] = ("Gửi ngoài giờ làm việc của điểm phục vụ", "Sent outside the service point's opening hours"),
        [UnverifiedDevice] = ("Không có mã thiết bị hợp lệ do máy chủ cấp", "No valid server-issued device credential"),
        [SurveyorRate] = ("Điều tra viên ghi quá nhiều phiếu trong một giờ", "Too many interviews by one surveyor in an hour"),
        [ShortInterview] = ("Cuộc phỏng vấn ngắn bất thường", "An implausibly short interview"),
        [LowSpread] = ("Câu trả lời của điều tra viên ít phân tán bất thường so với người khác", "The surveyor's answers spread far less than other surveyors'"),
        [NearDuplicate] = ("Gần trùng với một phiếu khác của cùng điều tra viên", "Nearly identical to another form by the same surveyor"),
    };
}
