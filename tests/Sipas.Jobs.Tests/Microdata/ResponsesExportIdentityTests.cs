using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Analytics;
using Sipas.Data;
using Sipas.Jobs.Exports;
using Sipas.Testing;

namespace Sipas.Jobs.Tests.Microdata;

/// <summary>
/// The microdata export writes, byte for byte, the file its earlier implementation wrote
/// (<see cref="ReferenceResponsesExport"/>) over waves with awkward values: commas, quotes, line breaks, formula
/// starts and Vietnamese letters in comments, options and strata; numbers of every shape; empty, "no opinion" and
/// out-of-range scores; short and long score arrays; null, empty and nested answers; times around midnight, the
/// year 2000 and leap days; superseded, excluded and other questionnaires' rows that must stay out.
/// </summary>
public class ResponsesExportIdentityTests(JobsDatabase database) : JobTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Texts a citizen, a keyer or an import may store.</summary>
    private static readonly string[] Texts =
    [
        "", "Tốt", "Cán bộ hướng dẫn tận tình, \"chu đáo\", nhưng phải chờ lâu", "dòng một\ndòng hai", "a\r\nb", "cr\ronly",
        "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1+2", "@SUM(A1)", "\tthụt lề", "\rx", "'đã trích", "\"", "\"\"", ",", " ",
        "Nghệ An – Thành phố Vinh", "Đường Lê Lợi, phường Hưng Bình", "emoji 👍🏽 và 中文", "nul\u0001ctl\u001f", "back\\slash",
        "a|b", "-", "=", "x=1,y=2",
    ];

    /// <summary>Stored values of the unscored items: every JSON shape the old writer turned into a cell.</summary>
    private static readonly object?[] Values =
    [
        null, "nam", "nu", true, false, 0, -0.0, 1, -1, 42, 3.5, -2.25, 0.1 + 0.2, 1e21, 1.5e-7, 123456789012345678, double.Epsilon,
        new[] { "a", "b" }, new[] { "-a", "b,c" }, Array.Empty<string>(), new object?[] { 1, 2.5, null, true, "x\"y" },
        new object[] { new[] { "n1", "n2" }, "y" }, new object[] { new { x = 1 }, "z" }, new { nested = "object" },
        new[] { "=cmd", "ok" },
    ];

    private static readonly string[] Strata = ["", "so-xay-dung/construction", "ubnd-16681/land", "tầng \"một\", khu A", "=A1", "line\nbreak"];

    [Fact]
    public async Task AwkwardWave_IsExportedByteForByte_AsBefore()
    {
        var (wave, version, questionnaire) = await Seed(rows: 600, seed: 17);

        var (expected, expectedRows) = await Export(wave, version, questionnaire, reference: true);
        var (actual, actualRows) = await Export(wave, version, questionnaire, reference: false);

        // The data really is awkward: quoted cells with doubled quotes, guarded formulas, Vietnamese letters, numbers.
        var text = Encoding.UTF8.GetString(expected);
        foreach (var sample in new[] { "\"\"chu đáo\"\"", "\"'=HYPERLINK(", "'+1", "dòng một\ndòng hai", "1E+21", "1.5E-07", "\"'-a|b,c\"", "'-1", ",-1," })
            Assert.Contains(sample, text);
        Assert.Equal(600 - 3, expectedRows);
        Assert.Equal(expectedRows, actualRows);
        AssertSameBytes(expected, actual);
    }

    [Fact]
    public async Task RowsBiggerThanTheBuffers_AndAnEmptyWave_AreExportedAsBefore()
    {
        var (wave, version, questionnaire) = await Seed(rows: 5, seed: 3, hugeComment: 700_000);

        var (expected, _) = await Export(wave, version, questionnaire, reference: true);
        var (actual, rows) = await Export(wave, version, questionnaire, reference: false);

        Assert.True(expected.Length > 900_000, $"{expected.Length} bytes");
        Assert.Equal(5 - 3, rows);
        AssertSameBytes(expected, actual);

        await using var db = Database.NewDb();
        var empty = await TestWaves.CreateAsync(db, "2026-H1", 2026, 1);
        var (none, noRows) = await Export(empty, version, questionnaire, reference: false);
        Assert.Equal(0, noRows);
        AssertSameBytes((await Export(empty, version, questionnaire, reference: true)).Bytes, none);
        Assert.Equal(1, none.Count(b => b == (byte)'\n'));
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at]) at++;
        if (at == expected.Length && at == actual.Length) return;
        string Near(byte[] bytes) => Encoding.UTF8.GetString(bytes, Math.Max(0, at - 80), Math.Min(bytes.Length, at + 80) - Math.Max(0, at - 80));
        Assert.Fail($"the files differ at byte {at} of {expected.Length} (expected) and {actual.Length} (actual):\n" +
                    $"expected …{Near(expected)}…\nactual   …{Near(actual)}…");
    }

    private async Task<(byte[] Bytes, long Rows)> Export(Wave wave, QuestionnaireVersion version, Questionnaire questionnaire, bool reference)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        var output = new MemoryStream();
        var rows = reference
            ? await ReferenceResponsesExport.WriteAsync(connection, wave.Id, wave.Code, version.Id, questionnaire, output, Ct)
            : await ResponsesExport.WriteAsync(connection, wave.Id, wave.Code, version.Id, questionnaire, output, Ct);
        return (output.ToArray(), rows);
    }

    /// <summary>
    /// A questionnaire whose scored items are interleaved with every other scale, and <paramref name="rows"/> seeded
    /// responses to it (three of them superseded, excluded or of another questionnaire, so not exported).
    /// </summary>
    private async Task<(Wave, QuestionnaireVersion, Questionnaire)> Seed(int rows, int seed, int hugeComment = 0)
    {
        await using var db = Database.NewDb();
        var text = new LocalizedText("Câu", "Item");
        QuestionOption[] options = [new("a", text), new("b", text), new("c", text)];
        var definition = new Questionnaire("xuat-lo", "2025.1", "SIPAS", Aggregation.MeanOfItems, new LocalizedText("Phiếu xuất", "Export form"),
        [
            new QuestionSection("TT", text, true,
            [
                new("TT1", ItemScale.Likert5, text, [], false), new("NOTE", ItemScale.Text, text, [], false),
                new("TT2", ItemScale.Likert5, text, [], false), new("TT3", ItemScale.Likert5, text, [], false),
            ]),
            new QuestionSection("DEMO", text, false,
            [
                new("SEX", ItemScale.Single, text, options, false), new("AGE", ItemScale.Number, text, [], false),
                new("CHANNELS", ItemScale.Multi, text, options, false), new("X1", ItemScale.Likert5, text, [], false),
            ]),
            new QuestionSection("KQ", text, true, [new("KQ1", ItemScale.Likert5, text, [], false), new("COMMENT", ItemScale.Text, text, [], false)]),
        ]);
        // Questionnaires are reference data: they outlive a test's reset, so the second test finds the first one's.
        var version = await db.Questionnaires.SingleOrDefaultAsync(q => q.Code == definition.Code, Ct);
        if (version is null)
        {
            version = QuestionnaireVersions.From(definition, QuestionnaireStatus.Published, DateTimeOffset.UtcNow);
            db.Questionnaires.Add(version);
            await db.SaveChangesAsync(Ct);
        }
        var wave = await TestWaves.CreateAsync(db, "2025-H1", 2025, 1);
        var other = await db.Questionnaires.FirstAsync(q => q.Code == "sipas-dvhcc" && q.Status == QuestionnaireStatus.Published, Ct);
        var agencies = await db.Agencies.Where(a => a.Code == "so-xay-dung" || a.Code == "ubnd-16681" || a.Code == "trung-tam-phvhcc")
            .ToListAsync(Ct);
        string[] areas = ["construction", "land", "general"];
        var random = new Random(seed);
        DateTimeOffset[] times =
        [
            new(2025, 3, 14, 16, 59, 59, 999, TimeSpan.Zero), new(2025, 3, 14, 17, 0, 0, TimeSpan.Zero),
            new(1999, 12, 31, 16, 30, 0, TimeSpan.Zero), new(1999, 12, 31, 17, 0, 0, 1, TimeSpan.Zero),
            new(2024, 2, 28, 17, 5, 0, TimeSpan.Zero), new(2025, 12, 31, 23, 59, 59, TimeSpan.Zero), new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ];
        object? Pick(object?[] values) => values[random.Next(values.Length)];
        for (var k = 0; k < rows; k++)
        {
            var agency = agencies[k % agencies.Count];
            var answers = new Dictionary<string, object?>();
            foreach (var code in new[] { "NOTE", "SEX", "AGE", "CHANNELS", "COMMENT", "UNKNOWN", "TT1", "X1" })
                if (random.Next(5) > 0) answers[code] = code is "NOTE" or "COMMENT" && random.Next(2) == 0 ? Texts[random.Next(Texts.Length)] : Pick(Values);
            if (hugeComment > 0 && k == 1) answers["COMMENT"] = string.Concat(Enumerable.Repeat("Ý kiến \"dài\", ", hugeComment / 14));
            var length = random.Next(8) switch { 0 => 0, 1 => 2, 2 => 6, _ => 4 };
            short?[] scores = [.. Enumerable.Range(0, length).Select(short? (_) => random.Next(12) switch
            {
                0 => null, 1 => 0, 2 => -1, 3 => 10, 4 => short.MaxValue, 5 => short.MinValue, _ => (short)random.Next(1, 6),
            })];
            var submitted = k >= 3 && k - 3 < times.Length ? times[k - 3]
                : new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 365) / 10 * 10);
            db.Responses.Add(new Response
            {
                Id = Guid.NewGuid(), WaveId = wave.Id, QuestionnaireId = k == 2 ? other.Id : version.Id, Channel = Channels.All[k % Channels.All.Count],
                AreaCode = areas[k % areas.Length], AgencyId = agency.Id, UnitCode = k % 4 == 0 ? null : agency.UnitCode,
                Stratum = Strata[random.Next(Strata.Length)], SubmittedAt = submitted, ReceivedAt = submitted, Scores = scores,
                OtherAnswers = k % 9 == 4 ? null : JsonSerializer.SerializeToDocument(answers),
                ContentHash = SHA256.HashData(BitConverter.GetBytes(k)),
                SupersededBy = k == 0 ? Guid.NewGuid() : null,
                Review = k == (hugeComment > 0 ? 4 : 1) ? ReviewDecisions.Exclude : k == 3 ? ReviewDecisions.Keep : null,
            });
        }
        await db.SaveChangesAsync(Ct);
        return (wave, version, version.Read());
    }
}
