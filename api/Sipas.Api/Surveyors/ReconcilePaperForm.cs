using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Intake;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

public record ReconciledForm(Guid ResponseId, string Wave, string Serial);

/// <summary>The body of a decision, for the OpenAPI document: the right value of every field (picked or typed).</summary>
public record ReconcilePaperFormBody(string Agency, string Area, string? Unit, string? Stratum, Dictionary<string, object> Answers);

public static class ReconcilePaperForm
{
    private const string InvalidTitle = "Giá trị đối chiếu không hợp lệ / The decided values are not valid";

    private static readonly string[] Properties = ["agency", "area", "unit", "stratum", "answers"];

    /// <summary>
    /// A supervisor's decision on a form whose keyings differ: the values given become the response (channel
    /// <c>paper</c>, entered by the supervisor); both keyings are marked reconciled and point at it. 409 when the
    /// form is not waiting for a decision.
    /// </summary>
    public static async Task<Results<Created<ReconciledForm>, ValidationProblem, ProblemHttpResult, NotFound>> Handle(
        string wave, string serial, HttpRequest request, ClaimsPrincipal user, SipasDb db, IntakePipeline intake, CancellationToken ct)
    {
        var (document, refused) = await Setup.Input.ReadObjectAsync(request, Properties, KeyPaperForm.MaxBodyBytes, ct);
        if (document is null)
            return Problems.Invalid(refused!, InvalidTitle);
        using var _ = document;
        var body = document.RootElement;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var normalized = PaperFormReader.Serial(serial);
        if (normalized is not null) await WaveForms.LockSerialAsync(db, wave, normalized, ct);
        var pair = await KeyingPair.LoadAsync(db, wave, serial, ct);
        if (pair is null) return TypedResults.NotFound();
        if (pair.Keyings.Any(k => k.Status != PaperKeyingStatus.Queued))
            return Problems.Coded(StatusCodes.Status409Conflict, "not-queued",
                "Phiếu này không chờ đối chiếu (đã khớp hoặc đã được quyết định) / This form is not waiting for a decision (it matched or was decided)");
        // Separation of duties: whoever keyed one of the two keyings does not decide between them.
        var decider = Audit.UserId(user);
        if (pair.Keyings.Any(k => k.KeyedBy == decider))
            return Problems.Coded(StatusCodes.Status403Forbidden, "own-keying",
                "Ông/Bà đã nhập phiếu này nên không được đối chiếu nó; giám sát viên khác sẽ quyết định / You keyed this form, so you cannot decide it; another supervisor will",
                Messages.NothingStored);

        var errors = new Dictionary<string, string[]>();
        var form = await PaperFormReader.ReadAsync(body, pair.Definition, db, errors, ct);
        if (form is null)
            return Problems.Invalid(errors, InvalidTitle);

        var now = intake.Now();
        var response = form.ToResponse(pair.WaveId, pair.WaveCode, pair.Serial, pair.Version, pair.Definition, decider,
            pair.Keyings.Max(k => k.KeyedAt), now, intake.Hasher);
        var written = await intake.WriteFormAsync(response, null, db, ct);
        if (written.Outcome == WriteOutcome.WaveClosed) return Problems.WaveClosed(pair.WaveCode);
        if (written.Outcome != WriteOutcome.Stored)
            return Problems.Coded(StatusCodes.Status409Conflict, "not-queued", "Phiếu này đã có kết quả / This form already has a response");
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
