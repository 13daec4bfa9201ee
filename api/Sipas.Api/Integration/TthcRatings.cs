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

/// <summary>One rating's outcome: <c>stored</c>, <c>duplicate</c> (this key was stored before with the same content) or
/// <c>rejected</c> with every reason by field.</summary>
public record RatingOutcome(int Index, string? IdempotencyKey, string Status, Guid? ResponseId,
    IReadOnlyDictionary<string, string[]>? Errors);

public record RatingsReceipt(int Received, int Stored, int Duplicates, int Rejected, IReadOnlyList<RatingOutcome> Items);

/// <summary>The body, for the OpenAPI document (the handler reads it field by field).</summary>
public record RatingsBatch(IReadOnlyList<RatingItem> Ratings);

/// <param name="IdempotencyKey">Unique per rating within the client (1-100 of A-Z a-z 0-9 . _ : -): sending it again is a no-op.</param>
/// <param name="Wave">Wave code; when left out, the open wave that holds a TTHC questionnaire.</param>
/// <param name="Answers">TT01..TT12: 1..5 or 0 (no opinion); SUBMISSION: truc-tiep | truc-tuyen | buu-chinh; COMMENT: text.</param>
public record RatingItem(string IdempotencyKey, string? Wave, string Agency, string Area, string? Unit, string DossierCode,
    DateTimeOffset RatedAt, Dictionary<string, object> Answers);

