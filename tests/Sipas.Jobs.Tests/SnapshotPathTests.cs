using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

/// <summary>
/// Issue 17: the job reads the wave's rows unsorted and puts them in id order itself, estimates the scopes side by side
/// and streams the rows back with binary COPY. Its figures must be exactly, bit for bit, those of the engine run one
/// scope at a time over the same responses in id order, whatever the number of threads, and its data hash that of the
/// rows in id order.
/// </summary>
public class SnapshotPathTests(JobsDatabase database) : JobTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ScopesEstimatedSideBySide_StoreExactlyTheRowsOfAOneThreadRun()
    {
        await using var db = Database.NewDb();
        var (wave, _) = await VariedWave(db, withFrame: true);
        var one = await NewSnapshot(wave);
        var many = await NewSnapshot(wave);

        await Compute(one, threads: 1);
        await Compute(many, threads: 4);

        var (a, b) = (await Load(one), await Load(many));
        Assert.Equal((SnapshotStatus.Completed, SnapshotStatus.Completed), (a.Status, b.Status));
        Assert.Equal(a.DataHash, b.DataHash);
        Assert.Equal((a.ResponsesRead, a.ResponsesCounted, a.ResponsesExcluded, a.ResponsesFlaggedKept, a.Frame),
            (b.ResponsesRead, b.ResponsesCounted, b.ResponsesExcluded, b.ResponsesFlaggedKept, b.Frame));
        Assert.Equal(a.Integrity!.RootElement.GetRawText(), b.Integrity!.RootElement.GetRawText());
        var rows = Describe(await Rows(one));
        Assert.True(rows.Count > 5000, $"{rows.Count} rows");
        Assert.Equal(rows, Describe(await Rows(many)));
        Assert.Equal(await Verdicts(db, one), await Verdicts(db, many));
    }

    [Fact]
    public async Task ReadingOnTwoConnections_GivesTheSamplesOfOne()
    {
        await using var db = Database.NewDb();
        var (wave, _) = await VariedWave(db, withFrame: false);
        var questionnaires = (await db.Questionnaires.AsNoTracking().ToListAsync(Ct)).ToDictionary(q => q.Id, q => q.Read());
        var dataSource = Database.Services.GetRequiredService<Npgsql.NpgsqlDataSource>();
        string[] counted = [.. wave.OfficialChannels];

        var one = WaveReader.Read(dataSource, wave.Id, wave.Code, questionnaires, counted, connections: 1, ct: Ct);
        var two = WaveReader.Read(dataSource, wave.Id, wave.Code, questionnaires, counted, connections: 2, ct: Ct);

        Assert.Equal((1, 2), (one.Connections, two.Connections));
        Assert.Equal(await one.Hash, await two.Hash);
        Assert.Equal((one.Read, one.Counted), (two.Read, two.Counted));
        Assert.Equal(JsonSerializer.Serialize(one.Integrity), JsonSerializer.Serialize(two.Integrity));
        Assert.Equal(Describe(one), Describe(two));
        Assert.Equal(3, one.Questionnaires.Count);
    }

    [Fact]
    public async Task EveryScope_IsBitForBitTheEngineOverItsResponsesInIdOrder()
    {
        await using var db = Database.NewDb();
        var (wave, frame) = await VariedWave(db, withFrame: true);
        var id = await NewSnapshot(wave);

        await Compute(id, threads: 3);

        var stored = await Rows(id);
        var counted = wave.OfficialChannels;
        var checkedScopes = 0;
        foreach (var family in new[] { "SIPAS", "HEALTH", "TTHC" })
        {
            var version = await db.Questionnaires.FirstAsync(q => q.Family == family && q.Status == QuestionnaireStatus.Published
                                                                  && TestWaves.SeededCodes.Contains(q.Code), Ct);
            async Task<Sample?> Read(IReadOnlyCollection<string> channels, Func<Response, bool>? keep = null)
            {
                var csv = await InterchangeExport.ResponsesCsv(db, wave, version, channels, keep);
                var read = ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), version.Read(), wave.Code);
                Assert.True(read.Ok, string.Join("; ", read.Faults));
                return read.Samples.SingleOrDefault();
            }
            var official = await Read(counted);
            var used = SnapshotFigures.FrameFor(official, frame, wave.Code);
            Assert.NotNull(used);
            List<(string Scope, Sample? Sample, PopulationFrame? Frame)> scopes =
            [
                ("", official, used),
                (WaveReader.Unflagged, await Read(counted, r => r.Flags.Length == 0), used),
                (WaveReader.WebVerified, await Read([Channels.Web], r => r.InvitationId is not null), null),
                (WaveReader.WebUnverified, await Read([Channels.Web], r => r.InvitationId is null), null),
            ];
            foreach (var channel in Channels.All)
                scopes.Add((channel, await Read([channel]), counted.Contains(channel) ? used : null));
            foreach (var (scope, sample, scopeFrame) in scopes)
            {
                var actual = Describe(InKeyOrder(stored.Where(r => r.Channel == scope && r.Indicator == family)));
                if (sample is null) { Assert.Empty(actual); continue; }
                Assert.Equal(Describe(InKeyOrder(SnapshotFigures.Estimate(id, scope, sample, scopeFrame))), actual);
                checkedScopes++;
            }
        }
        Assert.True(checkedScopes >= 15, $"{checkedScopes} scopes");
    }

    [Fact]
    public async Task DataHash_IsTheSha256OfTheRowsReadInIdOrder()
    {
        await using var db = Database.NewDb();
        var (wave, _) = await VariedWave(db, withFrame: false);
        var id = await NewSnapshot(wave);

        await Compute(id, threads: 2);

        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Id, a => a.Code, Ct);
        var read = (await db.Responses.AsNoTracking().Where(r => r.WaveId == wave.Id && r.SupersededBy == null).ToListAsync(Ct))
            .Where(r => r.Review != ReviewDecisions.Exclude)
            .OrderBy(r => Convert.ToHexString(r.Id.ToByteArray(bigEndian: true)), StringComparer.Ordinal).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var r in read)
        {
            var bytes = new List<byte>(r.Id.ToByteArray(bigEndian: true));
            var questionnaire = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(questionnaire, r.QuestionnaireId);
            bytes.AddRange(questionnaire);
            foreach (var code in new[] { r.Channel, r.AreaCode, agencies[r.AgencyId], r.UnitCode ?? "", r.Stratum })
            {
                var utf8 = Encoding.UTF8.GetBytes(code);
                bytes.Add((byte)(utf8.Length >> 8));
                bytes.Add((byte)utf8.Length);
                bytes.AddRange(utf8);
            }
            bytes.AddRange(r.Scores.Select(s => s is { } v ? (byte)v : (byte)0xFF));
            hash.AppendData([.. bytes]);
        }
        var snapshot = await Load(id);
        Assert.Equal(read.Count, snapshot.ResponsesRead);
        Assert.Equal(Convert.ToHexString(hash.GetHashAndReset()), Convert.ToHexString(snapshot.DataHash!));
    }

    /// <summary>
    /// A wave of SIPAS, HEALTH and TTHC responses with what the reader must get right: flags (one or two), exclusions,
    /// web ratings through invitations, superseded responses, responses without a unit, with an empty stratum (the
    /// default agency/area applies) or a stratum spelled in Unicode NFD. With <paramref name="withFrame"/>, a frame
    /// holding every stratum (in NFC, as samples hold codes) weights the counted channels.
    /// </summary>
    private static async Task<(Wave, PopulationFrame?)> VariedWave(SipasDb db, bool withFrame)
    {
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        var all = new List<Response>();
        all.AddRange(await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 700, seed: 71));
        all.AddRange(await TestWaves.AddResponsesAsync(db, wave, "HEALTH", 250, seed: 72));
        all.AddRange(await TestWaves.AddResponsesAsync(db, wave, "TTHC", 200, seed: 73));
        var nfd = "xã-Đông/land".Normalize(NormalizationForm.FormD);
        for (var i = 0; i < all.Count; i++)
        {
            var r = all[i];
            if (i % 9 == 0) r.Flags = [ResponseFlags.TooFast];
            if (i % 23 == 0) r.Flags = [ResponseFlags.Burst, ResponseFlags.TooFast];
            if (r.Flags.Length > 0 && i % 2 == 0) r.Review = ReviewDecisions.Exclude;
            else if (r.Flags.Length > 0 && i % 5 == 0) r.Review = ReviewDecisions.Keep;
            if (i == 10) r.Review = ReviewDecisions.Exclude;
            if (r.Channel == Channels.Web && i % 3 == 0) r.InvitationId = Guid.NewGuid();
            if (i % 97 == 0) r.SupersededBy = Guid.NewGuid();
            if (i % 31 == 0) r.UnitCode = null;
            if (i % 41 == 0) r.Stratum = "";
            if (i % 43 == 0) r.Stratum = i % 2 == 0 ? nfd : nfd.Normalize(NormalizationForm.FormC);
        }
        await db.SaveChangesAsync(Ct);
        if (!withFrame) return (wave, null);

        var agencies = await db.Agencies.ToDictionaryAsync(a => a.Id, a => a.Code, Ct);
        var strata = all.Select(r => (r.Stratum.Length == 0 ? $"{agencies[r.AgencyId]}/{r.AreaCode}" : r.Stratum)
            .Normalize(NormalizationForm.FormC)).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = strata.Select((s, i) => new FieldworkStratum
        {
            WaveId = wave.Id, Stratum = s, Population = 3000 + 137 * i, UpdatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.FieldworkStrata.AddRange(rows);
        await db.SaveChangesAsync(Ct);
        return (wave, PopulationFrame.ForWave(wave.Code, rows.Select(f => new KeyValuePair<string, double>(f.Stratum, f.Population))));
    }

    private async Task Compute(int snapshotId, int threads)
    {
        await using var scope = Database.Services.CreateAsyncScope();
        var job = ActivatorUtilities.CreateInstance<ComputeWaveSnapshot>(scope.ServiceProvider,
            Options.Create(new JobsOptions { SnapshotThreads = threads }));
        await job.Run(snapshotId, CancellationToken.None);
    }

    private static async Task<List<string>> Verdicts(SipasDb db, int id) =>
        [.. (await db.SnapshotVerdicts.AsNoTracking().Where(v => v.SnapshotId == id).ToListAsync(Ct))
            .OrderBy(v => v.Indicator).ThenBy(v => v.TargetId)
            .Select(v => $"{v.Indicator}|{v.TargetId}|{v.GroupType}|{v.GroupCode}|{v.Estimate:R}|{v.CiLow:R}|{v.CiHigh:R}|{v.Met}|{v.Certain}|{v.Display}")];

    /// <summary>Every array and code table of every sample, in order.</summary>
    private static List<string> Describe(WaveSamples samples) =>
    [
        .. samples.Questionnaires.SelectMany(q =>
            new[] { ("", q.Counted) }.Concat(q.ByChannel.Select(c => (c.Key, (Sample?)c.Value)))
                .Concat(q.Scopes.Select(c => (c.Key, (Sample?)c.Value)))
                .Select(x => x.Item2 is not { } s ? $"{q.Questionnaire.Key} {x.Item1}: none" :
                    $"{q.Questionnaire.Key} {x.Item1}: {s.Count} | {string.Join(',', s.Answers)} | {string.Join(',', s.Stratum)} | " +
                    $"{string.Join(',', s.Agency)} | {string.Join(',', s.Area)} | {string.Join(',', s.Unit)} | {string.Join(',', s.Channel)} | " +
                    $"{string.Join(',', s.Strata.Codes)} | {string.Join(',', s.Agencies.Codes)} | {string.Join(',', s.Areas.Codes)} | " +
                    $"{string.Join(',', s.Units.Codes)} | {string.Join(',', s.Channels.Codes)}")),
    ];

    private static List<SnapshotResult> InKeyOrder(IEnumerable<SnapshotResult> rows) =>
        [.. rows.OrderBy(r => r.GroupType, StringComparer.Ordinal).ThenBy(r => r.GroupCode, StringComparer.Ordinal)
            .ThenBy(r => r.Section, StringComparer.Ordinal).ThenBy(r => r.Item, StringComparer.Ordinal)];

    /// <summary>Every stored column but the snapshot id, doubles in round-trip form.</summary>
    private static List<string> Describe(List<SnapshotResult> rows) =>
        [.. rows.Select(r => $"{r.Channel}|{r.Indicator}|{r.GroupType}|{r.GroupCode}|{r.Section}|{r.Item}|{r.NValid}|{r.NPositive:R}|" +
                             $"{r.Estimate:R}|{r.Se:R}|{r.CiLow:R}|{r.CiHigh:R}|{r.NEff:R}|{r.Flags}|{r.NResponses}|{r.NValidResponses}|" +
                             $"{r.Alpha:R}|{r.NComplete}|{r.MeanScore:R}|{r.MeanScoreSe:R}")];
}
