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
    public DateTimeOffset AssignedAt { get; set; }
    public Guid AssignedBy { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
}
