using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

public record ReconciledForm(Guid ResponseId, string Wave, string Serial);

/// <summary>The body of a decision, for the OpenAPI document: the right value of every field (picked or typed).</summary>
public record ReconcilePaperFormBody(string Agency, string Area, string? Unit, string? Stratum, Dictionary<string, object> Answers);

public static class ReconcilePaperForm
{
    private static readonly string[] Properties = ["agency", "area", "unit", "stratum", "answers"];

    /// <summary>
    /// A supervisor's decision on a form whose keyings differ: the values given become the response (channel
    /// <c>paper</c>, entered by the supervisor); both keyings are marked reconciled and point at it. 409 when the
    /// form is not waiting for a decision.
    /// </summary>
    public static async Task<Results<Created<ReconciledForm>, ValidationProblem, ProblemHttpResult, NotFound>> Handle(
        string wave, string serial, HttpRequest request, ClaimsPrincipal user, SipasDb db, TimeProvider clock, CancellationToken ct)
    {
        var (document, refused) = await Setup.Input.ReadObjectAsync(request, Properties, KeyPaperForm.MaxBodyBytes, ct);
        if (document is null)
            return TypedResults.ValidationProblem(refused!, title: "Giá trị đối chiếu không hợp lệ / The decided values are not valid",
                detail: "Không có gì được lưu. / Nothing was stored.");
        using var _ = document;
        var body = document.RootElement;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var normalized = PaperFormReader.Serial(serial);
        if (normalized is not null) await WaveForms.LockSerialAsync(db, wave, normalized, ct);
        var pair = await KeyingPair.LoadAsync(db, wave, serial, ct);
        if (pair is null) return TypedResults.NotFound();
        if (pair.Keyings.Any(k => k.Status != PaperKeyingStatus.Queued))
            return Citizens.GetServicePointSurvey.Problem(StatusCodes.Status409Conflict, "not-queued",
                "Phiếu này không chờ đối chiếu (đã khớp hoặc đã được quyết định) / This form is not waiting for a decision (it matched or was decided)", null);

        var errors = new Dictionary<string, string[]>();
        var form = await PaperFormReader.ReadAsync(body, pair.Definition, db, errors, ct);
        if (form is null)
            return TypedResults.ValidationProblem(errors, title: "Giá trị đối chiếu không hợp lệ / The decided values are not valid",
                detail: "Không có gì được lưu. / Nothing was stored.");

        var now = clock.GetUtcNow();
        var response = form.ToResponse(pair.WaveId, pair.WaveCode, pair.Serial, pair.Version, pair.Definition, Audit.UserId(user),
            pair.Keyings.Max(k => k.KeyedAt), now);
        db.Responses.Add(response);
        db.AuditEntries.Add(Audit.Entry(AuditEntry.Entities.Response, response.Id.ToString(), "reconcile", user, now, null, Audit.State(response)));
        foreach (var keying in pair.Keyings)
        {
            var before = Audit.State(keying);
            keying.Status = PaperKeyingStatus.Reconciled;
            keying.ResponseId = response.Id;
            db.AuditEntries.Add(Audit.Entry(AuditEntry.Entities.PaperKeying, keying.Id.ToString(), "reconcile", user, now, before, Audit.State(keying)));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/supervisor/reconciliations/{pair.WaveCode}/{pair.Serial}",
            new ReconciledForm(response.Id, pair.WaveCode, pair.Serial));
    }
}
