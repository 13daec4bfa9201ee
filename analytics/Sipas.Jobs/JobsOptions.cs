namespace Sipas.Jobs;

/// <summary>Configuration section <c>Sipas:Jobs</c>.</summary>
public sealed class JobsOptions
{
    public const string Section = "Sipas:Jobs";

    /// <summary>
    /// When the half-yearly run starts: cron expressions separated by <c>;</c>, one recurring job each
    /// (<c>compute-half-year-1</c>, <c>-2</c>, …). Default: 23:00 on 30 June and on 31 December, the last day of
    /// each half-year wave.
    /// </summary>
    public string HalfYearCron { get; set; } = "0 23 30 6 *;0 23 31 12 *";

    /// <summary>The time zone of the schedule and of "today" (IANA id).</summary>
    public string TimeZone { get; set; } = "Asia/Ho_Chi_Minh";

    /// <summary>A wave that ended at most this many days ago is still due.</summary>
    public int DueWithinDays { get; set; } = 31;

    /// <summary>
    /// Free-text answers (comments) older than this many days are cleared by the recurring job
    /// <c>clear-old-comments</c> (<see cref="ClearOldComments"/>); 0 keeps them.
    /// </summary>
    public int CommentRetentionDays { get; set; } = 365;

    /// <summary>When <c>clear-old-comments</c> runs (default 02:00 every night, in <see cref="TimeZone"/>).</summary>
    public string CommentRetentionCron { get; set; } = "0 2 * * *";

    /// <summary>
    /// Threads that estimate a snapshot's scopes side by side (each scope's groups are also estimated in parallel by the
    /// engine); 0 means one per core. The rows are the same for any number.
    /// </summary>
    public int SnapshotThreads { get; set; }

    public IReadOnlyList<string> Schedules =>
        HalfYearCron.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
