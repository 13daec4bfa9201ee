using System.Text.Json;

namespace Sipas.Data;

/// <summary>
/// One computation of a wave's figures (method.md) and its parameters: an immutable record once published.
/// Result rows are in <see cref="SnapshotResult"/> (one per estimate) and verdicts in <see cref="SnapshotVerdict"/>.
/// Late or corrected data never edit a published snapshot: they make a new one that supersedes it and says what
/// changed (<see cref="SupersedesId"/>, <see cref="Changes"/>). <see cref="SipasDb"/> refuses changes to a
/// published snapshot and its rows; database triggers back that up.
/// </summary>
public class Snapshot
{
    public const string CurrentMethod = "sipas-method/1";
    public const string Scheduler = "scheduler";

    public int Id { get; set; }
    public int WaveId { get; set; }
    public Wave? Wave { get; set; }
    public SnapshotStatus Status { get; set; }
    /// <summary>0..100 and the phase being worked on, for the dashboard to poll.</summary>
    public int Progress { get; set; }
    public string Phase { get; set; } = "queued";
    public string MethodVersion { get; set; } = CurrentMethod;
    /// <summary>True when every channel counts (an analyst's choice), false for the wave's official channels.</summary>
    public bool AllChannels { get; set; }
    /// <summary>The channels counted in the official figures (resolved when the run starts; all four when the wave names none).</summary>
    public string[] Channels { get; set; } = [];
    /// <summary>
    /// The population frame used: <c>none</c> (simple random sample, method.md §2), or the wave's fieldwork-plan
    /// frame (<see cref="FieldworkStratum"/>) with its strata count, total N and the questionnaires it weighted.
    /// </summary>
    public string Frame { get; set; } = "none";
    public DateTimeOffset RequestedAt { get; set; }
    public Guid? RequestedById { get; set; }
    /// <summary>The analyst's user name, or <see cref="Scheduler"/>.</summary>
    public required string RequestedBy { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    /// <summary>SHA-256 over the rows read, in response-id order (see <c>Sipas.Jobs.WaveReader</c>).</summary>
    public byte[]? DataHash { get; set; }
    /// <summary>Responses read (every channel, valid or not).</summary>
    public int? ResponsesRead { get; set; }
    /// <summary>Responses in the official figures (counted channels, valid or not).</summary>
    public int? ResponsesCounted { get; set; }
    public string? Error { get; set; }
    /// <summary>Responses of the counted channels left out by a supervisor's decision (not in <see cref="ResponsesCounted"/>).</summary>
    public int? ResponsesExcluded { get; set; }
    /// <summary>Flagged responses kept in the figures (no decision, or decided "keep").</summary>
    public int? ResponsesFlaggedKept { get; set; }
    /// <summary>Exclusions and kept flags by cause: <c>{"excluded": {"burst": 12, …}, "flaggedKept": {"too-fast": 3, …}}</c>.</summary>
    public JsonDocument? Integrity { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
    /// <summary>The wave's snapshot this one replaces (the latest published one, else the latest completed one).</summary>
    public int? SupersedesId { get; set; }
    /// <summary>What changed since <see cref="SupersedesId"/>: data hash, responses before/after, indicators that moved.</summary>
    public JsonDocument? Changes { get; set; }
    /// <summary>The Hangfire job computing it.</summary>
    public string? JobId { get; set; }

    public bool IsPublished => PublishedAt is not null;
}

public enum SnapshotStatus { Queued, Running, Completed, Failed }

/// <summary>
/// One estimate of a snapshot: a row of the results CSV (interchange.md) plus the channel scope and, on overall
/// rows, the group's response counts and, on section rows, Cronbach's alpha. Undefined values are null.
/// </summary>
public class SnapshotResult
{
    public int SnapshotId { get; set; }
    /// <summary>Empty for the snapshot's counted channels (the official figures), else one channel's own figures.</summary>
    public string Channel { get; set; } = "";
    public required string Indicator { get; set; }
    /// <summary><c>province</c>, <c>area</c>, <c>agency</c>, <c>unit</c>, or the crosses <c>area-agency</c>, <c>area-agency-unit</c>.</summary>
    public required string GroupType { get; set; }
    /// <summary>The group's code; a cross joins its parts with <c>/</c> (<c>land/so-xay-dung/16681</c>).</summary>
    public required string GroupCode { get; set; }
    public string Section { get; set; } = "";
    public string Item { get; set; } = "";
    public int NValid { get; set; }
    public double? NPositive { get; set; }
    public double? Estimate { get; set; }
    public double? Se { get; set; }
    public double? CiLow { get; set; }
    public double? CiHigh { get; set; }
    public double? NEff { get; set; }
    /// <summary><c>Sipas.Analytics.ResultFlags</c>: 1 small sample, 2 undefined, 4 lonely stratum.</summary>
    public short Flags { get; set; }
    /// <summary>Overall rows: the group's responses and valid responses.</summary>
    public int? NResponses { get; set; }
    public int? NValidResponses { get; set; }
    /// <summary>Section rows: Cronbach's alpha (null when undefined) and the complete responses behind it.</summary>
    public double? Alpha { get; set; }
    public int? NComplete { get; set; }
    /// <summary>Item rows: the mean score (1..5) of the item's valid answers and its standard error (method.md §3.5).</summary>
    public double? MeanScore { get; set; }
    public double? MeanScoreSe { get; set; }
}

/// <summary>
/// An official indicator of a snapshot against the previous wave (method.md §4: d = p₂ − p₁, SE = √(SE₁² + SE₂²),
/// two-sided z-test at 5 %), computed with the snapshot from the previous wave's latest published snapshot (else its
/// latest completed one) at that time, for the official figures (channel "") and for each channel. Stored so that
/// the dashboard and the report read it and never compute it.
/// </summary>
public class SnapshotChange
{
    public int SnapshotId { get; set; }
    public string Channel { get; set; } = "";
    public required string Indicator { get; set; }
    public required string PreviousWave { get; set; }
    public int PreviousSnapshotId { get; set; }
    /// <summary>Whether the previous snapshot was published when this one was computed.</summary>
    public bool PreviousPublished { get; set; }
    /// <summary>The previous and current estimates (null when undefined) and their standard errors.</summary>
    public double? Before { get; set; }
    public double? BeforeSe { get; set; }
    public double? After { get; set; }
    public double? AfterSe { get; set; }
    /// <summary>d, its SE, z and the p-value; null when either estimate is undefined (or z is 0/0).</summary>
    public double? Difference { get; set; }
    public double? DifferenceSe { get; set; }
    public double? Z { get; set; }
    public double? PValue { get; set; }
    public bool Significant { get; set; }
}

/// <summary>A target of the wave's year judged on a snapshot's official figures (method.md §5).</summary>
public class SnapshotVerdict
{
    public int SnapshotId { get; set; }
    public required string Indicator { get; set; }
    public int Year { get; set; }
    public int TargetId { get; set; }
    /// <summary>Where the estimate was read: <c>province</c> (questionnaire family) or <c>area</c> (LAND, CONSTRUCTION, INVESTMENT).</summary>
    public required string GroupType { get; set; }
    public required string GroupCode { get; set; }
    /// <summary>The questionnaire family whose rows were judged.</summary>
    public required string Source { get; set; }
    public required string Comparator { get; set; }
    public double Threshold { get; set; }
    public double? Estimate { get; set; }
    public double? CiLow { get; set; }
    public double? CiHigh { get; set; }
    /// <summary>Null when the estimate is undefined.</summary>
    public bool? Met { get; set; }
    public bool? Certain { get; set; }
    /// <summary>The estimate for display, e.g. <c>95,12%</c>.</summary>
    public required string Display { get; set; }
}

/// <summary>
/// A PDF report of a snapshot of one kind (the province report, or all scorecards of agencies or of communes) in one language (<c>vi</c> or <c>en</c>), rendered by the <c>RenderWaveReport</c>
/// job from the snapshot's stored rows. A report is derived from immutable figures and is byte-identical on every
/// rendering, so it may be (re)rendered for a published snapshot too.
/// </summary>
public class SnapshotReport
{
    public const string Vietnamese = "vi", English = "en";
    public static readonly IReadOnlyList<string> Languages = [Vietnamese, English];
    /// <summary>The province report, and all agencies' or all communes' scorecards in one PDF with a bookmark each.</summary>
    public const string Province = "province", AgencyScorecards = "agency-scorecards", CommuneScorecards = "commune-scorecards";
    /// <summary>A service area's report read from the SIPAS responses of that area (docs/method-notes.md §1).</summary>
    public const string SectorLand = "sector-land", SectorConstruction = "sector-construction", SectorInvestment = "sector-investment";
    /// <summary>The health and education reports, from their own questionnaires.</summary>
    public const string Health = "health", Education = "education";
    public static readonly IReadOnlyList<string> Kinds =
        [Province, AgencyScorecards, CommuneScorecards, SectorLand, SectorConstruction, SectorInvestment, Health, Education];

    public int SnapshotId { get; set; }
    public string Kind { get; set; } = Province;
    public required string Language { get; set; }
    public SnapshotStatus Status { get; set; }
    /// <summary>0..100, for the dashboard to poll.</summary>
    public int Progress { get; set; }
    public string Phase { get; set; } = "queued";
    public DateTimeOffset RequestedAt { get; set; }
    public required string RequestedBy { get; set; }
    /// <summary>The PDF; null until rendered.</summary>
    public byte[]? Pdf { get; set; }
    /// <summary>SHA-256 of <see cref="Pdf"/>.</summary>
    public byte[]? Sha256 { get; set; }
    public DateTimeOffset? RenderedAt { get; set; }
    public string? Error { get; set; }
    /// <summary>The Hangfire job rendering it.</summary>
    public string? JobId { get; set; }
}
