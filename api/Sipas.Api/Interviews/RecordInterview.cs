using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Citizens;
using Sipas.Api.Intake;
using Sipas.Api.Setup;
using Sipas.Api.Plans;
using Sipas.Api.Surveyors;
using Sipas.Data;

namespace Sipas.Api.Interviews;

/// <summary>The body of an interview attempt, for the OpenAPI document (the handler reads it field by field).</summary>
/// <param name="Disposition"><c>completed</c>, <c>refused</c>, <c>non-contact</c> or <c>ineligible</c>; only a completed
/// interview carries <c>questionnaire</c>, <c>agency</c>, <c>area</c> and <c>answers</c>.</param>
public record RecordInterviewBody(Guid ClientId, string Wave, string Stratum, string? Unit, string Disposition,
    DateTimeOffset AttemptedAt, string? Questionnaire, string? Agency, string? Area, Dictionary<string, object>? Answers);

public static class RecordInterview
{
    /// <summary>
    /// Stores an interview attempt recorded on a surveyor's device, idempotently on its client UUID: the same UUID
    /// and content again gets the original receipt (200), other content a 409. A completed interview becomes a
    /// response (channel <c>interview</c>, same id) in the same transaction. New attempts must fall within the
    /// surveyor's current assignments and an open wave (422 otherwise); nothing is stored on any refusal.
    /// </summary>
    public static async Task<Results<Created<ResponseReceipt>, Ok<ResponseReceipt>, ValidationProblem, ProblemHttpResult>> Handle(
        HttpRequest request, ClaimsPrincipal user, SipasDb db, IntakePipeline intake, TimeProvider clock, CancellationToken ct)
    {
        // Read by hand (an empty body bound to JsonElement was a 500; so was invalid UTF-8): see Setup/Input.cs.
        var (document, refused) = await Setup.Input.ReadObjectAsync(request, null, Surveyors.KeyPaperForm.MaxBodyBytes, ct);
        if (document is null)
            return Problems.Invalid(refused!, InvalidTitle);
        using var _ = document;
        var (interview, errors) = await InterviewReader.ReadAsync(document.RootElement, db, clock, ct);
        if (interview is null)
            return Problems.Invalid(errors, InvalidTitle);

        var surveyor = Audit.UserId(user);
        var hash = interview.ContentHash(intake.Hasher);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({"interview/" + interview.ClientId}, 0))", ct);
        var stored = await db.ContactAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == interview.ClientId, ct);
        if (stored is not null)
            return stored.ContentHash.AsSpan().SequenceEqual(hash) && stored.SurveyorId == surveyor
                ? TypedResults.Ok(ResponseReceipt.For(stored.Id, stored.ReceivedAt))
                : IdConflict();
        if (await db.Responses.AnyAsync(r => r.Id == interview.ClientId, ct))
            return IdConflict();

        if (interview.Wave.Status != WaveStatus.Open)
            return Refused("wave-closed", $"Đợt {interview.Wave.Code} đã đóng: không nhận thêm phỏng vấn / Wave {interview.Wave.Code} is closed: no more interviews are taken");
        if (!await AssignmentScope.CoversAsync(db, interview.Wave.Id, surveyor, interview.Stratum, interview.UnitCode, ct))
            return Refused("not-assigned", AssignmentScope.Refusal(interview.Stratum, interview.UnitCode));

        var now = intake.Now();
        var attempt = new ContactAttempt
        {
            Id = interview.ClientId, WaveId = interview.Wave.Id, SurveyorId = surveyor, Stratum = interview.Stratum,
            UnitCode = interview.Form?.UnitCode ?? interview.UnitCode, Disposition = interview.Disposition,
            AttemptedAt = interview.AttemptedAt, ReceivedAt = now, ContentHash = hash,
        };
        if (interview.Form is { } form)
        {
            var response = new Response
            {
                Id = interview.ClientId, WaveId = interview.Wave.Id, QuestionnaireId = interview.Version!.Id, Channel = Channels.Interview,
                AreaCode = form.AreaCode, AgencyId = form.AgencyId, UnitCode = form.UnitCode, Stratum = interview.Stratum,
                SubmittedAt = interview.AttemptedAt, ReceivedAt = now, Scores = form.Scores, OtherAnswers = form.OtherAnswersJson(),
                ContentHash = hash, EnteredBy = surveyor, StartedAt = interview.StartedAt,
            };
            var written = await intake.WriteFormAsync(response, interview.StartedAt, db, ct);
            if (written.Outcome != WriteOutcome.Stored) return IdConflict();
            attempt.ResponseId = response.Id;
            db.AuditEntries.Add(Audit.Entry(AuditEntry.Entities.Response, response.Id.ToString(), "interview", user, now, null, Audit.State(response)));
        }
        db.ContactAttempts.Add(attempt);
        db.AuditEntries.Add(Audit.Entry(AuditEntry.Entities.ContactAttempt, attempt.Id.ToString(), "create", user, now, null, new
        {
            attempt.Id, Wave = interview.Wave.Code, attempt.Stratum, attempt.UnitCode, attempt.Disposition, attempt.AttemptedAt, attempt.ResponseId,
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created($"/api/surveyors/interviews/{attempt.Id}", ResponseReceipt.For(attempt.Id, now));
    }

    private const string InvalidTitle = "Phiếu phỏng vấn không hợp lệ / The interview is not valid";

    private static ProblemHttpResult IdConflict() => Problems.Coded(StatusCodes.Status409Conflict, "id-conflict",
        "Mã phỏng vấn này đã được dùng cho nội dung khác / This interview id was already used for other content",
        "Ghi lại như một cuộc phỏng vấn mới (mã mới). / Record it again as a new interview (new id).");

    private static ProblemHttpResult Refused(string code, string title) => Problems.Coded(
        StatusCodes.Status422UnprocessableEntity, code, title, Messages.NothingStored);
}
