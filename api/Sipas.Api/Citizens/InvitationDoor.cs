using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Intake;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Citizens;

/// <summary>
/// The invitation link's door: the survey of the invitation's service point and wave, and the rating made through it,
/// bound to the invitation's dossier (one per dossier, counted as verified).
/// </summary>
public static class InvitationDoor
{
    public static async Task<Results<Ok<ServicePointSurvey>, ProblemHttpResult>> GetSurvey(
        string token, InvitationTokens tokens, SipasDb db, SurveyDirectory directory, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (target, _, refusal) = await ResolveAsync(token, tokens, db, directory, clock, ct);
        if (refusal is not null) return refusal;
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(GetServicePointSurvey.Describe(target!));
    }

    public static async Task<Results<Created<ResponseReceipt>, Ok<ResponseReceipt>, ValidationProblem, ProblemHttpResult>> Submit(
        string token, HttpRequest request, InvitationTokens tokens, SipasDb db, SurveyDirectory directory, IntakePipeline intake,
        TimeProvider clock, CancellationToken ct)
    {
        var (target, invitation, refusal) = await ResolveAsync(token, tokens, db, directory, clock, ct, forSubmission: true);
        if (refusal is not null) return refusal;
        return await SubmitResponse.AcceptAsync(request, target!, new InvitationBinding(invitation!.Id, invitation.DossierHash), intake, ct);
    }

    /// <summary>The invitation's survey target, or the refusal: unknown (404), expired (410), used (409), wave closed (409).</summary>
    internal static async Task<(SurveyTarget?, Invitation?, ProblemHttpResult?)> ResolveAsync(string token, InvitationTokens tokens, SipasDb db,
        SurveyDirectory directory, TimeProvider clock, CancellationToken ct, bool forSubmission = false)
    {
        var id = tokens.Read(token);
        var invitation = id is null ? null : await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (invitation is null)
            return (null, null, Problems.Coded(StatusCodes.Status404NotFound, "unknown-invitation",
                "Không tìm thấy lời mời đánh giá này / This rating invitation was not found",
                "Kiểm tra lại đường dẫn trong tin nhắn. / Check the link in the message."));
        // A rating already made through it: the page is told; a retry of that very rating still reaches the pipeline.
        if (invitation.ResponseId is not null && !forSubmission)
            return (null, null, Problems.Coded(StatusCodes.Status409Conflict, "invitation-used",
                "Đường dẫn mời đánh giá này đã được dùng / This rating link has already been used",
                "Cảm ơn Ông/Bà đã đánh giá. / Thank you for your rating."));
        if (invitation.ExpiresAt < clock.GetUtcNow() && invitation.ResponseId is null)
            return (null, null, Problems.Coded(StatusCodes.Status410Gone, "invitation-expired",
                $"Lời mời đánh giá đã hết hạn ngày {VietnameseFormat.Time(invitation.ExpiresAt)} / The invitation expired on {invitation.ExpiresAt:yyyy-MM-dd}"));
        var code = await db.ServicePoints.Where(p => p.Id == invitation.ServicePointId).Select(p => p.Code).SingleAsync(ct);
        var target = await directory.FindAsync(code, ct);
        if (target?.Wave is null || target.Wave.Id != invitation.WaveId || target.Wave.QuestionnaireId != invitation.QuestionnaireId)
        {
            var wave = await db.Waves.Where(w => w.Id == invitation.WaveId).Select(w => w.Code).SingleAsync(ct);
            return (null, null, Problems.WaveClosed(wave));
        }
        return (target, invitation, null);
    }
}
