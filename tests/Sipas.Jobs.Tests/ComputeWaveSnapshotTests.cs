using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

public class ComputeWaveSnapshotTests(JobsDatabase database) : JobTest(database)
{
    [Fact]
    public async Task Snapshot_EqualsTheEngineOverTheSameResponsesExportedToCsv()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 600, seed: 1);
        await TestWaves.AddResponsesAsync(db, wave, "HEALTH", 150, seed: 2);
        var id = await NewSnapshot(wave);

        await Compute(id);

        var stored = await Rows(id);
        foreach (var family in new[] { "SIPAS", "HEALTH" })
        {
            var version = await db.Questionnaires.FirstAsync(q => q.Family == family && q.Status == QuestionnaireStatus.Published, TestContext.Current.CancellationToken);
            var csv = await InterchangeExport.ResponsesCsv(db, wave, version, wave.OfficialChannels);
            var read = ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), version.Read(), wave.Code);
            Assert.True(read.Ok, string.Join("; ", read.Faults));
            var estimation = Estimator.Compute(Assert.Single(read.Samples), null, SnapshotFigures.Spec);
            var expected = estimation.Results;
            var actual = stored.Where(r => r.Channel == "" && r.Indicator == family
                && r.GroupType is "province" or "area" or "agency" or "unit").ToList();

            Assert.Equal(expected.Count, actual.Count);
            var byKey = actual.ToDictionary(r => (r.GroupType, r.GroupCode, r.Section, r.Item));
            foreach (var e in expected)
            {
                var a = byKey[(ResultText.Of(e.GroupType), e.GroupCode, e.Section, e.Item)];
                Assert.Equal(e.NValid, a.NValid);
                Assert.Equal(ResultText.Of(e.Flags), ResultText.Of((ResultFlags)a.Flags));
                Same(e.NPositive, a.NPositive);
                Same(e.Estimate, a.Estimate);
                Same(e.Se, a.Se);
                Same(e.Ci.Lower, a.CiLow);
                Same(e.Ci.Upper, a.CiHigh);
                Same(e.NEff, a.NEff);
            }
            foreach (var e in estimation.MeanScores)
            {
                var a = byKey[(ResultText.Of(e.GroupType), e.GroupCode, e.Section, e.Item)];
                Same(e.Estimate, a.MeanScore);
                Same(e.Se, a.MeanScoreSe);
            }
            Assert.Contains(actual, r => r.Item.Length > 0 && r.MeanScore is >= 1 and <= 5);
            Assert.All(actual.Where(r => r.Item.Length == 0), r => Assert.Null(r.MeanScore));
        }
        var snapshot = await Load(id);
        Assert.Equal(SnapshotStatus.Completed, snapshot.Status);
        Assert.Equal(100, snapshot.Progress);
        Assert.Equal("sipas-method/1", snapshot.MethodVersion);
        Assert.Equal(750, snapshot.ResponsesRead);
        Assert.Equal(32, snapshot.DataHash!.Length);
        Assert.Equal(wave.OfficialChannels, snapshot.Channels);
    }

    // The issue's own check: the wave exported as the analysts download it (the production microdata export), then
    // `./sipas analyze` (the CLI's command, in process) over the file; its results.csv and verdicts.csv equal the
    // snapshot's stored rows and verdicts. Every channel is counted, as the export holds every channel.
    [Fact]
    public async Task Snapshot_EqualsSipasAnalyzeOverTheMicrodataExport()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 700, seed: 31, level: 0.93);
        var id = await NewSnapshot(wave, allChannels: true);
        await Compute(id);

        await AssertEqualsSipasAnalyze(db, wave, id, frame: null);
    }

    // The same with a stratified wave: the frame stored for the wave (N = 0 for a stratum without responses
    // included) is given to `./sipas analyze` as a frame file; a lonely stratum puts its flag on rows. The wave is
    // coded 2025-H2 but starts in 2026, so the verdicts also show that both paths take the same target year.
    [Fact]
    public async Task StratifiedSnapshot_EqualsSipasAnalyzeOverTheExportAndItsFrame()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H2", 2026, 1);
        var responses = await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 700, seed: 32, level: 0.93);
        var lonely = responses[0];
        db.Responses.Add(new Response
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, QuestionnaireId = lonely.QuestionnaireId, Channel = Channels.Paper,
            AreaCode = "general", AgencyId = lonely.AgencyId, UnitCode = lonely.UnitCode, Stratum = "mot-phieu/general",
            SubmittedAt = lonely.SubmittedAt, ReceivedAt = lonely.ReceivedAt, ContentHash = [7],
            Scores = [.. Enumerable.Repeat((short?)4, lonely.Scores.Length)],
        });
        await db.SaveChangesAsync(ct);
        var strata = await db.Responses.Where(r => r.WaveId == wave.Id).Select(r => r.Stratum).Distinct().OrderBy(s => s).ToListAsync(ct);
        var frame = strata.Select((s, i) => (Stratum: s, Population: 500L + 250 * i)).Append((Stratum: "ubnd-99999/general", Population: 0L)).ToList();
        db.FieldworkStrata.AddRange(frame.Select(f => new FieldworkStratum
        {
            WaveId = wave.Id, Stratum = f.Stratum, Population = f.Population, UpdatedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync(ct);
        var id = await NewSnapshot(wave, allChannels: true);
        await Compute(id);

        Assert.StartsWith($"fieldwork-plan 2025-H2: {frame.Count} strata", (await Load(id)).Frame);
        var rows = await AssertEqualsSipasAnalyze(db, wave, id,
            "wave,stratum,population\n" + string.Concat(frame.Select(f => $"{wave.Code},{f.Stratum},{f.Population}\n")));
        Assert.Contains(rows, r => r.Flags.Contains("lonely-stratum"));
        Assert.Contains(rows, r => !r.Flags.Contains("lonely-stratum"));
    }

    /// <summary>
    /// Runs `./sipas analyze` over the production export of <paramref name="wave"/>'s SIPAS responses (and
    /// <paramref name="frame"/> as a frame file) and checks that every row of its results.csv equals the snapshot's
    /// stored official row (n_valid, n_positive, estimate, se, interval, n_eff, flags) and its verdict the stored one
    /// (year included). Returns the CLI's result rows.
    /// </summary>
    private async Task<List<(string Key, string Flags)>> AssertEqualsSipasAnalyze(SipasDb db, Wave wave, int id, string? frame)
    {
        var ct = TestContext.Current.CancellationToken;
        var version = await db.Questionnaires.FirstAsync(q => q.Family == "SIPAS" && q.Status == QuestionnaireStatus.Published, ct);
        var work = Directory.CreateTempSubdirectory("sipas-analyze-");
        try
        {
            var responses = Path.Combine(work.FullName, "responses.csv");
            var questionnaire = Path.Combine(work.FullName, "questionnaire.json");
            await File.WriteAllTextAsync(questionnaire, version.Definition.RootElement.GetRawText(), ct);
            await using (var connection = new NpgsqlConnection(Database.ConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var file = File.Create(responses);
                await Exports.ResponsesExport.WriteAsync(connection, wave.Id, wave.Code, version.Id, version.Read(), file, ct);
            }
            List<string> args = ["--questionnaire", questionnaire, "--responses", responses, "--out", work.FullName];
            if (frame is not null)
            {
                var framePath = Path.Combine(work.FullName, "frame.csv");
                await File.WriteAllTextAsync(framePath, frame, ct);
                args.AddRange(["--frame", framePath]);
            }
            var error = new StringWriter();
            var exit = Cli.AnalyzeCommand.Run([.. args], new StringWriter(), error);
            Assert.True(exit == 0, error.ToString());

            var stored = (await Rows(id)).Where(r => r.Channel == "" && r.Indicator == "SIPAS")
                .ToDictionary(r => (r.GroupType, r.GroupCode, r.Section, r.Item));
            var lines = await File.ReadAllLinesAsync(Path.Combine(work.FullName, "results.csv"), ct);
            Assert.Equal("wave,indicator,group_type,group_code,section,item,n_valid,n_positive,estimate,se,ci_low,ci_high,n_eff,flags", lines[0]);
            var rows = new List<(string, string)>();
            foreach (var line in lines.Skip(1))
            {
                var f = line.Split(',');
                var row = stored[(f[2], f[3], f[4], f[5])];
                Assert.Equal(int.Parse(f[6], CultureInfo.InvariantCulture), row.NValid);
                Close(f[7], row.NPositive);
                Close(f[8], row.Estimate);
                Close(f[9], row.Se);
                Close(f[10], row.CiLow);
                Close(f[11], row.CiHigh);
                Close(f[12], row.NEff);
                Assert.Equal(f[13], ResultText.Of((ResultFlags)row.Flags));
                rows.Add((string.Join(",", f[2..6]), f[13]));
            }
            Assert.True(lines.Length > 100);
            Assert.Equal(stored.Keys.Count(k => k.GroupType is "province" or "agency" or "area"), lines.Length - 1);

            var verdicts = await db.SnapshotVerdicts.Where(v => v.SnapshotId == id).ToListAsync(ct);
            var cliVerdicts = (await File.ReadAllLinesAsync(Path.Combine(work.FullName, "verdicts.csv"), ct)).Skip(1)
                .Select(l => l.Split(',')).Where(f => f[1] == "SIPAS" && f[3] == "province").ToList();
            var cli = Assert.Single(cliVerdicts);
            var sipas = verdicts.Single(v => v.Indicator == "SIPAS");
            Assert.Equal(cli[2], sipas.Year.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(cli[10], sipas.Met == true ? "met" : "not met");
            Assert.Equal(cli[11], sipas.Certain == true ? "certain" : "within margin");
            Close(cli[7], sipas.Estimate);
            return rows;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Close(string text, double? stored)
    {
        if (text.Length == 0) { Assert.Null(stored); return; }
        Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), stored!.Value, 1e-12);
    }

    [Fact]
    public async Task Snapshot_HoldsEachChannelApart_AndTheCrossesOfTheDrillDown()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 400, seed: 3);
        var id = await NewSnapshot(wave);

        await Compute(id);

        var rows = await Rows(id);
        // Every channel, plus the official figures without flagged responses and the web channel's unverified ratings
        // (no invitation in this wave, so no verified scope).
        Assert.Equal(["", "import", "interview", "paper", "unflagged", "web", "web-unverified"],
            rows.Select(r => r.Channel).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(rows, r => r.GroupType == "area-agency" && r.GroupCode == "land/ubnd-16681");
        Assert.Contains(rows, r => r.GroupType == "area-agency-unit" && r.GroupCode == "land/ubnd-16681/16681");
        var web = rows.Single(r => r.Channel == "web" && r.GroupType == "province" && r.Section == "");
        var official = rows.Single(r => r.Channel == "" && r.GroupType == "province" && r.Section == "");
        Assert.Equal(400, web.NResponses + official.NResponses);
        Assert.All(rows.Where(r => r.Section.Length > 0 && r.Item.Length == 0 && r.NComplete >= 3), r => Assert.NotNull(r.NComplete));
    }

    [Fact]
    public async Task RunningTwice_GivesTheSameSnapshot()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 300, seed: 4);
        var id = await NewSnapshot(wave);

        await Compute(id);
        var first = await Rows(id);
        var firstHash = (await Load(id)).DataHash;
        await Compute(id);
        var second = await Rows(id);

        Assert.Equal(first.Count, second.Count);
        Assert.Equal(Describe(first), Describe(second));
        Assert.Equal(firstHash, (await Load(id)).DataHash);
    }

    [Fact]
    public async Task Verdicts_JudgeTheYearsTargets_LandOnTheSipasLandRows()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2026-H1", 2026, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 500, seed: 5, level: 0.97);
        var id = await NewSnapshot(wave);

        await Compute(id);

        var verdicts = await db.SnapshotVerdicts.Where(v => v.SnapshotId == id).ToListAsync(TestContext.Current.CancellationToken);
        var rows = await Rows(id);
        var land = verdicts.Single(v => v.Indicator == "LAND");
        var landRow = rows.Single(r => r.Channel == "" && r.Indicator == "SIPAS" && r.GroupType == "area" && r.GroupCode == "land" && r.Section == "");
        Assert.Equal(("area", "land", "SIPAS"), (land.GroupType, land.GroupCode, land.Source));
        Assert.Equal(landRow.Estimate, land.Estimate);
        Assert.Equal(Targets.Judge(landRow.Estimate!.Value, new Interval(landRow.CiLow!.Value, landRow.CiHigh!.Value),
            Comparator.GreaterThan, 0.85)!.Value.Met, land.Met);
        var sipas = verdicts.Single(v => v.Indicator == "SIPAS");
        Assert.Equal(("province", "40", "≥", 0.95), (sipas.GroupType, sipas.GroupCode, sipas.Comparator, sipas.Threshold));
        Assert.Equal(Targets.Display(sipas.Estimate!.Value), sipas.Display);
        var tthc = verdicts.Single(v => v.Indicator == "TTHC");
        Assert.Null(tthc.Estimate);   // no TTHC responses in this wave: kept without a verdict
        Assert.Null(tthc.Met);
    }

    [Fact]
    public async Task AllChannels_CountsTheWebChannelToo()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 200, seed: 6);
        var id = await NewSnapshot(wave, allChannels: true);

        await Compute(id);

        var snapshot = await Load(id);
        Assert.Equal(Channels.All, snapshot.Channels);
        Assert.Equal(200, snapshot.ResponsesCounted);
    }

    [Fact]
    public async Task ChangeSincePreviousWave_IsStoredWithTheSnapshot_ForTheOfficialFiguresAndEachChannel()
    {
        await using var db = Database.NewDb();
        var h1 = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, h1, "SIPAS", 500, seed: 8, level: 0.6);
        var first = await NewSnapshot(h1);
        await Compute(first);
        await Publish(first);
        var h2 = await TestWaves.CreateAsync(db, "2025-H2", 2025, 2);
        await TestWaves.AddResponsesAsync(db, h2, "SIPAS", 500, seed: 9, level: 0.9);
        var second = await NewSnapshot(h2);

        await Compute(second);

        var ct = TestContext.Current.CancellationToken;
        var changes = await db.SnapshotChanges.Where(c => c.SnapshotId == second).ToListAsync(ct);
        Assert.Empty(await db.SnapshotChanges.Where(c => c.SnapshotId == first).ToListAsync(ct));   // no wave before H1
        Assert.Equal(["", "import", "interview", "paper", "unflagged", "web", "web-unverified"],
            changes.Select(c => c.Channel).Distinct().Order(StringComparer.Ordinal));
        Assert.All(changes, c => Assert.Equal(("2025-H1", first, true), (c.PreviousWave, c.PreviousSnapshotId, c.PreviousPublished)));
        var before = await Rows(first);
        var after = await Rows(second);
        foreach (var c in changes.Where(c => c.Indicator is "SIPAS" or "LAND"))
        {
            var (family, type, code) = SnapshotFigures.SourceOf(c.Indicator);
            SnapshotResult Overall(List<SnapshotResult> rows) => rows.Single(r => r.Channel == c.Channel && r.Indicator == family
                && r.GroupType == type && r.GroupCode == code && r.Section == "");
            var (p1, p2) = (Overall(before), Overall(after));
            var test = WaveChange.Compare(p1.Estimate!.Value, p1.Se!.Value, p2.Estimate!.Value, p2.Se!.Value);
            Assert.Equal((p1.Estimate, p2.Estimate), (c.Before, c.After));
            Assert.Equal(test.Difference, c.Difference!.Value, 1e-15);
            Assert.Equal(test.PValue, c.PValue!.Value, 1e-15);
            Assert.Equal(test.Significant, c.Significant);
        }
        var sipas = changes.Single(c => c.Channel == "" && c.Indicator == "SIPAS");
        Assert.True(sipas.Difference > 0.1 && sipas.Significant);
        var tthc = changes.SingleOrDefault(c => c.Channel == "" && c.Indicator == "TTHC");
        Assert.Null(tthc);   // in neither wave: left out

        await Publish(second);
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var tamper = new NpgsqlCommand($"UPDATE sipas.snapshot_changes SET significant = NOT significant WHERE snapshot_id = {second}", connection);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => tamper.ExecuteNonQueryAsync(ct));
        Assert.Equal(PostgresErrorCodes.CheckViolation, refused.SqlState);
    }

    [Fact]
    public async Task WaveWithAFrame_IsEstimatedStratified_AsTheEngineDoesWithTheSameFrame()
    {
        await using var db = Database.NewDb();
        var ct = TestContext.Current.CancellationToken;
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 400, seed: 10);
        var strata = await db.Responses.Where(r => r.WaveId == wave.Id).Select(r => r.Stratum).Distinct().OrderBy(s => s).ToListAsync(ct);
        var populations = strata.Select((s, i) => new FieldworkStratum
        {
            WaveId = wave.Id, Stratum = s, Population = 500 + 250 * i, UpdatedAt = DateTimeOffset.UtcNow,
        }).ToList();
        db.FieldworkStrata.AddRange(populations);
        await db.SaveChangesAsync(ct);
        var id = await NewSnapshot(wave);

        await Compute(id);

        var version = await db.Questionnaires.FirstAsync(q => q.Family == "SIPAS" && q.Status == QuestionnaireStatus.Published, ct);
        var csv = await InterchangeExport.ResponsesCsv(db, wave, version, wave.OfficialChannels);
        var sample = Assert.Single(ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), version.Read(), wave.Code).Samples);
        var frame = PopulationFrame.ForWave(wave.Code, populations.Select(p => new KeyValuePair<string, double>(p.Stratum, p.Population)));
        var expected = Estimator.Compute(sample, frame, SnapshotFigures.Spec).Results;
        var srs = Estimator.Compute(sample, null, SnapshotFigures.Spec).Results;
        var stored = (await Rows(id)).Where(r => r.Channel == "" && r.Indicator == "SIPAS").ToDictionary(r => (r.GroupType, r.GroupCode, r.Section, r.Item));
        foreach (var e in expected)
        {
            var a = stored[(ResultText.Of(e.GroupType), e.GroupCode, e.Section, e.Item)];
            Same(e.Estimate, a.Estimate);
            Same(e.Se, a.Se);
        }
        var province = expected.First(r => r.GroupType == GroupType.Province && r.Section == "");
        Assert.NotEqual(srs.First(r => r.GroupType == GroupType.Province && r.Section == "").Estimate, province.Estimate, 1e-9);
        Assert.StartsWith($"fieldwork-plan 2025-H1: {strata.Count} strata, N = {populations.Sum(p => p.Population)} (SIPAS)", (await Load(id)).Frame);
    }

    [Fact]
    public async Task FrameMissingAStratum_FailsTheRunNamingIt_AndKeepsTheCompletedSnapshot()
    {
        await using var db = Database.NewDb();
        var ct = TestContext.Current.CancellationToken;
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 300, seed: 11);
        var id = await NewSnapshot(wave);
        await Compute(id);
        var before = Describe(await Rows(id));
        var strata = await db.Responses.Where(r => r.WaveId == wave.Id && r.Channel != Channels.Web).Select(r => r.Stratum)
            .Distinct().OrderBy(s => s).ToListAsync(ct);
        db.FieldworkStrata.AddRange(strata.Skip(1).Select(s => new FieldworkStratum
        {
            WaveId = wave.Id, Stratum = s, Population = 10_000, UpdatedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync(ct);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Compute(id));

        Assert.Contains(strata[0], failure.Message);
        var snapshot = await Load(id);
        Assert.Equal((SnapshotStatus.Completed, "none"), (snapshot.Status, snapshot.Frame));
        Assert.Contains(strata[0], snapshot.Error);
        Assert.Equal(before, Describe(await Rows(id)));
    }

    private static void Same(double? expected, double? actual)
    {
        if (expected is null || double.IsNaN(expected.Value)) { Assert.Null(actual); return; }
        Assert.NotNull(actual);
        Assert.Equal(expected.Value, actual.Value, 1e-12);
    }

    private static List<string> Describe(List<SnapshotResult> rows) =>
        [.. rows.Select(r => $"{r.Channel}|{r.Indicator}|{r.GroupType}|{r.GroupCode}|{r.Section}|{r.Item}|{r.NValid}|{r.NPositive:R}|{r.Estimate:R}|{r.Se:R}|{r.CiLow:R}|{r.CiHigh:R}|{r.NEff:R}|{r.Flags}|{r.Alpha:R}")];
}
