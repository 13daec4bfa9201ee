using System.Text.Json;

namespace Sipas.Data;

/// <summary>
/// One keying of a paper form (phiếu giấy) by one surveyor. Every form is keyed twice by two different people,
/// blind to each other; two identical keyings become a <see cref="Response"/> (channel <c>paper</c>), differing
/// ones wait for a supervisor. Never deleted: a correction supersedes.
/// </summary>
public class PaperKeying
{
    public Guid Id { get; set; }
    public int WaveId { get; set; }
    public int QuestionnaireId { get; set; }
    public int AgencyId { get; set; }
    public required string AreaCode { get; set; }
    public string? UnitCode { get; set; }
    public required string Stratum { get; set; }
    /// <summary>The serial number printed on the form, unique within its wave.</summary>
    public required string Serial { get; set; }
    public Guid KeyedBy { get; set; }
    public DateTimeOffset KeyedAt { get; set; }
    /// <summary>Scored answers in questionnaire order, as in <see cref="Response.Scores"/>.</summary>
    public required short?[] Scores { get; set; }
    public JsonDocument? OtherAnswers { get; set; }
    public PaperKeyingStatus Status { get; set; }
    /// <summary>The response this keying ended in (after a match or a reconciliation).</summary>
    public Guid? ResponseId { get; set; }
    public Guid? SupersededBy { get; set; }
}

public enum PaperKeyingStatus
{
    /// <summary>The first keying of its serial: waits for the second.</summary>
    Waiting,
    /// <summary>Both keyings agreed: the response exists.</summary>
    Matched,
    /// <summary>The keyings differ: waits for a supervisor.</summary>
    Queued,
    /// <summary>A supervisor decided the values: the response exists.</summary>
    Reconciled,
}

/// <summary>
/// Who changed what, when, with the row before and after (jsonb). Written in the same transaction as the change
/// for keyings and paper responses; for imports, right after the batch that stored the responses.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    /// <summary><c>paper_keying</c>, <c>response</c>, or what an admin changed (<see cref="Entities"/>).</summary>
    public required string Entity { get; set; }
    public required string EntityId { get; set; }
    /// <summary><c>create</c>, <c>match</c>, <c>queue</c>, <c>reconcile</c>, <c>import</c>.</summary>
    public required string Action { get; set; }
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public DateTimeOffset At { get; set; }
    public JsonDocument? Before { get; set; }
    public JsonDocument? After { get; set; }

    public static class Entities
    {
        public const string PaperKeying = "paper_keying", Response = "response", ContactAttempt = "contact_attempt";
        public const string Questionnaire = "questionnaire", Wave = "wave", Target = "target", Agency = "agency",
            Commune = "commune", User = "user", ClientSystem = "client_system", ServicePoint = "service_point", Snapshot = "snapshot",
            ParScoringRule = "par_scoring_rule";
    }
}
