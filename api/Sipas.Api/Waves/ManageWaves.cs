using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Sipas.Data;

namespace Sipas.Api.Waves;

/// <summary>
/// Waves: created and edited as drafts; opened when they have a published questionnaire and somewhere to collect
/// (an active service point in scope or a surveyor's assignment); closed for good. An open wave keeps its
/// questionnaire versions; a closed one takes no more responses (the response writer refuses them too).
/// </summary>
public static partial class ManageWaves
{
    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z-]{1,39}$")]
    private static partial Regex CodePattern();

    public static async Task<List<WaveDetail>> List(SipasDb db, CancellationToken ct)
    {
        var waves = await Query(db).OrderByDescending(w => w.StartsOn).ThenBy(w => w.Code).ToListAsync(ct);
        var counts = await CountsAsync(db, null, ct);
        var result = new List<WaveDetail>();
        foreach (var w in waves) result.Add(await DetailAsync(db, w, counts, ct));
        return result;
    }

    public static async Task<Results<Ok<WaveDetail>, NotFound>> Get(string code, SipasDb db, CancellationToken ct)
    {
        var wave = await Query(db).SingleOrDefaultAsync(w => w.Code == code, ct);
        return wave is null ? TypedResults.NotFound() : TypedResults.Ok(await DetailAsync(db, wave, await CountsAsync(db, wave.Id, ct), ct));
    }

    public static async Task<Results<Created<WaveDetail>, ValidationProblem, ProblemHttpResult>> Create(
        WaveRequest body, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = body.Code.Trim();
        if (!CodePattern().IsMatch(code))
            errors["code"] = ["Mã gồm 2-40 chữ, chữ số, dấu gạch nối (ví dụ 2026-H1) / 2-40 letters, digits or hyphens (e.g. 2026-H1)"];
        var wave = new Wave { Code = code, NameVi = "", NameEn = "", Status = WaveStatus.Draft };
        await ApplyAsync(wave, body, db, errors, ct);
        if (errors.Count > 0) return Invalid(errors);
        if (await db.Waves.AnyAsync(w => w.Code == code, ct))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: $"Mã đợt {code} đã được dùng / The wave code {code} is taken");
        db.Waves.Add(wave);
        AdminAudit.Record(db, AuditEntry.Entities.Wave, wave.Code, "create", user, clock.GetUtcNow(), null, State(wave));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/admin/waves/{wave.Code}", await DetailAsync(db, wave, [], ct));
    }

    /// <summary>Edits a draft wave (the code stays). An open or closed wave keeps what it started with.</summary>
    public static async Task<Results<Ok<WaveDetail>, ValidationProblem, ProblemHttpResult, NotFound>> Update(
        string code, WaveRequest body, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var wave = await Query(db, tracking: true).SingleOrDefaultAsync(w => w.Code == code, ct);
        if (wave is null) return TypedResults.NotFound();
        if (wave.Status != WaveStatus.Draft)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Đợt {code} đã mở hoặc đã đóng, không thể sửa / Wave {code} is open or closed and cannot be edited",
                detail: "Đợt khảo sát giữ nguyên phiếu và phạm vi đã dùng khi mở. / A wave keeps the questionnaires and scope it opened with.",
                extensions: new Dictionary<string, object?> { ["code"] = "wave-not-draft" });
        var before = State(wave);
        var errors = new Dictionary<string, string[]>();
        await ApplyAsync(wave, body, db, errors, ct);
        if (errors.Count > 0) return Invalid(errors);
        AdminAudit.Record(db, AuditEntry.Entities.Wave, wave.Code, "update", user, clock.GetUtcNow(), before, State(wave));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DetailAsync(db, wave, await CountsAsync(db, wave.Id, ct), ct));
    }

    /// <summary>Draft → open, when the wave has a published questionnaire and a service point in scope or an assignment.</summary>
    public static async Task<Results<Ok<WaveDetail>, ProblemHttpResult, NotFound>> Open(
        string code, ClaimsPrincipal user, SipasDb db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var wave = await Query(db, tracking: true).SingleOrDefaultAsync(w => w.Code == code, ct);
        if (wave is null) return TypedResults.NotFound();
        if (wave.Status != WaveStatus.Draft) return WrongState(wave, "Chỉ mở được đợt đang là bản nháp / Only a draft wave can be opened");
        var reasons = new List<string>();
        if (!wave.Questionnaires.Any(q => q.Status == QuestionnaireStatus.Published))
            reasons.Add("Đợt chưa có phiếu khảo sát đã ban hành / The wave has no published questionnaire");
        if (await ServicePointsInScope(db, wave, ct) == 0 && !await db.Assignments.AnyAsync(a => a.WaveId == wave.Id && a.EndedAt == null, ct))
            reasons.Add("Đợt chưa có điểm phục vụ nào trong phạm vi và chưa phân công điều tra viên / " +
                        "The wave has no active service point in its scope and no surveyor assignment");
        if (reasons.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
                title: $"Chưa thể mở đợt {code} / Wave {code} cannot be opened yet", detail: string.Join("; ", reasons),
                extensions: new Dictionary<string, object?> { ["code"] = "wave-not-ready", ["reasons"] = reasons });
        return await MoveAsync(wave, WaveStatus.Open, "open", user, db, cache, clock, ct);
    }

    /// <summary>Open → closed: from now on every path that stores responses refuses this wave.</summary>
    public static async Task<Results<Ok<WaveDetail>, ProblemHttpResult, NotFound>> Close(
        string code, ClaimsPrincipal user, SipasDb db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var wave = await Query(db, tracking: true).SingleOrDefaultAsync(w => w.Code == code, ct);
        if (wave is null) return TypedResults.NotFound();
        if (wave.Status != WaveStatus.Open) return WrongState(wave, "Chỉ đóng được đợt đang mở / Only an open wave can be closed");
        return await MoveAsync(wave, WaveStatus.Closed, "close", user, db, cache, clock, ct);
    }

    private static async Task<Results<Ok<WaveDetail>, ProblemHttpResult, NotFound>> MoveAsync(Wave wave, WaveStatus to, string action,
        ClaimsPrincipal user, SipasDb db, IMemoryCache cache, TimeProvider clock, CancellationToken ct)
    {
        var before = State(wave);
        wave.Status = to;
        AdminAudit.Record(db, AuditEntry.Entities.Wave, wave.Code, action, user, clock.GetUtcNow(), before, State(wave));
        await db.SaveChangesAsync(ct);
        // This instance's citizen page sees the change at once; others within SurveyDirectory.Lifetime, and the
        // response writer refuses a closed wave whatever a cache says.
        (cache as MemoryCache)?.Clear();
        return TypedResults.Ok(await DetailAsync(db, wave, await CountsAsync(db, wave.Id, ct), ct));
    }

    private static ProblemHttpResult WrongState(Wave wave, string title) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict, title: title,
        detail: $"Đợt {wave.Code} đang ở trạng thái {StatusVi(wave.Status)}. / Wave {wave.Code} is {wave.Status.ToString().ToLowerInvariant()}.",
        extensions: new Dictionary<string, object?> { ["code"] = "wave-state" });

    private static string StatusVi(WaveStatus s) => s switch
    {
        WaveStatus.Draft => "bản nháp", WaveStatus.Open => "đang mở", _ => "đã đóng",
    };

    private static async Task ApplyAsync(Wave wave, WaveRequest body, SipasDb db, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (body.EndsOn < body.StartsOn) errors["endsOn"] = ["Ngày kết thúc phải sau ngày bắt đầu / The end date must not be before the start date"];
        if (body.LookbackTo < body.LookbackFrom)
            errors["lookbackTo"] = ["Kỳ đánh giá phải kết thúc sau khi bắt đầu / The look-back period must end after it starts"];
        if (body.StartsOn == default) errors["startsOn"] = [Setup.Messages.Required];
        if (body.LookbackFrom == default) errors["lookbackFrom"] = [Setup.Messages.Required];

        var keys = (body.Questionnaires ?? []).Distinct().ToList();
        var published = await db.Questionnaires.Where(q => q.Status == QuestionnaireStatus.Published).ToListAsync(ct);
        var chosen = published.Where(q => keys.Contains(q.Key)).ToList();
        var missing = keys.Except(chosen.Select(q => q.Key)).ToList();
        if (missing.Count > 0)
            errors["questionnaires"] = [$"Không có phiếu đã ban hành: {string.Join(", ", missing)} / No published questionnaire: {string.Join(", ", missing)}"];
        else if (chosen.GroupBy(q => q.Family).FirstOrDefault(g => g.Count() > 1) is { } twice)
            errors["questionnaires"] = [$"Mỗi nhóm phiếu chỉ một phiên bản ({twice.Key}) / One version per family ({twice.Key})"];

        var channels = (body.OfficialChannels ?? []).Distinct().ToArray();
        if (channels.Except(Channels.All).ToList() is { Count: > 0 } badChannels)
            errors["officialChannels"] = [$"Kênh không hợp lệ: {string.Join(", ", badChannels)} (có: {string.Join(", ", Channels.All)}) / Unknown channel(s)"];
        var areas = (body.AreaCodes ?? []).Distinct().ToArray();
        var knownAreas = await db.ServiceAreas.Select(a => a.Code).ToListAsync(ct);
        if (areas.Except(knownAreas).ToList() is { Count: > 0 } badAreas)
            errors["areaCodes"] = [$"Không có lĩnh vực: {string.Join(", ", badAreas)} / No such area(s)"];
        var agencyCodes = (body.AgencyCodes ?? []).Distinct().ToArray();
        var agencies = await db.Agencies.Where(a => agencyCodes.Contains(a.Code) && a.ValidTo == null).ToListAsync(ct);
        if (agencyCodes.Except(agencies.Select(a => a.Code)).ToList() is { Count: > 0 } badAgencies)
            errors["agencyCodes"] = [$"Không có cơ quan đang hoạt động: {string.Join(", ", badAgencies)} / No current agency: {string.Join(", ", badAgencies)}"];
        var units = (body.UnitCodes ?? []).Distinct().ToArray();
        var knownUnits = await db.AdministrativeUnits.Where(u => units.Contains(u.Code) && u.ValidTo == null).Select(u => u.Code).ToListAsync(ct);
        if (units.Except(knownUnits).ToList() is { Count: > 0 } badUnits)
            errors["unitCodes"] = [$"Không có xã, phường: {string.Join(", ", badUnits)} / No current commune: {string.Join(", ", badUnits)}"];
        if (errors.Count > 0) return;

        wave.NameVi = body.NameVi.Trim().Normalize(NormalizationForm.FormC);
        wave.NameEn = body.NameEn.Trim().Normalize(NormalizationForm.FormC);
        (wave.StartsOn, wave.EndsOn, wave.LookbackFrom, wave.LookbackTo) = (body.StartsOn, body.EndsOn, body.LookbackFrom, body.LookbackTo);
        wave.OfficialChannels = channels;
        wave.AreaCodes = areas;
        wave.UnitCodes = units;
        wave.Questionnaires.Clear();
        wave.Questionnaires.AddRange(chosen);
        wave.Agencies.Clear();
        wave.Agencies.AddRange(agencies);
    }

    private static ValidationProblem Invalid(Dictionary<string, string[]> errors) => TypedResults.ValidationProblem(errors,
        title: "Đợt khảo sát không hợp lệ / The wave is not valid", detail: "Không có gì được lưu. / Nothing was stored.");

    private static IQueryable<Wave> Query(SipasDb db, bool tracking = false) =>
        (tracking ? db.Waves : db.Waves.AsNoTracking()).Include(w => w.Questionnaires).Include(w => w.Agencies);

    private static async Task<Dictionary<(int, string), int>> CountsAsync(SipasDb db, int? waveId, CancellationToken ct) =>
        (await db.Responses.Where(r => r.SupersededBy == null && (waveId == null || r.WaveId == waveId))
            .GroupBy(r => new { r.WaveId, r.Channel }).Select(g => new { g.Key.WaveId, g.Key.Channel, N = g.Count() })
            .ToListAsync(ct)).ToDictionary(x => (x.WaveId, x.Channel), x => x.N);

    public static Task<int> ServicePointsInScope(SipasDb db, Wave wave, CancellationToken ct)
    {
        var agencyIds = wave.Agencies.Select(a => a.Id).ToArray();
        return db.ServicePoints.Where(p => p.RetiredAt == null)
            .Where(p => wave.AreaCodes.Length == 0 || wave.AreaCodes.Contains(p.AreaCode))
            .Where(p => wave.UnitCodes.Length == 0 || (p.UnitCode != null && wave.UnitCodes.Contains(p.UnitCode)))
            .Where(p => agencyIds.Length == 0 || agencyIds.Contains(p.AgencyId))
            .CountAsync(ct);
    }

    private static async Task<WaveDetail> DetailAsync(SipasDb db, Wave w, Dictionary<(int, string), int> counts, CancellationToken ct) => new(
        w.Code, w.NameVi, w.NameEn, w.Status.ToString().ToLowerInvariant(), w.StartsOn, w.EndsOn, w.LookbackFrom, w.LookbackTo,
        w.Questionnaires.OrderBy(q => q.Family).Select(q => new WaveQuestionnaire(q.Key, q.Family, q.TitleVi, q.Status.ToString().ToLowerInvariant())).ToList(),
        w.OfficialChannels, w.AreaCodes, w.Agencies.Select(a => a.Code).Order().ToList(), w.UnitCodes,
        Channels.All.ToDictionary(c => c, c => counts.GetValueOrDefault((w.Id, c))),
        await ServicePointsInScope(db, w, ct), await db.Assignments.CountAsync(a => a.WaveId == w.Id && a.EndedAt == null, ct));

    private static object State(Wave w) => new
    {
        w.Code, w.NameVi, w.NameEn, Status = w.Status.ToString(), w.StartsOn, w.EndsOn, w.LookbackFrom, w.LookbackTo,
        Questionnaires = w.Questionnaires.Select(q => q.Key).ToArray(), w.OfficialChannels, w.AreaCodes,
        Agencies = w.Agencies.Select(a => a.Code).ToArray(), w.UnitCodes,
    };
}
