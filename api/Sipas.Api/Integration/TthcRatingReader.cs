using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Api.Citizens;
using Sipas.Api.Intake;
using Sipas.Api.Clients;
using Sipas.Api.Setup;
using Sipas.Api.Surveyors;
using Sipas.Data;

namespace Sipas.Api.Integration;

/// <summary>
/// Reads one rating of a client system's batch (its own fields: key, wave, agency, area, commune, dossier, time; the
/// answers through <see cref="AnswerReader"/>) into a response for the intake pipeline, every fault by its field.
/// </summary>
public static partial class TthcRatingReader
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex KeyPattern();

    private static readonly string[] ItemProperties = ["idempotencyKey", "wave", "agency", "area", "unit", "dossierCode", "ratedAt", "answers"];

    public static (string? Key, Response? Response, Dictionary<string, string[]> Errors) Read(JsonElement item, BatchContext context,
        IntakePipeline intake, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Fault(string field, string vi, string en) => errors[field] = [$"{vi} / {en}"];
        if (item.ValueKind != JsonValueKind.Object)
        {
            Fault("rating", "Mỗi đánh giá là một đối tượng JSON", "Each rating is a JSON object");
            return (null, null, errors);
        }
        foreach (var property in item.EnumerateObject().Where(p => !ItemProperties.Contains(p.Name)))
            errors[property.Name] = [Messages.UnknownProperty];

        var key = Text(item, "idempotencyKey");
        if (key is null || !KeyPattern().IsMatch(key))
            Fault("idempotencyKey", "Cần khóa 1-100 ký tự A-Z a-z 0-9 . _ : -", "A key of 1-100 characters A-Z a-z 0-9 . _ : - is required");

        var waveCode = Text(item, "wave");
        var wave = waveCode is null ? context.DefaultWave : context.Waves.GetValueOrDefault(waveCode);
        if (wave is null)
            Fault("wave", waveCode is null ? "Không có đợt khảo sát nào đang mở có phiếu TTHC" : $"Không có đợt khảo sát {waveCode} có phiếu TTHC",
                waveCode is null ? "No open wave holds a TTHC questionnaire" : $"No wave {waveCode} with a TTHC questionnaire");
        else if (wave.Status == WaveStatus.Closed)
            Fault("wave", $"Đợt khảo sát {wave.Code} đã kết thúc, không nhận thêm phiếu", $"Wave {wave.Code} is closed and takes no more responses");
        else if (wave.Status == WaveStatus.Draft)
            Fault("wave", $"Đợt khảo sát {wave.Code} chưa mở", $"Wave {wave.Code} is not open yet");

        DateTimeOffset ratedAt = default;
        var ratedText = Text(item, "ratedAt");
        if (ratedText is null || !DateTimeOffset.TryParseExact(ratedText, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out ratedAt) || !ratedText.Contains('T') || ratedText.EndsWith('T'))
            Fault("ratedAt", "Thời điểm đánh giá theo ISO 8601 có múi giờ (2025-05-14T09:30:00+07:00)",
                "The rating time in ISO 8601 with an offset (2025-05-14T09:30:00+07:00)");
        else if (ratedAt > now.AddMinutes(5))
            Fault("ratedAt", "Thời điểm đánh giá ở tương lai", "The rating time is in the future");
        var ratedOn = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(ratedAt, VietnameseFormat.Zone).Date);

        var agencyCode = Text(item, "agency");
        var agency = agencyCode is null ? null : context.Agencies.GetValueOrDefault(agencyCode);
        if (agency is null || !context.Client.AgencyIds.Contains(agency.Id))
            Fault("agency", $"Cơ quan {agencyCode} không thuộc phạm vi của hệ thống kết nối này", $"Agency {agencyCode} is not in this client's scope");
        else if (agency.ValidTo is { } ended && !errors.ContainsKey("ratedAt") && ratedOn > ended)
        {
            // Ratings given before the merge stay with the agency they were given for; later ones name the successor.
            var from = ended.AddDays(1);
            if (agency.SuccessorId is { } successor && context.AgencyCodes.GetValueOrDefault(successor) is { } next)
                Fault("agency", $"Cơ quan {agency.Code} đã sáp nhập vào {next} từ {VietnameseFormat.Date(from)}; gửi đánh giá theo {next}",
                    $"Agency {agency.Code} was merged into {next} on {from:yyyy-MM-dd}; send the rating for {next}");
            else
                Fault("agency", $"Cơ quan {agency.Code} đã ngừng hoạt động từ {VietnameseFormat.Date(from)}", $"Agency {agency.Code} was retired on {from:yyyy-MM-dd}");
        }
        else if (wave is not null && wave.AgencyIds.Length > 0 && !wave.AgencyIds.Contains(agency.Id))
            Fault("agency", $"Cơ quan {agency.Code} không thuộc phạm vi đợt {wave.Code}", $"Agency {agency.Code} is not in wave {wave.Code}'s scope");

        var area = Text(item, "area");
        if (area is null || agency is not null && !agency.Areas.Contains(area))
            Fault("area", "Lĩnh vực phải là một lĩnh vực của cơ quan", "The area must be one the agency serves");
        else if (wave is not null && wave.AreaCodes.Length > 0 && !wave.AreaCodes.Contains(area))
            Fault("area", $"Lĩnh vực {area} không thuộc phạm vi đợt {wave.Code}", $"Area {area} is not in wave {wave.Code}'s scope");

        var unit = Text(item, "unit") ?? agency?.UnitCode;
        if (unit is not null && !context.Units.Contains(unit))
            Fault("unit", $"Không có xã, phường mã {unit}", $"No commune {unit}");

        var dossier = Text(item, "dossierCode")?.Normalize(NormalizationForm.FormC);
        if (dossier is null || !CitizenBody.DossierPattern().IsMatch(dossier))
            Fault("dossierCode", "Cần mã hồ sơ: chữ, số và . _ / - (tối đa 64 ký tự)", "A dossier code is required: letters, digits and . _ / - (at most 64 characters)");

        short?[] scores = [];
        string others = "{}";
        if (wave?.Questionnaire is { } questionnaire)
        {
            if (!item.TryGetProperty("answers", out var answers) || answers.ValueKind != JsonValueKind.Object)
                Fault("answers", "Cần các câu trả lời theo mã câu hỏi", "Answers by item code are required");
            else
            {
                var read = AnswerReader.Read(answers, questionnaire, Fault);
                scores = read.Scores;
                others = read.OthersJson;
                if (!errors.Keys.Any(k => k.StartsWith("answers", StringComparison.Ordinal))) AnswerReader.CheckRated(read, Fault);
            }
        }
        if (errors.Count > 0) return (key, null, errors);

        var contentHash = intake.Hasher.Hash("portal", context.Client.Code, key, wave!.Code, wave.QuestionnaireKey, agency!.Code, area, unit,
            dossier, ratedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            string.Join(',', scores.Select(x => x?.ToString(CultureInfo.InvariantCulture) ?? "")), others);
        return (key, new Response
        {
            Id = PaperForm.NameBasedId($"portal/{context.Client.Code}/{key}"),
            WaveId = wave.Id,
            QuestionnaireId = wave.QuestionnaireId,
            Channel = Channels.Portal,
            AreaCode = area!,
            AgencyId = agency.Id,
            UnitCode = unit,
            Stratum = $"{agency.Code}/{area}",
            SubmittedAt = ratedAt.ToUniversalTime(),
            ReceivedAt = now,
            Scores = scores,
            OtherAnswers = others == "{}" ? null : JsonDocument.Parse(others),
            DossierHash = intake.Dossiers.Hash(dossier),
            ContentHash = contentHash,
        }, errors);
    }

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text
            ? text : null;


    public sealed record WaveInfo(int Id, string Code, WaveStatus Status, int[] AgencyIds, string[] AreaCodes,
        int QuestionnaireId, string QuestionnaireKey, Questionnaire Questionnaire);

    public sealed record AgencyInfo(int Id, string Code, string? UnitCode, DateOnly? ValidTo, int? SuccessorId, HashSet<string> Areas);

    /// <summary>What the batch's items name, looked up once: waves with their TTHC questionnaire, agencies, communes.</summary>
    public sealed record BatchContext(ClientSystem Client, Dictionary<string, WaveInfo> Waves, WaveInfo? DefaultWave,
        Dictionary<string, AgencyInfo> Agencies, Dictionary<int, string> AgencyCodes, HashSet<string> Units)
    {
        public static async Task<BatchContext> LoadAsync(SipasDb db, ClientSystem client, JsonElement ratings, CancellationToken ct)
        {
            var waves = (await db.Waves.AsNoTracking()
                    .Select(w => new
                    {
                        w.Id, w.Code, w.Status, w.StartsOn, AgencyIds = w.Agencies.Select(a => a.Id).ToArray(), w.AreaCodes,
                        Questionnaire = w.Questionnaires.Where(q => q.Family == "TTHC" && q.Status != QuestionnaireStatus.Draft)
                            .OrderByDescending(q => q.PublishedAt).FirstOrDefault(),
                    }).ToListAsync(ct))
                .Where(w => w.Questionnaire is not null).ToList();
            var infos = waves.ToDictionary(w => w.Code, w => new WaveInfo(w.Id, w.Code, w.Status, w.AgencyIds, w.AreaCodes,
                w.Questionnaire!.Id, w.Questionnaire.Key, w.Questionnaire.Read()));
            var defaultWave = waves.Where(w => w.Status == WaveStatus.Open).OrderByDescending(w => w.StartsOn).Select(w => infos[w.Code]).FirstOrDefault();
            var agencies = await db.Agencies.AsNoTracking().Where(a => client.AgencyIds.Contains(a.Id)).Include(a => a.Areas).ToListAsync(ct);
            var successorIds = agencies.Where(a => a.SuccessorId != null).Select(a => a.SuccessorId!.Value).ToArray();
            var units = ratings.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.Object ? Text(r, "unit") : null).Where(u => u != null)
                .Concat(agencies.Select(a => a.UnitCode)).Distinct().ToArray();
            return new BatchContext(client, infos, defaultWave,
                agencies.ToDictionary(a => a.Code, a => new AgencyInfo(a.Id, a.Code, a.UnitCode, a.ValidTo, a.SuccessorId, [.. a.Areas.Select(x => x.Code)])),
                await db.Agencies.AsNoTracking().Where(a => successorIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Code, ct),
                [.. await db.AdministrativeUnits.AsNoTracking().Where(u => units.Contains(u.Code)).Select(u => u.Code).ToListAsync(ct)]);
        }
    }
}
