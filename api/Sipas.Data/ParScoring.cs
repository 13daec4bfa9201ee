namespace Sipas.Data;

/// <summary>
/// The rule turning a satisfaction estimate into points of the province's PAR scoring (phần mềm chấm điểm CCHC),
/// set by an admin per year and indicator (TTHC, SIPAS, HEALTH, EDUCATION). Like targets, a change never
/// overwrites: the current row is marked superseded and a new row is added.
/// </summary>
public class ParScoringRule
{
    public int Id { get; set; }
    public required string Indicator { get; set; }
    public int Year { get; set; }
    /// <summary><c>linear</c> or <c>bands</c>.</summary>
    public required string Kind { get; set; }
    public decimal MaxPoints { get; set; }
    /// <summary>Linear: 0 points at or below this percentage.</summary>
    public decimal? FromPercent { get; set; }
    /// <summary>Linear: the maximum at or above this percentage.</summary>
    public decimal? ToPercent { get; set; }
    /// <summary>Bands: thresholds in percent, increasing; <see cref="BandPoints"/> holds each band's points.</summary>
    public decimal[] BandMinPercent { get; set; } = [];
    public decimal[] BandPoints { get; set; } = [];
    public required string LegalBasis { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? SupersededAt { get; set; }
    public int? SupersededById { get; set; }
}
