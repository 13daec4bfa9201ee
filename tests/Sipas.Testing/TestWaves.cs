using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sipas.Data;

namespace Sipas.Testing;

/// <summary>Waves and generated responses for tests (seeded, so every run sees the same data).</summary>
public static class TestWaves
{
    /// <summary>(agency, area) places a SIPAS or TTHC response can rate; the unit is the agency's commune.</summary>
    public static readonly IReadOnlyList<(string Agency, string Area)> Places =
    [
        ("so-xay-dung", "construction"), ("so-nong-nghiep-moi-truong", "land"), ("so-tai-chinh", "investment"),
        ("trung-tam-phvhcc", "general"), ("trung-tam-phvhcc", "land"), ("ubnd-16681", "land"),
        ("ubnd-16681", "construction"), ("ubnd-16732", "land"), ("ubnd-17464", "land"), ("ubnd-17662", "construction"),
    ];

    /// <summary>The seeded questionnaires; versions that tests upload and publish themselves stay out of the waves made here.</summary>
    public static readonly string[] SeededCodes = ["sipas-dvhcc", "tthc-ho-so", "y-te-ngoai-tru", "giao-duc-phu-huynh"];

    /// <summary>A wave (half-year <paramref name="half"/> of <paramref name="year"/>) holding every published questionnaire.</summary>
    public static async Task<Wave> CreateAsync(SipasDb db, string code, int year, int half, string[]? officialChannels = null,
        WaveStatus status = WaveStatus.Open)
    {
        var month = half == 1 ? 1 : 7;
        var starts = new DateOnly(year, month, 1);
        var ends = starts.AddMonths(6).AddDays(-1);
        var wave = new Wave
        {
            Code = code, NameVi = $"Đợt {code}", NameEn = $"Wave {code}", Status = status, StartsOn = starts, EndsOn = ends,
            LookbackFrom = starts, LookbackTo = ends,
            OfficialChannels = officialChannels ?? [Channels.Paper, Channels.Interview, Channels.Import],
            Questionnaires = await db.Questionnaires
                .Where(q => q.Status == QuestionnaireStatus.Published && SeededCodes.Contains(q.Code)).ToListAsync(),
        };
        db.Waves.Add(wave);
        await db.SaveChangesAsync();
        return wave;
    }

    /// <summary>
    /// Adds <paramref name="count"/> responses of <paramref name="family"/>'s questionnaire, spread over
    /// <see cref="Places"/> (SIPAS, TTHC) or the family's department (HEALTH, EDUCATION) and over the channels, with
    /// some unanswered and "no opinion" cells and a few half-empty (invalid) forms.
    /// </summary>
    public static async Task<List<Response>> AddResponsesAsync(SipasDb db, Wave wave, string family, int count, int seed,
        double level = 0.85, string[]? channels = null)
    {
        var version = await db.Questionnaires.FirstAsync(q => q.Family == family && q.Status == QuestionnaireStatus.Published
                                                              && SeededCodes.Contains(q.Code));
        var m = version.ScoredItems.Length;
        IReadOnlyList<(string Agency, string Area)> places = family switch
        {
            "HEALTH" => [("so-y-te", "health")],
            "EDUCATION" => [("so-giao-duc-dao-tao", "education")],
            _ => Places,
        };
        var codes = places.Select(p => p.Item1).Distinct().ToList();
        var agencies = await db.Agencies.Where(a => codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code);
        channels ??= [Channels.Web, Channels.Paper, Channels.Interview, Channels.Import];
        var random = new Random(seed);
        var responses = new List<Response>();
        for (var i = 0; i < count; i++)
        {
            var (agencyCode, area) = places[random.Next(places.Count)];
            var agency = agencies[agencyCode];
            var blank = random.NextDouble() < 0.03 ? 0.5 : 0.02;
            var scores = new short?[m];
            for (var j = 0; j < m; j++)
            {
                var u = random.NextDouble();
                scores[j] = u < blank ? null : u < blank + 0.03 ? (short)0
                    : random.NextDouble() < level ? (short)random.Next(4, 6) : (short)random.Next(1, 4);
            }
            var submitted = new DateTimeOffset(wave.StartsOn.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(7))
                .AddMinutes(random.Next(0, 170 * 24 * 60)).ToUniversalTime();
            responses.Add(new Response
            {
                Id = new Guid(RandomBytes(random)), WaveId = wave.Id, QuestionnaireId = version.Id,
                Channel = channels[random.Next(channels.Length)], AreaCode = area, AgencyId = agency.Id,
                UnitCode = agency.UnitCode, Stratum = $"{agency.Code}/{area}", SubmittedAt = submitted,
                ReceivedAt = submitted, Scores = scores, ContentHash = SHA256.HashData(RandomBytes(random)),
            });
        }
        db.Responses.AddRange(responses);
        await db.SaveChangesAsync();
        return responses;
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }
}

/// <summary>A clock that says what the test tells it.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
