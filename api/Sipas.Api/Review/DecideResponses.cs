using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Sipas.Api.Surveyors;
using Sipas.Data;

namespace Sipas.Api.Review;

/// <summary>The body of a decision, for the OpenAPI document: <c>responses</c> (ids) or <c>group</c>, not both.</summary>
public record DecisionBody(string Decision, string Reason, Guid[]? Responses, DecisionGroup? Group);

/// <summary>A group as <see cref="ReviewSelection"/> reads it: cause, kind and key of the place, day, hour, decision in force.</summary>
public record DecisionGroup(string? Cause, string? Kind, string? Key, string? Day, int? Hour, string? Decision);

/// <param name="Decided">Responses whose decision in force changed.</param>
/// <param name="Unchanged">Responses that already had this decision in force (nothing written for them).</param>
/// <param name="Unflagged">Of the decided, responses without any flag (a supervisor may exclude an obviously fabricated form).</param>
public record DecisionOutcome(string Decision, int Decided, int Unchanged, int Unflagged, IReadOnlyList<Guid> Ids);

public static class DecideResponses
{
    public const int MaxResponses = 10_000, MaxReason = 500;
    private static readonly string[] Properties = ["decision", "reason", "responses", "group"];
    private static readonly string[] GroupProperties = ["cause", "kind", "key", "day", "hour", "decision"];
    private const string Title = "Quyết định không hợp lệ / The decision is not valid";
    private const string NothingStored = "Không có gì được lưu. / Nothing was stored.";

