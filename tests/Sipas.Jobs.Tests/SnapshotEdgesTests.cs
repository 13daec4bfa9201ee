using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Analytics.Interchange;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Jobs.Tests;

// Issue 15 at the edges of the snapshot job: which strata a frame must hold, the target year, questionnaires of any size.
public class SnapshotEdgesTests(JobsDatabase database) : JobTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Frame_IsCheckedAgainstTheStrataWithValidCountedResponsesOnly()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);   // counted: paper, interview, import
        var sipas = await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 300, seed: 41);
        // Strata the frame need not hold: web responses only (no row), invalid responses only (N = 0), none (N = 0).
        await Add(db, wave, "SIPAS", "ubnd-17662", "land", Channels.Web, 5);
        await Add(db, wave, "SIPAS", "ubnd-17464", "construction", Channels.Paper, null);
        // HEALTH is counted in a stratum the frame lacks: a simple random sample, although one invalid HEALTH form
        // names a stratum the frame holds.
        await TestWaves.AddResponsesAsync(db, wave, "HEALTH", 60, seed: 42, channels: [Channels.Paper]);
        await Add(db, wave, "HEALTH", "so-xay-dung", "construction", Channels.Paper, null);
        var m = sipas[0].Scores.Length;
        var counted = sipas.Where(r => r.Channel != Channels.Web && 5 * r.Scores.Count(s => s >= 1) >= 4 * m)
            .Select(r => r.Stratum).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = counted.Select((s, i) => (Stratum: s, Population: 2000L + 100 * i))
            .Append((Stratum: "ubnd-17464/construction", Population: 0L)).Append((Stratum: "ubnd-99999/general", Population: 0L)).ToList();
        db.FieldworkStrata.AddRange(rows.Select(r => new FieldworkStratum
        {
            WaveId = wave.Id, Stratum = r.Stratum, Population = r.Population, UpdatedAt = DateTimeOffset.UtcNow,
        }));
        await db.SaveChangesAsync(Ct);
        var id = await NewSnapshot(wave);

        await Compute(id);

        var snapshot = await Load(id);
        Assert.Equal(SnapshotStatus.Completed, snapshot.Status);
        Assert.EndsWith("(SIPAS)", snapshot.Frame);
        var frame = PopulationFrame.ForWave(wave.Code, rows.Select(r => new KeyValuePair<string, double>(r.Stratum, r.Population)));
        var stored = (await Rows(id)).Where(r => r.Channel == "").ToList();
        foreach (var (family, used) in new[] { ("SIPAS", frame), ("HEALTH", (PopulationFrame?)null) })
        {
            var version = await db.Questionnaires.FirstAsync(q => q.Family == family && q.Status == QuestionnaireStatus.Published
                                                                  && TestWaves.SeededCodes.Contains(q.Code), Ct);
            var csv = await InterchangeExport.ResponsesCsv(db, wave, version, wave.OfficialChannels);
            var sample = Assert.Single(ResponsesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), version.Read(), wave.Code).Samples);
            var expected = Estimator.Compute(sample, used, SnapshotFigures.Spec);
            Assert.True(expected.Ok, string.Join("; ", expected.Faults));
            var byKey = stored.Where(r => r.Indicator == family).ToDictionary(r => (r.GroupType, r.GroupCode, r.Section, r.Item));
            foreach (var e in expected.Results)
            {
                var a = byKey[(ResultText.Of(e.GroupType), e.GroupCode, e.Section, e.Item)];
                Assert.Equal(e.Estimate, a.Estimate ?? double.NaN, 1e-12);
                Assert.Equal(e.Se, a.Se ?? double.NaN, 1e-12);
            }
        }
    }

    [Fact]
    public async Task TargetYear_IsTheYearTheWaveCodeNames_WhenTheWaveStartsInAnotherYear()
    {
        await using var db = Database.NewDb();
        var wave = await TestWaves.CreateAsync(db, "2025-H2", 2026, 1);   // surveyed from 1 January 2026
        await TestWaves.AddResponsesAsync(db, wave, "SIPAS", 200, seed: 43);
        var id = await NewSnapshot(wave);

        await Compute(id);

        var verdicts = await db.SnapshotVerdicts.Where(v => v.SnapshotId == id).ToListAsync(Ct);
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Equal(2025, v.Year));
        var sipas = verdicts.Single(v => v.Indicator == "SIPAS");
        Assert.Equal((">", 0.9), (sipas.Comparator, sipas.Threshold));   // 2025's target, not 2026's ≥ 95%
        Assert.DoesNotContain(verdicts, v => v.Indicator == "LAND");      // a 2026 target
    }

    [Fact]
    public async Task QuestionnaireOfMoreThan256ScoredItems_IsReadWhole_AndEstimated()
    {
        const int items = 300;
        await using var db = Database.NewDb();
        var text = new LocalizedText("Câu", "Item");
        var questionnaire = new Questionnaire("thu-dai", "2025.1", "EDUCATION", Aggregation.MeanOfItems, new LocalizedText("Phiếu dài", "Long form"),
            [.. Enumerable.Range(0, 3).Select(s => new QuestionSection($"P{s}", text, true, [.. Enumerable.Range(0, items / 3)
                .Select(i => new QuestionItem($"P{s}C{i}", ItemScale.Likert5, text, [], false))]))]);
        var version = QuestionnaireVersions.From(questionnaire, QuestionnaireStatus.Published, DateTimeOffset.UtcNow);
        db.Questionnaires.Add(version);
        await db.SaveChangesAsync(Ct);
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        var agency = await db.Agencies.SingleAsync(a => a.Code == "so-giao-duc-dao-tao", Ct);
        var random = new Random(44);
        for (var k = 0; k < 40; k++)
            db.Responses.Add(NewResponse(wave, version.Id, agency, "education", Channels.Paper,
                [.. Enumerable.Range(0, items).Select(i => i == items - 1 && k % 2 == 0 ? (short?)5 : i == items - 1 ? (short)2 : (short)random.Next(1, 6))], random));
        await db.SaveChangesAsync(Ct);
        var id = await NewSnapshot(wave);

        await Compute(id);

        Assert.Equal(SnapshotStatus.Completed, (await Load(id)).Status);
        var rows = (await Rows(id)).Where(r => r.Channel == "" && r.GroupType == "province").ToList();
        Assert.Equal(1 + 3 + items, rows.Count);
        var last = rows.Single(r => r.Item == $"P2C{items / 3 - 1}");
        Assert.Equal((40, 0.5), (last.NValid, last.Estimate));
    }

    private static async Task Add(SipasDb db, Wave wave, string family, string agencyCode, string area, string channel, short? answer)
    {
        var version = await db.Questionnaires.FirstAsync(q => q.Family == family && q.Status == QuestionnaireStatus.Published
                                                              && TestWaves.SeededCodes.Contains(q.Code), Ct);
        var agency = await db.Agencies.SingleAsync(a => a.Code == agencyCode, Ct);
        db.Responses.Add(NewResponse(wave, version.Id, agency, area, channel,
            Enumerable.Repeat(answer, version.ScoredItems.Length).ToArray(), new Random(agencyCode.Length)));
        await db.SaveChangesAsync(Ct);
    }

    private static Response NewResponse(Wave wave, int questionnaireId, Agency agency, string area, string channel, short?[] scores,
        Random random)
    {
        var at = new DateTimeOffset(wave.StartsOn.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(7)).ToUniversalTime();
        return new Response
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, QuestionnaireId = questionnaireId, Channel = channel, AreaCode = area,
            AgencyId = agency.Id, UnitCode = agency.UnitCode, Stratum = $"{agency.Code}/{area}", SubmittedAt = at, ReceivedAt = at,
            Scores = scores, ContentHash = SHA256.HashData(BitConverter.GetBytes(random.NextInt64())),
        };
    }
}
