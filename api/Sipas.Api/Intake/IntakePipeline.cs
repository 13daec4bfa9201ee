using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Sipas.Api.Citizens;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Intake;

/// <summary>What a door gets back: a receipt (created or replayed), or a refusal to answer with.</summary>
public sealed record IntakeResult(ResponseReceipt? Receipt, bool Created, ProblemHttpResult? Problem)
{
    public static IntakeResult Refused(ProblemHttpResult problem) => new(null, false, problem);
}

/// <summary>A rating made through an invitation link: the invitation it uses up and the dossier it is bound to.</summary>
public sealed record InvitationBinding(Guid InvitationId, byte[] DossierHash);

/// <summary>
/// The one intake path. Every door (citizens' links, invitations, paper keyings and decisions, interviews, imports,
/// client systems) reads its own fields, the answers through <see cref="AnswerReader"/>, builds the
/// <see cref="Response"/>, and hands it here: counted against the shared limits (public doors), flagged by
/// <see cref="QualityChecks"/>, written by the one <see cref="ResponseWriter"/>, and answered the same way
/// (201 stored, 200 the same content again, 409 other content or a closed wave, 503 with Retry-After when the
/// database does not take it, 429 with Retry-After at a limit).
/// </summary>
public sealed class IntakePipeline(ResponseWriter writer, QualityChecks checks, IntakeLimits limits, DeviceCredentials credentials,
    ContentHasher hasher, DossierHasher dossiers, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public ContentHasher Hasher => hasher;
    public DossierHasher Dossiers => dossiers;
    public QualityChecks Checks => checks;
    public ResponseWriter Writer => writer;

    /// <summary>Now, to the microsecond PostgreSQL keeps (a replayed receipt must match the stored time).</summary>
    public DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % 10));
    }

    /// <summary>A citizen's rating at a service point, or through an invitation (<paramref name="invitation"/>).</summary>
    public async Task<IntakeResult> SubmitWebAsync(HttpContext http, SurveyTarget target, OpenWave wave, CitizenSubmission submission,
        InvitationBinding? invitation, CancellationToken ct)
    {
        var now = Now();
        var credential = credentials.Read(http.Request.Headers[DeviceCredentials.Header].ToString());
        var response = new Response
        {
            Id = submission.ClientId, WaveId = wave.Id, QuestionnaireId = wave.QuestionnaireId, Channel = Channels.Web,
            AreaCode = target.AreaCode, AgencyId = target.AgencyId, UnitCode = target.UnitCode, Stratum = target.Stratum,
            ServicePointId = target.ServicePointId, SubmittedAt = now, ReceivedAt = now,
            StartedAt = credential?.IssuedAt ?? Plausible(submission.StartedAt, now),
            Scores = submission.Answers.Scores, OtherAnswers = submission.Answers.OthersDocument(),
            DossierHash = invitation?.DossierHash ?? dossiers.Hash(submission.DossierCode),
            ContentHash = hasher.Hash("web", target.ServicePointCode, wave.Questionnaire.Key, submission.Answers.ScoresText,
                submission.Answers.OthersJson, invitation is null ? submission.DossierCode : $"invitation:{invitation.InvitationId}"),
            DeviceHash = credential is null ? null : credentials.Hash(credential.DeviceId),
            InvitationId = invitation?.InvitationId,
        };
        try
        {
            var counts = await limits.CountSubmissionAsync(target.ServicePointId, response.DeviceHash, http, ct);
            if (counts.Refusal is { } limit)
                return await Replayed(response, ct) ?? IntakeResult.Refused(LimitMet(http, limit));
            response.Flags = await checks.WebAsync(response, new WebEvidence(credential, counts, target.OpeningHours, submission.Answers.Answered), ct);
            var result = invitation is null ? await writer.WriteAsync(response, ct) : await WriteBoundAsync(response, invitation, ct);
            return Answer(response, result, wave.Code);
        }
        catch (Exception e) when (e is StorageUnavailableException || DatabaseFaults.IsUnavailable(e))
        {
            return IntakeResult.Refused(Problems.StorageUnavailable(http,
                "Chưa lưu được câu trả lời, vui lòng thử lại sau ít phút / The response could not be stored yet; please retry shortly",
                "Câu trả lời vẫn được giữ trên máy của Ông/Bà. / Your answers are kept on your device."));
        }
    }

    /// <summary>The answer for a written response: receipt, or 409 for other content under the id, a closed wave, a used invitation.</summary>
    public static IntakeResult Answer(Response response, WriteResult result, string waveCode) => result.Outcome switch
    {
        WriteOutcome.Stored => new(ResponseReceipt.For(response.Id, result.ReceivedAt), true, null),
        WriteOutcome.AlreadyStored => new(ResponseReceipt.For(response.Id, result.ReceivedAt), false, null),
        WriteOutcome.WaveClosed => IntakeResult.Refused(Problems.WaveClosed(waveCode)),
        WriteOutcome.InvitationUsed => IntakeResult.Refused(Problems.Coded(StatusCodes.Status409Conflict, "invitation-used",
            "Đường dẫn mời đánh giá này đã được dùng / This rating link has already been used",
            "Mỗi hồ sơ được đánh giá một lần qua đường dẫn mời. / Each dossier is rated once through its link.")),
        _ => IntakeResult.Refused(Problems.Coded(StatusCodes.Status409Conflict, "id-conflict",
            "Mã phiếu này đã được dùng cho một phiếu khác / This response id was already used for other answers",
            "Gửi lại như một phiếu mới (mã mới). / Send it again as a new response (new id).")),
    };

    /// <summary>Writes responses of a batch (imports, client systems) after flagging each; a storage outage throws <see cref="StorageUnavailableException"/>.</summary>
    public async Task<WriteResult[]> WriteBatchAsync(IReadOnlyList<Response> responses, CancellationToken ct)
    {
        foreach (var response in responses)
            response.Flags = response.Channel == Channels.Portal
                ? await checks.PortalAsync(response, ct)
                : await checks.SurveyorAsync(response, null, ct);
        return await Task.WhenAll(responses.Select(r => writer.WriteAsync(r, ct)));
    }

    /// <summary>
    /// Writes a surveyor's form (keying, decision, interview) inside the transaction the door has open on
    /// <paramref name="db"/> (with its own rows: keyings, contact attempts, audit), after flagging it.
    /// </summary>
    public async Task<WriteResult> WriteFormAsync(Response response, DateTimeOffset? startedAt, Sipas.Data.SipasDb db, CancellationToken ct)
    {
        response.Flags = await checks.SurveyorAsync(response, startedAt, ct);
        return await writer.WriteInAsync(response, (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction)(db.Database.CurrentTransaction ?? throw new InvalidOperationException("The door must open a transaction first."))
                .GetDbTransaction());
    }

    /// <summary>A rating through an invitation: the invitation is used up in the same transaction as the rating is stored.</summary>
    private async Task<WriteResult> WriteBoundAsync(Response response, InvitationBinding invitation, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var claim = new NpgsqlCommand("""
            UPDATE sipas.invitations SET response_id = $2, used_at = $3
            WHERE id = $1 AND (response_id IS NULL OR response_id = $2)
            RETURNING response_id
            """, connection, transaction);
        claim.Parameters.AddWithValue(invitation.InvitationId);
        claim.Parameters.AddWithValue(response.Id);
        claim.Parameters.AddWithValue(response.ReceivedAt);
        if (await claim.ExecuteScalarAsync(ct) is null) return new WriteResult(WriteOutcome.InvitationUsed, response.ReceivedAt);
        var result = await writer.WriteInAsync(response, connection, transaction);
        if (result.Outcome == WriteOutcome.Stored || result.Outcome == WriteOutcome.AlreadyStored) await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>At a limit, a retry of a response already stored still gets its receipt.</summary>
    private async Task<IntakeResult?> Replayed(Response response, CancellationToken ct) =>
        await writer.FindAsync(response.Id, ct) is { } stored && stored.Hash.AsSpan().SequenceEqual(response.ContentHash)
            ? new IntakeResult(ResponseReceipt.For(response.Id, stored.ReceivedAt), false, null)
            : null;

    private ProblemHttpResult LimitMet(HttpContext http, IntakeLimit limit) => limit switch
    {
        IntakeLimit.DeviceCap => Problems.TooMany(http, "device-cap", limits.RetryAfterSeconds(limit),
            "Thiết bị này đã gửi đủ số phiếu cho phép tại điểm phục vụ này hôm nay / This device has sent as many ratings as allowed at this service point today",
            "Cảm ơn Ông/Bà đã đánh giá. / Thank you for your ratings."),
        _ => Problems.TooMany(http, "too-many", limits.RetryAfterSeconds(limit),
            "Quá nhiều yêu cầu, vui lòng thử lại sau / Too many requests, please retry later",
            "Câu trả lời vẫn được giữ trên máy của Ông/Bà. / Your answers are kept on your device."),
    };

    /// <summary>A start time from the future, or more than a day ago, tells nothing: it is dropped.</summary>
    private static DateTimeOffset? Plausible(DateTimeOffset? startedAt, DateTimeOffset now) =>
        startedAt is { } t && t <= now && now - t < TimeSpan.FromDays(1) ? t : null;

}
