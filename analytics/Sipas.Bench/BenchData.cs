using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Sipas.Data;

namespace Sipas.Bench;

/// <summary>A seeded, realistic wave: SIPAS responses at every commune's one-stop desk and the departments' desks.</summary>
public static class BenchData
{
    private static readonly string[] Sexes = ["nam", "nu", "khac"], Ages = ["duoi-25", "25-34", "35-49", "50-64"];

    private static string Others(int i) => i % 10 == 0
        ? $$"""{"SEX":"{{Sexes[i % 3]}}","AGE_GROUP":"{{Ages[i % 4]}}","COMMENT":"Cán bộ hướng dẫn tận tình, \"chu đáo\", nhưng phải chờ lâu"}"""
        : $$"""{"SEX":"{{Sexes[i % 3]}}","AGE_GROUP":"{{Ages[i % 4]}}"}""";

    public static async Task<Wave> CreateWave(SipasDb db)
    {
        var wave = new Wave
        {
            Code = "2025-H1", NameVi = "Đợt 6 tháng đầu năm 2025", NameEn = "First half of 2025", Status = WaveStatus.Closed,
            StartsOn = new(2025, 1, 1), EndsOn = new(2025, 6, 30), LookbackFrom = new(2025, 1, 1), LookbackTo = new(2025, 6, 30),
            OfficialChannels = [Channels.Paper, Channels.Interview, Channels.Import],
            Questionnaires = await db.Questionnaires.Where(q => q.Status == QuestionnaireStatus.Published).ToListAsync(),
        };
        db.Waves.Add(wave);
        await db.SaveChangesAsync();
        return wave;
    }

    /// <summary>
    /// Places: each commune People's Committee for land, construction and general matters, and each provincial
    /// agency for each of its areas (stratum agency/area); channels web 35%, paper 30%, interview 25%, import 10%;
    /// 3% empty and 3% "no opinion" cells, 1% half-empty (invalid) forms. With <paramref name="otherAnswers"/>, each
    /// response also carries its demographics (sex, age group) and one in ten a comment, as citizens' forms do.
    /// </summary>
    public static async Task LoadResponses(NpgsqlDataSource dataSource, SipasDb db, Wave wave, int count, bool otherAnswers = false)
    {
        var sipas = await db.Questionnaires.SingleAsync(q => q.Family == "SIPAS" && q.Status == QuestionnaireStatus.Published);
        var m = sipas.ScoredItems.Length;
        var agencies = await db.Agencies.Include(a => a.Areas).ToListAsync();
        var places = agencies.SelectMany(a => a.Kind == AgencyKind.Commune
                ? new[] { "land", "construction", "general" }.Select(area => (a.Id, a.Code, Area: area, a.UnitCode))
                : a.Areas.Where(x => x.Code is not ("health" or "education")).Select(x => (a.Id, a.Code, Area: x.Code, UnitCode: (string?)"16681")))
            .ToArray();
        string[] channels = [Channels.Web, Channels.Paper, Channels.Interview, Channels.Import];
        var random = new Random(20250630);
        var start = new DateTimeOffset(2025, 1, 1, 1, 0, 0, TimeSpan.Zero);
        var hash = new byte[32];
        var id = new byte[16];

        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY sipas.responses (id, wave_id, questionnaire_id, channel, area_code, agency_id, unit_code, stratum,
                submitted_at, received_at, scores, content_hash, flags, other_answers) FROM STDIN (FORMAT BINARY)
            """))
        {
            var scores = new short?[m];
            string[] noFlags = [];
            for (var i = 0; i < count; i++)
            {
                var place = places[random.Next(places.Length)];
                var level = 0.78 + (place.Id % 17) / 100.0;
                var u0 = random.NextDouble();
                var channel = channels[u0 < 0.35 ? 0 : u0 < 0.65 ? 1 : u0 < 0.9 ? 2 : 3];
                var blank = random.NextDouble() < 0.01 ? 0.5 : 0.03;
                for (var j = 0; j < m; j++)
                {
                    var u = random.NextDouble();
                    scores[j] = u < blank ? null : u < blank + 0.03 ? (short)0
                        : random.NextDouble() < level ? (short)random.Next(4, 6) : (short)random.Next(1, 4);
                }
                random.NextBytes(id);
                random.NextBytes(hash);
                var at = start.AddSeconds(random.Next(0, 180 * 24 * 3600));
                await copy.StartRowAsync();
                await copy.WriteAsync(new Guid(id), NpgsqlDbType.Uuid);
                await copy.WriteAsync(wave.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(sipas.Id, NpgsqlDbType.Integer);
                await copy.WriteAsync(channel, NpgsqlDbType.Varchar);
                await copy.WriteAsync(place.Area, NpgsqlDbType.Varchar);
                await copy.WriteAsync(place.Id, NpgsqlDbType.Integer);
                if (place.UnitCode is null) await copy.WriteNullAsync(); else await copy.WriteAsync(place.UnitCode, NpgsqlDbType.Varchar);
                await copy.WriteAsync($"{place.Code}/{place.Area}", NpgsqlDbType.Varchar);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(at, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(scores, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
                await copy.WriteAsync(hash, NpgsqlDbType.Bytea);
                await copy.WriteAsync(noFlags, NpgsqlDbType.Array | NpgsqlDbType.Text);
                if (!otherAnswers) await copy.WriteNullAsync();
                else await copy.WriteAsync(Others(i), NpgsqlDbType.Jsonb);
            }
            await copy.CompleteAsync();
        }
        await using var analyze = new NpgsqlCommand("VACUUM ANALYZE sipas.responses", connection);
        await analyze.ExecuteNonQueryAsync();
    }
}