/// <summary>
/// <c>POST /api/integration/tthc-ratings</c>: the province's TTHC handling system pushes per-dossier ratings. The
/// batch is refused whole (nothing stored) for a missing, wrong or revoked key (401), malformed JSON or a body that
/// is not <c>{"ratings": [...]}</c> with 1 to 1,000 items (400), or a body over 4 MB (413). Otherwise every item is
/// answered on its own: stored as a response of the wave's TTHC questionnaire with channel <c>portal</c>,
/// duplicate (its key was stored before, same content), or rejected with its reasons.
/// </summary>
public static partial class TthcRatings
{
    public const int MaxItems = 1000;
    public const int MaxBodyBytes = 4 * 1024 * 1024;
    public const string KeyHeader = ManageClients.KeyHeader;
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,100}$")]
    private static partial Regex KeyPattern();


    private static readonly string[] ItemProperties = ["idempotencyKey", "wave", "agency", "area", "unit", "dossierCode", "ratedAt", "answers"];

    public static void MapIntegration(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/integration").WithTags("Integration").AllowAnonymous();
        group.MapPost("/tthc-ratings", Handle)
            .WithSummary($"Per-dossier TTHC ratings from a client system (header {KeyHeader}); up to {MaxItems} per batch, answered per item")
            .Accepts<RatingsBatch>("application/json")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes + 1));
        group.MapPost("/invitations", Invitations.Handle)
            .WithSummary($"An invitation to rate one dossier (header {KeyHeader}): a short signed link for an SMS or Zalo message; the rating made through it is verified");
    }

    public static async Task<Results<Ok<RatingsReceipt>, ValidationProblem, ProblemHttpResult>> Handle(HttpRequest request, SipasDb db,
        IntakePipeline intake, TimeProvider clock, CancellationToken ct)
    {
        var client = await ManageClients.AuthenticateAsync(request, db, ct);
        if (client is null) return ManageClients.InvalidKey();

        var body = await Setup.Input.ReadLimitedAsync(request, MaxBodyBytes, ct);
        if (body is null)
            return Problems.Coded(StatusCodes.Status413PayloadTooLarge, "too-large",
                $"Nội dung quá lớn (tối đa {MaxBodyBytes / 1024 / 1024} MB) / The body is too large (at most {MaxBodyBytes / 1024 / 1024} MB)",
                "Không có gì được lưu; chia thành các lô nhỏ hơn. / Nothing was stored; send smaller batches.");
        JsonDocument document;
        try
        {
            // Like every other door: a property named twice is refused, not "the last one wins".
            document = JsonDocument.Parse(body.Value, Setup.Input.DocumentOptions(maxDepth: 8));
        }
        catch (JsonException e)
        {
            return Whole("body", $"JSON không hợp lệ (dòng {(e.LineNumber ?? 0) + 1}) / Malformed JSON (line {(e.LineNumber ?? 0) + 1})");
        }
        catch (InvalidOperationException)
        {
            return Whole("body", Setup.Input.InvalidText);
        }
        using var _ = document;
        var root = document.RootElement;
        // Broken text (invalid UTF-8, NUL, half a surrogate pair) anywhere refuses the batch whole, by JSON path.
        if (Setup.Input.Check(root) is { } broken) return Whole(broken.Keys.First(), Setup.Input.InvalidText);
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("ratings", out var ratings) || ratings.ValueKind != JsonValueKind.Array)
            return Whole("ratings", "Nội dung phải là {\"ratings\": [...]} / The body must be {\"ratings\": [...]}");
        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n != "ratings") is { } extra)
            return Whole(extra, "Thuộc tính không được hỗ trợ / Unknown property");
        var count = ratings.GetArrayLength();
        if (count is 0 or > MaxItems)
            return Whole("ratings", string.Create(Vi, $"Một lô có từ 1 đến {MaxItems:N0} đánh giá (lô này có {count:N0})") + " / " +
                string.Create(CultureInfo.InvariantCulture, $"A batch holds 1 to {MaxItems:N0} ratings (this one has {count:N0})"));

        var context = await BatchContext.LoadAsync(db, client, ratings, ct);
        var now = intake.Now();
        var outcomes = new RatingOutcome?[count];
        var pending = new List<(int Index, string Key, Response Response)>();
        var index = 0;
        foreach (var item in ratings.EnumerateArray())
        {
            var (itemKey, response, errors) = Read(item, context, intake, now);
            if (response is null) outcomes[index] = new(index, itemKey, "rejected", null, errors);
            else pending.Add((index, itemKey!, response));
            index++;
        }

        // Keys stored before: duplicate when the content is the same, rejected when it differs.
        var ids = pending.Select(p => p.Response.Id).ToArray();
        var stored = await db.Responses.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.ContentHash, ct);
        var toWrite = new List<(int Index, string Key, Response Response)>();
        foreach (var p in pending)
        {
            if (!stored.TryGetValue(p.Response.Id, out var hash)) toWrite.Add(p);
            else outcomes[p.Index] = hash.AsSpan().SequenceEqual(p.Response.ContentHash)
                ? new(p.Index, p.Key, "duplicate", p.Response.Id, null)
                : Conflict(p.Index, p.Key);
        }

        WriteResult[] results;
        try
        {
            results = await intake.WriteBatchAsync(toWrite.Select(p => p.Response).ToList(), ct);
        }
        catch (Exception e) when (e is StorageUnavailableException || DatabaseFaults.IsUnavailable(e))
        {
            return Problems.StorageUnavailable(request.HttpContext,
                "Chưa lưu được lô đánh giá, vui lòng gửi lại sau ít phút / The batch could not be stored yet; please send it again shortly",
                "Gửi lại cùng lô là an toàn: mỗi khóa chỉ được lưu một lần. / Sending the same batch again is safe: each key is stored once.");
        }
        for (var i = 0; i < toWrite.Count; i++)
        {
            var (at, itemKey, response) = toWrite[i];
            outcomes[at] = results[i].Outcome switch
            {
                WriteOutcome.Stored => new(at, itemKey, "stored", response.Id, null),
                WriteOutcome.AlreadyStored => new(at, itemKey, "duplicate", response.Id, null),
                WriteOutcome.WaveClosed => new(at, itemKey, "rejected", null, new Dictionary<string, string[]>
                {
                    ["wave"] = [Messages.WaveClosed(response.WaveId == 0 ? "" : context.Waves.Values.First(w => w.Id == response.WaveId).Code)],
                }),
                _ => Conflict(at, itemKey),
            };
        }

        var items = outcomes.Select(o => o!).ToList();
        var receipt = new RatingsReceipt(count, items.Count(o => o.Status == "stored"), items.Count(o => o.Status == "duplicate"),
            items.Count(o => o.Status == "rejected"), items);
        db.AuditEntries.Add(new AuditEntry
        {
            Entity = AuditEntry.Entities.ClientSystem, EntityId = client.Code, Action = "ratings", UserName = $"client:{client.Code}", At = now,
            After = JsonSerializer.SerializeToDocument(new { receipt.Received, receipt.Stored, receipt.Duplicates, receipt.Rejected }),
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(receipt);
    }

    private static RatingOutcome Conflict(int index, string key) => new(index, key, "rejected", null, new Dictionary<string, string[]>
    {
        ["idempotencyKey"] = ["Khóa này đã được dùng cho một đánh giá khác / This key was already used for another rating"],
    });

    private static ValidationProblem Whole(string field, string message) => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [field] = [message] },
        title: "Lô đánh giá bị từ chối toàn bộ / The batch is refused whole", detail: "Không có gì được lưu. / Nothing was stored.");

    private static (string? Key, Response? Response, Dictionary<string, string[]> Errors) Read(JsonElement item, BatchContext context,
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


    private sealed record WaveInfo(int Id, string Code, WaveStatus Status, int[] AgencyIds, string[] AreaCodes,
        int QuestionnaireId, string QuestionnaireKey, Questionnaire Questionnaire);

    private sealed record AgencyInfo(int Id, string Code, string? UnitCode, DateOnly? ValidTo, int? SuccessorId, HashSet<string> Areas);

    /// <summary>What the batch's items name, looked up once: waves with their TTHC questionnaire, agencies, communes.</summary>
    private sealed record BatchContext(ClientSystem Client, Dictionary<string, WaveInfo> Waves, WaveInfo? DefaultWave,
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
