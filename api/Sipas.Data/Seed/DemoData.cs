using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;

namespace Sipas.Data.Seed;

/// <summary>
/// Demo data for <c>./sipas run</c> only, never production: waves 2025-H1 (closed) and 2025-H2 (open), service
/// points for several agencies and communes, and a few thousand generated responses across channels. The
/// generator is seeded, so every demo installation shows the same figures.
/// </summary>
public static class DemoData
{
    public static readonly IReadOnlyList<(string Code, string Agency, string Area, string NameVi, string NameEn)> ServicePoints =
    [
        ("XD-01", "so-xay-dung", "construction", "Bộ phận Một cửa Sở Xây dựng", "One-stop desk, Department of Construction"),
        ("DD-01", "so-nong-nghiep-moi-truong", "land", "Bộ phận Một cửa Sở Nông nghiệp và Môi trường", "One-stop desk, Department of Agriculture and Environment"),
        ("DT-01", "so-tai-chinh", "investment", "Bộ phận Một cửa Sở Tài chính", "One-stop desk, Department of Finance"),
        ("HCC-01", "trung-tam-phvhcc", "general", "Trung tâm Phục vụ hành chính công tỉnh, quầy 1", "Provincial Public Administrative Service Centre, counter 1"),
        ("HCC-02", "trung-tam-phvhcc", "land", "Trung tâm Phục vụ hành chính công tỉnh, quầy đất đai", "Provincial Public Administrative Service Centre, land counter"),
        ("YT-01", "so-y-te", "health", "Bộ phận Một cửa Sở Y tế", "One-stop desk, Department of Health"),
        ("GD-01", "so-giao-duc-dao-tao", "education", "Bộ phận Một cửa Sở Giáo dục và Đào tạo", "One-stop desk, Department of Education and Training"),
        ("TV-01", "ubnd-16681", "land", "Bộ phận Một cửa UBND phường Thành Vinh", "One-stop desk, Thanh Vinh Ward"),
        ("TV-02", "ubnd-16681", "construction", "Bộ phận Một cửa UBND phường Thành Vinh, quầy xây dựng", "One-stop desk, Thanh Vinh Ward, construction counter"),
        ("CL-01", "ubnd-16732", "land", "Bộ phận Một cửa UBND phường Cửa Lò", "One-stop desk, Cua Lo Ward"),
        ("QP-01", "ubnd-16738", "general", "Bộ phận Một cửa UBND xã Quế Phong", "One-stop desk, Que Phong Commune"),
        ("DC-01", "ubnd-17464", "land", "Bộ phận Một cửa UBND xã Diễn Châu", "One-stop desk, Dien Chau Commune"),
        ("DL-01", "ubnd-17662", "construction", "Bộ phận Một cửa UBND xã Đô Lương", "One-stop desk, Do Luong Commune"),
    ];

    private const int ResponsesPerWave = 1800;

    /// <summary>Adds the demo data unless a wave already exists.</summary>
    public static async Task SeedAsync(SipasDb db, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Waves.AnyAsync(ct)) return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var questionnaires = await db.Questionnaires.Where(q => q.Status == QuestionnaireStatus.Published).ToListAsync(ct);
        var agencies = await db.Agencies.Where(a => ServicePoints.Select(p => p.Agency).Contains(a.Code))
            .ToDictionaryAsync(a => a.Code, ct);

        var points = ServicePoints.Select(p => new ServicePoint
        {
            Code = p.Code, NameVi = p.NameVi, NameEn = p.NameEn, AgencyId = agencies[p.Agency].Id, AreaCode = p.Area,
            UnitCode = agencies[p.Agency].UnitCode, CreatedAt = now,
        }).ToList();
        db.ServicePoints.AddRange(points);

        var h1 = NewWave("2025-H1", "Đợt khảo sát 6 tháng đầu năm 2025", "First half of 2025", 2025, 1, WaveStatus.Closed, questionnaires);
        var h2 = NewWave("2025-H2", "Đợt khảo sát 6 tháng cuối năm 2025", "Second half of 2025", 2025, 7, WaveStatus.Open, questionnaires);
        db.Waves.AddRange(h1, h2);
        await db.SaveChangesAsync(ct);

