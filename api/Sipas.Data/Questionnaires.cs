using System.Text.Json;

namespace Sipas.Data;

/// <summary>
/// One version of a questionnaire. The definition is the interchange JSON (read and checked by
/// <c>Sipas.Analytics.Interchange.QuestionnaireJson</c>); once published, the version is immutable:
/// <see cref="SipasDb"/> refuses changes and a database trigger backs that up.
/// </summary>
public class QuestionnaireVersion
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Version { get; set; }
    public required string Family { get; set; }
    public required string TitleVi { get; set; }
    public string? TitleEn { get; set; }
    /// <summary>The definition as interchange JSON.</summary>
    public required JsonDocument Definition { get; set; }
    /// <summary>Codes of the scored items in answer-array order (<see cref="Response.Scores"/>).</summary>
    public required string[] ScoredItems { get; set; }
    public QuestionnaireStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }

    public string Key => $"{Code}@{Version}";
}

public enum QuestionnaireStatus { Draft, Published, Retired }

/// <summary>A survey wave (đợt khảo sát), e.g. <c>2025-H1</c>.</summary>
public class Wave
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string NameVi { get; set; }
    public required string NameEn { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }
    /// <summary>Transactions in this period are eligible (the look-back period), e.g. 01/01-30/06.</summary>
    public DateOnly LookbackFrom { get; set; }
    public DateOnly LookbackTo { get; set; }
    public WaveStatus Status { get; set; }
    /// <summary>Channels that count for official figures; empty means every channel.</summary>
    public string[] OfficialChannels { get; set; } = [];
    /// <summary>Service areas in scope; empty means every area.</summary>
    public string[] AreaCodes { get; set; } = [];
    /// <summary>Communes in scope; empty means every commune.</summary>
    public string[] UnitCodes { get; set; } = [];
    public List<QuestionnaireVersion> Questionnaires { get; set; } = [];
    /// <summary>Agencies in scope; empty means every agency.</summary>
    public List<Agency> Agencies { get; set; } = [];
}

public enum WaveStatus { Draft, Open, Closed }

/// <summary>A target (chỉ tiêu) set on an indicator for a year, with its legal basis. Superseded rows are kept.</summary>
public class Target
{
    public int Id { get; set; }
    /// <summary>TTHC, SIPAS, HEALTH, EDUCATION, LAND, CONSTRUCTION or INVESTMENT.</summary>
    public required string Indicator { get; set; }
    public int Year { get; set; }
    /// <summary><c>&gt;</c> or <c>≥</c>.</summary>
    public required string Comparator { get; set; }
    /// <summary>Threshold in percent, e.g. 95.00.</summary>
    public decimal ThresholdPercent { get; set; }
    public required string LegalBasis { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Who set this row (an admin's user name, or <c>seed</c>).</summary>
    public string? CreatedBy { get; set; }
    /// <summary>Set when a newer row replaces this one; history is never deleted.</summary>
    public DateTimeOffset? SupersededAt { get; set; }
    /// <summary>The row that replaced this one.</summary>
    public int? SupersededById { get; set; }
}
