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
using Sipas.Api.Setup.OpenApi;
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
public static class TthcRatings
{
    public const int MaxItems = 1000;
    public const int MaxBodyBytes = 4 * 1024 * 1024;
    public const string KeyHeader = ManageClients.KeyHeader;
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");




    public static void MapIntegration(this IEndpointRouteBuilder routes)
    {
        // Anonymous to the cookie scheme: each handler authenticates the client system's API key itself.
        var group = routes.MapGroup("/api/integration").WithTags("Integration").AllowAnonymous().RequireClientKey();
        group.MapPost("/tthc-ratings", Handle).WithName("submitTthcRatings")
            .WithSummary($"Per-dossier TTHC ratings from a client system (header {KeyHeader}); up to {MaxItems} per batch, answered per item")
            .Accepts<RatingsBatch>("application/json")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes + 1));
        group.MapPost("/invitations", Invitations.Handle).WithName("createInvitation")
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

        var context = await TthcRatingReader.BatchContext.LoadAsync(db, client, ratings, ct);
        var now = intake.Now();
        var outcomes = new RatingOutcome?[count];
        var pending = new List<(int Index, string Key, Response Response)>();
        var index = 0;
        foreach (var item in ratings.EnumerateArray())
        {
            var (itemKey, response, errors) = TthcRatingReader.Read(item, context, intake, now);
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
}
