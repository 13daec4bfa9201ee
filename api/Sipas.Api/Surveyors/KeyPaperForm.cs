using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Analytics;
using Sipas.Api.Intake;
using Sipas.Api.Plans;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Surveyors;

/// <param name="State"><c>waiting</c> (first keying of the serial), <c>matched</c> (the second agreed: the response
/// exists) or <c>queued</c> (the second differs: a supervisor decides). The other keying's values are never shown.</param>
public record KeyingReceipt(Guid Id, string Wave, string Serial, string State, DateTimeOffset KeyedAt);

/// <summary>The body of a keying, for the OpenAPI document (the handler reads it field by field).</summary>
public record KeyPaperFormBody(string Wave, string Questionnaire, string Serial, string Agency, string Area, string? Unit,
    string? Stratum, Dictionary<string, object> Answers);

public static class KeyPaperForm
{
    public const int MaxBodyBytes = 64 * 1024;
    private static readonly string[] Properties = ["wave", "questionnaire", "serial", "agency", "area", "unit", "stratum", "answers"];

    /// <summary>
    /// Stores one keying of a paper form. The same person keying a serial twice, a third keying, or a keying with
    /// another questionnaire than the first is a 409. The second keying is compared with the first: identical ones
    /// become the response (channel <c>paper</c>), differing ones go to the reconciliation queue. Serials are
    /// serialised with an advisory lock, so two keyers finishing at once still meet.
    /// </summary>
    public static async Task<Results<Created<KeyingReceipt>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request, ClaimsPrincipal user, SipasDb db, IntakePipeline intake, CancellationToken ct)
    {
        var (document, refused) = await Setup.Input.ReadObjectAsync(request, Properties, MaxBodyBytes, ct);
        if (document is null)
            return Problems.Invalid(refused!, InvalidTitle);
        using var _ = document;
        var body = document.RootElement;
        var errors = new Dictionary<string, string[]>();
        var (wave, version, questionnaire) = await WaveForms.ReadAsync(body, db, errors, ct);
        var serial = PaperFormReader.Serial(PaperFormReader.Text(body, "serial"));
        if (serial is null)
            errors["serial"] = ["Số phiếu gồm chữ, số và . _ / - (tối đa 40 ký tự) / A form serial holds letters, digits and . _ / - (at most 40 characters)"];
        var form = questionnaire is null ? null : await PaperFormReader.ReadAsync(body, questionnaire, db, errors, ct);
        if (errors.Count > 0 || form is null)
            return Problems.Invalid(errors, InvalidTitle);

        if (wave!.Status == WaveStatus.Closed) return Problems.WaveClosed(wave.Code);
        var keyer = Audit.UserId(user);
        // Once a wave has assignments, a surveyor keys only forms of their own strata and communes (admins key any).
        if (!user.IsInRole(Roles.Admin) && await AssignmentScope.WaveHasAssignmentsAsync(db, wave!.Id, ct)
            && !await AssignmentScope.CoversAsync(db, wave.Id, keyer, form.Stratum, form.UnitCode, ct))
            return Problems.Coded(StatusCodes.Status422UnprocessableEntity, "not-assigned",
                AssignmentScope.Refusal(form.Stratum, form.UnitCode), Messages.NothingStored);
        var now = intake.Now();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await WaveForms.LockSerialAsync(db, wave!.Code, serial!, ct);
        var earlier = await db.PaperKeyings.Where(k => k.WaveId == wave.Id && k.Serial == serial && k.SupersededBy == null).ToListAsync(ct);
        if (earlier.Any(k => k.KeyedBy == keyer))
            return Conflict("keyed-by-you", "Ông/Bà đã nhập phiếu này; lần nhập thứ hai phải do người khác thực hiện",
                "You have already keyed this form; the second keying must be done by someone else");
        if (earlier.Count >= 2)
            return Conflict("keyed-twice", "Phiếu này đã được nhập hai lần", "This form has already been keyed twice");
        if (earlier.Count == 1 && earlier[0].QuestionnaireId != version!.Id)
            return Conflict("other-questionnaire", "Phiếu này đã được nhập với một mẫu phiếu khác; báo giám sát viên",
                "This form was keyed with another questionnaire; tell a supervisor");

        var keying = new PaperKeying
        {
            Id = Guid.CreateVersion7(now), WaveId = wave.Id, QuestionnaireId = version!.Id, AgencyId = form.AgencyId,
            AreaCode = form.AreaCode, UnitCode = form.UnitCode, Stratum = form.Stratum, Serial = serial!, KeyedBy = keyer,
            KeyedAt = now, Scores = form.Scores, OtherAnswers = form.OtherAnswersJson(), Status = PaperKeyingStatus.Waiting,
        };
        if (earlier.Count == 1)
        {
            var first = earlier[0];
            var firstForm = PaperForm.Of(first, await db.Agencies.Where(a => a.Id == first.AgencyId).Select(a => a.Code).SingleAsync(ct));
            Response? response = null;
            if (firstForm.SameAs(form, questionnaire!))
            {
                response = form.ToResponse(wave.Id, wave.Code, serial!, version, questionnaire!, keyer, now, now, intake.Hasher);
                var written = await intake.WriteFormAsync(response, null, db, ct);
                if (written.Outcome == WriteOutcome.WaveClosed) return Problems.WaveClosed(wave.Code);
                db.AuditEntries.Add(Audit.Entry(AuditEntry.Entities.Response, response.Id.ToString(), "create", user, now, null, Audit.State(response)));
            }
            var before = Audit.State(first);
            first.Status = keying.Status = response is null ? PaperKeyingStatus.Queued : PaperKeyingStatus.Matched;
            first.ResponseId = keying.ResponseId = response?.Id;
            db.AuditEntries.Add(Audit.Entry(AuditEntry.Entities.PaperKeying, first.Id.ToString(),
                response is null ? "queue" : "match", user, now, before, Audit.State(first)));
        }
        db.PaperKeyings.Add(keying);
        db.AuditEntries.Add(Audit.Entry(AuditEntry.Entities.PaperKeying, keying.Id.ToString(), "create", user, now, null, Audit.State(keying)));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        return TypedResults.Created($"/api/surveyors/keyings/{keying.Id}",
            new KeyingReceipt(keying.Id, wave.Code, serial!, keying.Status.ToString().ToLowerInvariant(), now));
    }

    private const string InvalidTitle = "Phiếu nhập không hợp lệ / The keyed form is not valid";

    private static ProblemHttpResult Conflict(string code, string vi, string en) =>
        Problems.Coded(StatusCodes.Status409Conflict, code, $"{vi} / {en}");
}