    /// <summary>
    /// Keeps or excludes responses of <paramref name="wave"/> with a reason, in one transaction: each response's
    /// decision in force is superseded (history kept), <c>responses.review</c> follows, and one audit entry per
    /// response says who, when and why. Published snapshots are untouched (they hold their own counts); the next
    /// snapshot reads the new decisions. Any fault refuses the whole request by field and stores nothing.
    /// </summary>
    public static async Task<Results<Ok<DecisionOutcome>, ValidationProblem, NotFound>> Handle(string wave, HttpRequest request,
        ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var (document, refused) = await Setup.Input.ReadObjectAsync(request, Properties, 1 << 20, ct);
        if (document is null) return Refuse(refused!);
        using var _ = document;
        var body = document.RootElement;
        var errors = new Dictionary<string, string[]>();

        var decision = body.TryGetProperty("decision", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        if (decision is not (ReviewDecisions.Keep or ReviewDecisions.Exclude))
            errors["decision"] = ["Chọn keep (giữ) hoặc exclude (loại) / keep or exclude"];
        var reason = body.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String
            ? r.GetString()!.Normalize(NormalizationForm.FormC).Trim() : null;
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReason)
            errors["reason"] = [$"Cần lý do, 1–{MaxReason} ký tự / A reason of 1–{MaxReason} characters is required"];

        var hasList = body.TryGetProperty("responses", out var list);
        var hasGroup = body.TryGetProperty("group", out var group);
        List<Guid>? ids = null;
        ReviewSelection? selection = null;
        if (hasList == hasGroup)
            errors["responses"] = ["Nêu responses (danh sách mã phiếu) hoặc group, không cả hai / Give responses (ids) or group, not both"];
        else if (hasList)
            ids = ReadIds(list, errors);
        else
            selection = ReadGroup(group, errors);
        if (errors.Count > 0) return Refuse(errors);

        var waveId = await db.Waves.Where(w => w.Code == wave).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
        if (waveId is null) return TypedResults.NotFound();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        // The responses meant, locked in id order so two supervisors deciding the same responses wait for each other.
        var locked = new List<(Guid Id, bool Flagged, string? Review)>();
        await using (var command = new NpgsqlCommand { Connection = connection, Transaction = (NpgsqlTransaction)transaction.GetDbTransaction() })
        {
            string where;
            if (ids is not null)
            {
                command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = waveId.Value });
                command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. ids] });
                where = "WHERE r.wave_id = $1 AND r.superseded_by IS NULL AND r.id = ANY($2)";
            }
            else where = selection!.Where(waveId.Value, command.Parameters);
            command.CommandText = $"""
                SELECT r.id, cardinality(r.flags) > 0, r.review {ReviewSelection.From} {where}
                ORDER BY r.id LIMIT {MaxResponses + 1} FOR UPDATE OF r
                """;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                locked.Add((reader.GetGuid(0), reader.GetBoolean(1), reader.IsDBNull(2) ? null : reader.GetString(2)));
        }

        if (ids is not null)
        {
            var found = locked.Select(l => l.Id).ToHashSet();
            for (var i = 0; i < ids.Count; i++)
                if (!found.Contains(ids[i]))
                    errors[$"responses[{i}]"] = [$"Không có phiếu hiện hành này trong đợt {wave} / No current response with this id in wave {wave}"];
        }
        else if (locked.Count == 0)
            errors["group"] = ["Nhóm này không có phiếu nào / The group holds no response"];
        else if (locked.Count > MaxResponses)
            errors["group"] = [$"Nhóm có hơn {MaxResponses:N0} phiếu; hãy thu hẹp (ngày, giờ) / The group holds more than {MaxResponses:N0} responses; narrow it (day, hour)"];
        if (errors.Count > 0) return Refuse(errors);

        var now = clock.GetUtcNow();
        var changing = locked.Where(l => l.Review != decision).ToList();
        var changingIds = changing.Select(l => l.Id).ToList();
        var responses = await db.Responses.Where(x => changingIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        var inForce = await db.ResponseReviews.Where(x => changingIds.Contains(x.ResponseId) && x.SupersededBy == null)
            .ToDictionaryAsync(x => x.ResponseId, ct);
        // The unique index allows one decision in force per response and is checked row by row, so the earlier
        // decision first points at itself (out of the index), then at the new one once that exists.
        foreach (var old in inForce.Values) old.SupersededBy = old.Id;
        await db.SaveChangesAsync(ct);

        var userId = Audit.UserId(user);
        var userName = user.Identity?.Name ?? userId.ToString();
        foreach (var (id, _, before) in changing)
        {
            var review = new ResponseReview
            {
                Id = Guid.CreateVersion7(now), ResponseId = id, Decision = decision!, Reason = reason!, DecidedById = userId,
                DecidedBy = userName, DecidedAt = now,
            };
            db.ResponseReviews.Add(review);
            if (inForce.TryGetValue(id, out var old)) old.SupersededBy = review.Id;
            responses[id].Review = decision;
            db.AuditEntries.Add(Audit.Entry(AuditEntry.Entities.Response, id.ToString(), "review", user, now,
                new { review = before, decisionId = old?.Id },
                new { review = decision, reason, decisionId = review.Id, bulk = ids is null ? selection : null }));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new DecisionOutcome(decision!, changing.Count, locked.Count - changing.Count,
            changing.Count(c => !c.Flagged), changingIds));
    }

    private static ValidationProblem Refuse(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: Title, detail: NothingStored);

    private static List<Guid>? ReadIds(JsonElement list, Dictionary<string, string[]> errors)
    {
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() is 0 or > MaxResponses)
        {
            errors["responses"] = [$"Danh sách 1–{MaxResponses:N0} mã phiếu / A list of 1–{MaxResponses:N0} response ids"];
            return null;
        }
        var ids = new List<Guid>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.String && Guid.TryParse(item.GetString(), out var id)) ids.Add(id);
            else errors[$"responses[{i}]"] = ["Mã phiếu (UUID) / A response id (UUID)"];
            i++;
        }
        if (errors.Count == 0 && ids.Distinct().Count() != ids.Count) errors["responses"] = ["Mã phiếu lặp lại / A response id is repeated"];
        return ids;
    }

    private static ReviewSelection? ReadGroup(JsonElement group, Dictionary<string, string[]> errors)
    {
        if (group.ValueKind != JsonValueKind.Object)
        {
            errors["group"] = ["Một đối tượng / An object"];
            return null;
        }
        foreach (var unknown in group.EnumerateObject().Where(p => !GroupProperties.Contains(p.Name)))
            errors["group." + unknown.Name] = ["Thuộc tính không được hỗ trợ / Unknown property"];
        string? Value(string name) => !group.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
            : v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.ValueKind == JsonValueKind.String ? v.GetString() : "\0";
        var selection = ReviewSelection.Read(Value, errors, "group.");
        // A group decision names its cause: "every flagged response of the wave" in one click is not a review.
        if (selection is { Cause: null }) errors["group.cause"] = ["Cần mã cảnh báo / A flag code is required"];
        if (selection is { Kind: null }) errors["group.kind"] = ["Cần điểm phục vụ hoặc điều tra viên / A service point or surveyor is required"];
        return errors.Count > 0 ? null : selection;
    }
}
