using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Citizens;

public static class SubmitResponse
{
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>
    /// Stores a citizen's response (channel <c>web</c>). The body is read by hand so every fault names its field;
    /// 201 only after the transaction has committed; the same id with the same content gets its original receipt
    /// (200), with other content a 409.
    /// </summary>
    public static async Task<Results<Created<ResponseReceipt>, Ok<ResponseReceipt>, ValidationProblem, ProblemHttpResult>> Handle(
        string code, HttpRequest request, SurveyDirectory directory, ResponseWriter writer, DossierHasher dossiers,
        TimeProvider clock, IConfiguration configuration, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return TooLarge(request);
        var target = await directory.FindAsync(code, ct);
        if (GetServicePointSurvey.Unavailable(target, code) is { } unavailable) return unavailable;
        var wave = target!.Wave!;

        var body = await Setup.Input.ReadLimitedAsync(request, MaxBodyBytes, ct);
        if (body is null) return TooLarge(request);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Value, Input.DocumentOptions(maxDepth: 8));
        }
        catch (InvalidOperationException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [Input.InvalidText] },
                title: "Phiếu trả lời không hợp lệ / The response is not valid");
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["body"] = [$"JSON không hợp lệ (dòng {(e.LineNumber ?? 0) + 1}) / Malformed JSON (line {(e.LineNumber ?? 0) + 1})"],
            }, title: "Phiếu trả lời không hợp lệ / The response is not valid");
        }

        using (document)
        {
            if (Input.Check(document.RootElement) is { } broken)
                return TypedResults.ValidationProblem(broken, title: "Phiếu trả lời không hợp lệ / The response is not valid");
            var (submission, errors) = SubmissionReader.Read(document.RootElement, wave.Questionnaire);
            if (submission is null)
                return TypedResults.ValidationProblem(errors,
                    title: "Phiếu trả lời không hợp lệ / The response is not valid",
                    detail: "Không có gì được lưu; sửa các mục được nêu rồi gửi lại. / Nothing was stored; fix the fields named and send again.");

            var now = clock.GetUtcNow();
            now = now.AddTicks(-(now.Ticks % 10)); // PostgreSQL keeps microseconds: a replayed receipt must match
            var response = new Response
            {
                Id = submission.ClientId,
                WaveId = wave.Id,
                QuestionnaireId = wave.QuestionnaireId,
                Channel = Channels.Web,
                AreaCode = target.AreaCode,
                AgencyId = target.AgencyId,
                UnitCode = target.UnitCode,
                Stratum = target.Stratum,
                ServicePointId = target.ServicePointId,
                SubmittedAt = now,
                ReceivedAt = now,
                StartedAt = Plausible(submission.StartedAt, now),
                Scores = submission.Scores,
                OtherAnswers = submission.Others.Count == 0 ? null : JsonDocument.Parse(submission.OthersJson),
                DossierHash = dossiers.Hash(submission.DossierCode),
                ContentHash = submission.ContentHash(target.ServicePointCode, wave.Questionnaire.Key),
                Flags = TooFast(submission, now, configuration) ? [ResponseFlags.TooFast] : [],
            };

            WriteResult result;
            try
            {
                result = await writer.WriteAsync(response, ct);
            }
            catch (StorageUnavailableException)
            {
                request.HttpContext.Response.Headers.RetryAfter = "5";
                return GetServicePointSurvey.Problem(StatusCodes.Status503ServiceUnavailable, "storage-unavailable",
                    "Chưa lưu được câu trả lời, vui lòng thử lại sau ít phút / The response could not be stored yet; please retry shortly",
                    "Câu trả lời vẫn được giữ trên máy của Ông/Bà. / Your answers are kept on your device.");
            }

            var receipt = ResponseReceipt.For(response.Id, result.ReceivedAt);
            return result.Outcome switch
            {
                WriteOutcome.Stored => TypedResults.Created($"/api/public/responses/{response.Id}", receipt),
                WriteOutcome.AlreadyStored => TypedResults.Ok(receipt),
                WriteOutcome.WaveClosed => WaveClosed(wave.Code),
                _ => GetServicePointSurvey.Problem(StatusCodes.Status409Conflict, "id-conflict",
                    "Mã phiếu này đã được dùng cho một phiếu khác / This response id was already used for other answers",
                    "Gửi lại như một phiếu mới (mã mới). / Send it again as a new response (new id)."),
            };
        }
    }

    /// <summary>
    /// 413 for a body over <see cref="MaxBodyBytes"/>, and the connection is closed after it: the rest of such a body
    /// is never read, so the connection could not carry the client's next request (which would fail unanswered).
    /// </summary>
    private static ProblemHttpResult TooLarge(HttpRequest request)
    {
        Setup.Input.CloseAfterResponse(request.HttpContext);
        return GetServicePointSurvey.Problem(StatusCodes.Status413PayloadTooLarge, "too-large",
            $"Nội dung quá lớn (tối đa {MaxBodyBytes / 1024} KB) / The body is too large (at most {MaxBodyBytes / 1024} KB)", null);
    }

    public static ProblemHttpResult WaveClosed(string wave) => GetServicePointSurvey.Problem(StatusCodes.Status409Conflict, "wave-closed",
        $"Đợt khảo sát {wave} đã kết thúc, không nhận thêm phiếu / Wave {wave} is closed and takes no more responses", null);


    /// <summary>A start time from the future, or more than a day ago, tells nothing: it is dropped.</summary>
    private static DateTimeOffset? Plausible(DateTimeOffset? startedAt, DateTimeOffset now) =>
        startedAt is { } t && t <= now && now - t < TimeSpan.FromDays(1) ? t : null;

    /// <summary>
    /// Implausibly fast: less than <c>Sipas:Citizen:MinSecondsPerAnswer</c> (default 1 s) per answer given.
    /// Such responses are kept and flagged, and left out of official figures.
    /// </summary>
    private static bool TooFast(Submission submission, DateTimeOffset now, IConfiguration configuration)
    {
        if (Plausible(submission.StartedAt, now) is not { } started) return false;
        var perAnswer = configuration.GetValue("Sipas:Citizen:MinSecondsPerAnswer", 1.0);
        return (now - started).TotalSeconds < perAnswer * submission.Answered;
    }
}
