using System.Diagnostics;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sipas.Analytics;
using Sipas.Data;

namespace Sipas.Jobs;

/// <summary>
/// Computes one snapshot: reads its wave with one binary COPY (<see cref="WaveReader"/>), estimates every scope with
/// Sipas.Analytics on every core (<see cref="SnapshotEstimates"/>) while the rows already estimated are streamed into the
/// results table (<see cref="ResultsCopy"/>), judges the year's targets, and replaces the snapshot's rows in one
/// transaction. Reentrant: a second run over the same data gives the same rows; a published snapshot is never
/// recomputed; a failure leaves every stored row as it was.
/// </summary>
public sealed class ComputeWaveSnapshot(SipasDb db, NpgsqlDataSource dataSource, TimeProvider clock,
    ILogger<ComputeWaveSnapshot> log, IOptions<JobsOptions> options)
{
    [AutomaticRetry(Attempts = 1)]
    public async Task Run(int snapshotId, CancellationToken ct)
    {
        var waveId = await db.Snapshots.Where(s => s.Id == snapshotId).Select(s => (int?)s.WaveId).SingleOrDefaultAsync(ct);
        if (waveId is null) return;
        // One run per wave at a time (runs of other waves go on in parallel); read the snapshot once the lock is held.
        await using var held = await JobLocks.AcquireAsync(dataSource, JobLocks.Snapshot, waveId.Value, ct);
        var snapshot = await db.Snapshots.AsNoTracking().Include(s => s.Wave).SingleOrDefaultAsync(s => s.Id == snapshotId, ct);
        if (snapshot is null || snapshot.IsPublished) return;
        var wave = snapshot.Wave!;
        string[] counted = snapshot.AllChannels ? [.. Channels.All] : Channels.Counted(wave.OfficialChannels);
        await Start(snapshotId, counted, ct);
        var watch = Stopwatch.StartNew();
        SnapshotEstimates? estimates = null;
        try
        {
            var (questionnaires, perVersion) = await Questionnaires(wave.Id, ct);
            WaveSamples samples;
            // Progress while reading: 2..38 % by rows read out of the wave's rows (counted first, in a few ms).
            var total = Math.Max(1, perVersion.Values.Sum());
            var threads = options.Value.SnapshotThreads > 0 ? options.Value.SnapshotThreads : Environment.ProcessorCount;
            // Progress reports go out one after the other without holding up the read.
            var reporting = Task.CompletedTask;
            var reported = new Lock();
            samples = WaveReader.Read(dataSource, wave.Id, wave.Code, questionnaires, counted, Math.Min(2, threads), rows =>
            {
                lock (reported) reporting = reporting.ContinueWith(_ => Report(snapshotId, 2 + (int)(36L * Math.Min(rows, total) / total),
                    "reading", ct), ct, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
            }, perVersion, ct);
            await reporting;
            log.LogInformation("Snapshot {Id}: read {Rows} responses of {Wave} in {Seconds:F2} s ({Connections} connections)",
                snapshotId, samples.Read, wave.Code, watch.Elapsed.TotalSeconds, samples.Connections);
            await Report(snapshotId, 40, "estimating", ct);
            watch.Restart();

            foreach (var family in samples.Questionnaires.GroupBy(q => q.Questionnaire.Family).Where(g => g.Count() > 1))
                throw new InvalidDataException($"Wave {wave.Code} holds several {family.Key} questionnaires " +
                    $"({string.Join(", ", family.Select(q => q.Questionnaire.Key))}); their figures cannot share one indicator.");
            var stored = await db.FieldworkStrata.AsNoTracking().Where(f => f.WaveId == wave.Id)
                .Select(f => new { f.Stratum, f.Population }).ToListAsync(ct);
            var frame = stored.Count == 0 ? null : PopulationFrame.ForWave(wave.Code,
                stored.Select(f => new KeyValuePair<string, double>(f.Stratum, f.Population)));
            var (scopes, frames) = Scopes(samples, frame, counted, wave.Code);
            estimates = SnapshotEstimates.Start(scopes, threads,
                (channel, sample, used) => Estimate(snapshotId, channel, sample, used, wave.Code), ct);
            var frameUsed = frames.Count == 0 ? "none"
                : $"fieldwork-plan {wave.Code}: {stored.Count} strata, N = {stored.Sum(f => f.Population)} ({string.Join(", ", frames)})";

            // What the verdicts and the changes compare with, read while the estimates are computed.
            var year = Targets.YearOf(wave.Code, wave.StartsOn);
            var targets = await db.Targets.AsNoTracking().Where(t => t.Year == year && t.SupersededAt == null)
                .OrderBy(t => t.Id).ToListAsync(ct);
            var sameWave = await PreviousRunAsync(snapshot, ct);
            var previous = await PreviousWaveAsync(wave, ct);

            await using var write = await dataSource.OpenConnectionAsync(ct);
            await using var transaction = await write.BeginTransactionAsync(ct);
            await SnapshotWriter.DeleteAsync(write, snapshotId, ct);
            // The overall province and area rows of every scope: all the verdicts and the changes read.
            var headlines = new List<SnapshotResult>();
            int written;
            using (var copy = ResultsCopy.Begin(write))
            {
                foreach (var (channel, rows) in estimates.InKeyOrder())
                {
                    ct.ThrowIfCancellationRequested();
                    copy.Write(snapshotId, channel, rows);
                    foreach (var r in rows)
                        if (r.Section.Length == 0 && r.GroupType is "province" or "area")
                            headlines.Add(Copy(r, channel));
                }
                copy.Complete();
                written = copy.Count;
            }
            log.LogInformation("Snapshot {Id}: {Count} estimates computed and stored in {Seconds:F2} s", snapshotId, written, watch.Elapsed.TotalSeconds);
            await Report(snapshotId, 75, "verdicts", ct);
            watch.Restart();

            var official = headlines.Where(r => r.Channel.Length == 0).ToList();
            var verdicts = SnapshotFigures.Verdicts(snapshotId, official, targets);
            var hash = await samples.Hash;
            var (supersedes, changes) = Changes(sameWave, samples, hash, official);
            var sincePrevious = previous is null ? [] : SnapshotFigures.Changes(snapshotId, headlines, previous);
            await Report(snapshotId, 85, "storing", ct);

            SnapshotWriter.WriteVerdictsAndChanges(write, verdicts, sincePrevious);
            await using (var complete = new NpgsqlCommand("""
                UPDATE sipas.snapshots SET status = 'Completed', progress = 100, phase = 'done', completed_at = $2,
                    data_hash = $3, responses_read = $4, responses_counted = $5, supersedes_id = $6, changes = $7, error = NULL,
                    frame = $8, responses_excluded = $9, responses_flagged_kept = $10, integrity = $11
                WHERE id = $1
                """, write, transaction))
            {
                complete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = snapshotId });
                complete.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
                complete.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
                complete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = samples.Read });
                complete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = samples.Counted });
                complete.Parameters.Add(new NpgsqlParameter { Value = (object?)supersedes ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
                complete.Parameters.Add(new NpgsqlParameter { Value = (object?)changes ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
                complete.Parameters.Add(new NpgsqlParameter<string> { TypedValue = frameUsed[..Math.Min(frameUsed.Length, 80)] });
                complete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = samples.Integrity.Excluded });
                complete.Parameters.Add(new NpgsqlParameter<int> { TypedValue = samples.Integrity.FlaggedKept });
                complete.Parameters.Add(new NpgsqlParameter<string>
                {
                    TypedValue = IntegrityJson(samples.Integrity), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb,
                });
                await complete.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            log.LogInformation("Snapshot {Id}: verdicts and commit in {Seconds:F2} s", snapshotId, watch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            estimates?.Stop();
            await Finish(snapshotId, "interrupted", null);
            throw;
        }
        catch (Exception e)
        {
            estimates?.Stop();
            await Finish(snapshotId, "failed", e.Message);
            throw;
        }
    }

    /// <summary>
    /// The scopes of every questionnaire version, in the order a run one by one would estimate them: the counted channels
    /// (official figures), each channel, then the extra scopes; and the families estimated with the wave's frame.
    /// </summary>
    private static (List<SnapshotScope>, List<string>) Scopes(WaveSamples samples, PopulationFrame? frame,
        string[] counted, string wave)
    {
        var scopes = new List<SnapshotScope>();
        var frames = new List<string>();
        foreach (var q in samples.Questionnaires)
        {
            // The frame weights the counted channels (official figures, and each counted channel's own);
            // channels outside them (the self-selected web channel by default) stay simple random samples.
            var used = SnapshotFigures.FrameFor(q.Counted, frame, wave);
            if (used is not null) frames.Add(q.Questionnaire.Family);
            if (q.Counted is { } countedSample) scopes.Add(new("", countedSample, used, scopes.Count));
            foreach (var (channel, sample) in q.ByChannel)
                scopes.Add(new(channel, sample, counted.Contains(channel) ? used : null, scopes.Count));
            // The same estimates without the flagged-but-kept responses (do the flags matter?), and the web
            // channel's verified and unverified ratings apart, each weighted like the figures it splits.
            foreach (var (scope, sample) in q.Scopes)
            {
                var weighted = scope == WaveReader.Unflagged || counted.Contains(Channels.Web);
                scopes.Add(new(scope, sample, weighted ? used : null, scopes.Count));
            }
        }
        return (scopes, frames);
    }

    private static SnapshotResult Copy(SnapshotResult r, string channel) => new()
    {
        SnapshotId = r.SnapshotId, Channel = channel, Indicator = r.Indicator, GroupType = r.GroupType, GroupCode = r.GroupCode,
        Section = r.Section, Item = r.Item, NValid = r.NValid, NPositive = r.NPositive, Estimate = r.Estimate, Se = r.Se,
        CiLow = r.CiLow, CiHigh = r.CiHigh, NEff = r.NEff, Flags = r.Flags, NResponses = r.NResponses,
        NValidResponses = r.NValidResponses, Alpha = r.Alpha, NComplete = r.NComplete, MeanScore = r.MeanScore,
        MeanScoreSe = r.MeanScoreSe,
    };

    /// <summary>
    /// <c>{"excluded": {"burst": 12, "no-flag": 1}, "flaggedKept": {"too-fast": 3}}</c>: counted channels only; a
    /// response with two flags counts under each cause, so the causes may add up to more than the totals.
    /// </summary>
    public static string IntegrityJson(WaveIntegrity integrity) =>
        JsonSerializer.Serialize(new { excluded = integrity.ExcludedByCause, flaggedKept = integrity.FlaggedKeptByCause });

    /// <summary>Every estimate of one sample; a frame fault names the strata the frame lacks.</summary>
    private static List<SnapshotResult> Estimate(int snapshotId, string channel, Sample sample, PopulationFrame? frame, string wave)
    {
        try
        {
            return SnapshotFigures.Estimate(snapshotId, channel, sample, frame);
        }
        catch (InvalidDataException e) when (frame is not null)
        {
            throw new InvalidDataException(
                $"Khung mẫu của đợt {wave} chưa đủ / the population frame of wave {wave} is incomplete " +
                $"({sample.Questionnaire.Family}{(channel.Length > 0 ? ", " + channel : "")}): {e.Message}", e);
        }
    }

    /// <summary>
    /// The previous wave (the latest that started before this one) and its latest published snapshot, else its
    /// latest completed one, with the overall rows the indicators are read from (every channel).
    /// </summary>
    private async Task<SnapshotFigures.PreviousSnapshot?> PreviousWaveAsync(Wave wave, CancellationToken ct)
    {
        var previousWave = await db.Waves.AsNoTracking().Where(w => w.StartsOn < wave.StartsOn)
            .OrderByDescending(w => w.StartsOn).FirstOrDefaultAsync(ct);
        if (previousWave is null) return null;
        var previous = await db.Snapshots.AsNoTracking()
            .Where(s => s.WaveId == previousWave.Id && s.Status == SnapshotStatus.Completed)
            .OrderByDescending(s => s.PublishedAt != null).ThenByDescending(s => s.Id).FirstOrDefaultAsync(ct);
        if (previous is null) return null;
        var rows = await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == previous.Id && r.Section == "" && (r.GroupType == "province" || r.GroupType == "area"))
            .ToListAsync(ct);
        return new SnapshotFigures.PreviousSnapshot(previous.Id, previousWave.Code, previous.IsPublished, rows);
    }

    /// <summary>
    /// The questionnaire versions the wave's responses answer or the wave holds, and the responses stored per version
    /// (every row of the wave: the reader sizes its arrays with them, and progress is counted against their sum).
    /// </summary>
    private async Task<(Dictionary<int, Questionnaire>, Dictionary<int, int>)> Questionnaires(int waveId, CancellationToken ct)
    {
        var stored = await db.Responses.Where(r => r.WaveId == waveId).GroupBy(r => r.QuestionnaireId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var ids = stored.Keys.ToList();
        var versions = await db.Questionnaires.AsNoTracking()
            .Where(q => ids.Contains(q.Id) || db.Waves.Any(w => w.Id == waveId && w.Questionnaires.Contains(q)))
            .ToListAsync(ct);
        return (versions.ToDictionary(v => v.Id, v => v.Read()), stored);
    }

    /// <summary>
    /// The snapshot this one supersedes (the wave's latest published snapshot, else its latest completed one) and its
    /// official overall province and area rows.
    /// </summary>
    private async Task<(Snapshot Snapshot, List<SnapshotResult> Rows)?> PreviousRunAsync(Snapshot snapshot, CancellationToken ct)
    {
        var previous = await db.Snapshots.AsNoTracking()
            .Where(s => s.WaveId == snapshot.WaveId && s.Id != snapshot.Id && s.Status == SnapshotStatus.Completed
                        && s.RequestedAt <= snapshot.RequestedAt)
            .OrderByDescending(s => s.PublishedAt != null).ThenByDescending(s => s.CompletedAt).ThenByDescending(s => s.Id)
            .FirstOrDefaultAsync(ct);
        if (previous is null) return null;
        var before = await db.SnapshotResults.AsNoTracking()
            .Where(r => r.SnapshotId == previous.Id && r.Channel == "" && r.Section == "" &&
                        (r.GroupType == "province" || r.GroupType == "area"))
            .ToListAsync(ct);
        return (previous, before);
    }

    /// <summary>
    /// What changed since <paramref name="sameWave"/> (<see cref="PreviousRunAsync"/>): the data hash, the responses read
    /// and counted, and the official indicators whose displayed value moved.
    /// </summary>
    private static (int?, string?) Changes((Snapshot Snapshot, List<SnapshotResult> Rows)? sameWave, WaveSamples samples,
        byte[] hash, List<SnapshotResult> official)
    {
        if (sameWave is not var (previous, before)) return (null, null);
        var moved = new List<object>();
        foreach (var indicator in SnapshotFigures.Indicators)
        {
            var (family, type, code) = SnapshotFigures.SourceOf(indicator);
            bool Match(SnapshotResult r) => r.Indicator == family && r.GroupType == type && r.GroupCode == code && r.Section == "";
            var was = before.FirstOrDefault(Match)?.Estimate ?? double.NaN;
            var now = official.FirstOrDefault(Match)?.Estimate ?? double.NaN;
            if (Targets.Display(was) != Targets.Display(now))
                moved.Add(new { indicator, before = Targets.Display(was), after = Targets.Display(now) });
        }
        var changes = new
        {
            supersedes = previous.Id,
            dataHashChanged = previous.DataHash is null || !previous.DataHash.AsSpan().SequenceEqual(hash),
            responsesBefore = previous.ResponsesRead, responsesAfter = samples.Read,
            countedBefore = previous.ResponsesCounted, countedAfter = samples.Counted,
            excludedBefore = previous.ResponsesExcluded, excludedAfter = samples.Integrity.Excluded,
            moved,
        };
        return (previous.Id, JsonSerializer.Serialize(changes));
    }

    private async Task Start(int id, string[] counted, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE sipas.snapshots SET status = 'Running', progress = 1, phase = 'reading', started_at = $2, channels = $3
            WHERE id = $1 AND published_at IS NULL
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = counted });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task Report(int id, int progress, string phase, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE sipas.snapshots SET progress = $2, phase = $3 WHERE id = $1 AND published_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = progress });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = phase });
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Records a failed or interrupted run. A snapshot that completed before keeps its status and rows (the failed
    /// re-run changed nothing); one that never completed is marked failed (or queued again when interrupted).
    /// </summary>
    private async Task Finish(int id, string phase, string? error)
    {
        try
        {
            await using var command = dataSource.CreateCommand("""
                UPDATE sipas.snapshots SET
                    status = CASE WHEN completed_at IS NOT NULL THEN 'Completed' WHEN $2 = 'failed' THEN 'Failed' ELSE 'Queued' END,
                    progress = CASE WHEN completed_at IS NOT NULL THEN 100 ELSE progress END,
                    phase = CASE WHEN completed_at IS NOT NULL THEN 'done' ELSE $2 END,
                    error = $3
                WHERE id = $1 AND published_at IS NULL
                """);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = phase });
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }
        catch (Exception e)
        {
            Trace.TraceError($"Snapshot {id}: could not record the {phase} run: {e.Message}");
        }
    }
}