        var random = new Random(20250514);
        foreach (var (wave, shift) in new[] { (h1, 0.0), (h2, 0.03) })
        {
            for (var i = 0; i < ResponsesPerWave; i++)
                db.Responses.Add(Generate(random, wave, shift, points, agencies.Values, questionnaires, now));
            await db.SaveChangesAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    private static Wave NewWave(string code, string vi, string en, int year, int month, WaveStatus status,
        List<QuestionnaireVersion> questionnaires) => new()
    {
        Code = code, NameVi = vi, NameEn = en, Status = status,
        StartsOn = new DateOnly(year, month, 1), EndsOn = new DateOnly(year, month + 5, 1).AddMonths(1).AddDays(-1),
        LookbackFrom = new DateOnly(year, month, 1), LookbackTo = new DateOnly(year, month + 5, 1).AddMonths(1).AddDays(-1),
        OfficialChannels = [Channels.Paper, Channels.Interview, Channels.Import],
        Questionnaires = questionnaires,
    };

    private static Response Generate(Random random, Wave wave, double shift, List<ServicePoint> points,
        IEnumerable<Agency> agencies, List<QuestionnaireVersion> questionnaires, DateTimeOffset now)
    {
        var point = points[random.Next(points.Count)];
        var family = point.AreaCode switch { "health" => "HEALTH", "education" => "EDUCATION", _ => "SIPAS" };
        var channel = Pick(random, [Channels.Web, Channels.Paper, Channels.Interview, Channels.Import], [0.35, 0.3, 0.25, 0.1]);
        if (channel == Channels.Import && family == "SIPAS") family = "TTHC";
        var version = questionnaires.First(q => q.Family == family);
        var questionnaire = version.Read();

        // Each service point has its own level; half-filled forms make some responses invalid (method.md §1).
        var level = 0.80 + shift + (point.Code.GetHashCode(StringComparison.Ordinal) & 0xFF) / 255.0 * 0.15;
        var blankRate = random.NextDouble() < 0.03 ? 0.5 : 0.02;
        var scores = new short?[questionnaire.ScoredItems.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var u = random.NextDouble();
            scores[i] = u < blankRate ? null
                : u < blankRate + 0.03 ? (short)0
                : random.NextDouble() < level ? (short)(random.NextDouble() < 0.45 ? 5 : 4)
                : (short)(random.NextDouble() < 0.6 ? 3 : random.NextDouble() < 0.7 ? 2 : 1);
        }
        var others = questionnaire.OtherItems
            .Where(item => item.Scale == ItemScale.Single)
            .ToDictionary(item => item.Code, item => item.Options[random.Next(item.Options.Count)].Value);
        var start = wave.StartsOn.ToDateTime(TimeOnly.MinValue);
        var submitted = new DateTimeOffset(start.AddMinutes(random.Next(0, 180 * 24 * 60)), TimeSpan.FromHours(7)).ToUniversalTime();
        var id = new Guid(random.NextBytes(16));
        var otherJson = JsonSerializer.Serialize(others);
        return new Response
        {
            Id = id,
            WaveId = wave.Id,
            QuestionnaireId = version.Id,
            Channel = channel,
            AreaCode = point.AreaCode,
            AgencyId = point.AgencyId,
            UnitCode = point.UnitCode,
            Stratum = $"{agencies.First(a => a.Id == point.AgencyId).Code}/{point.AreaCode}",
            ServicePointId = channel == Channels.Web ? point.Id : null,
            SubmittedAt = submitted,
            ReceivedAt = submitted < now ? submitted : now,
            Scores = scores,
            OtherAnswers = JsonDocument.Parse(otherJson),
            ContentHash = SHA256.HashData(Encoding.UTF8.GetBytes($"{version.Key}|{string.Join(',', scores)}|{otherJson}")),
        };
    }

    private static string Pick(Random random, string[] values, double[] weights)
    {
        var u = random.NextDouble();
        for (var i = 0; i < values.Length; i++)
            if ((u -= weights[i]) < 0) return values[i];
        return values[^1];
    }
}

file static class RandomExtensions
{
    public static byte[] NextBytes(this Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
