using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sipas.Api.Intake;
using Sipas.Api.Setup;

namespace Sipas.Api.Citizens;

/// <summary>The citizens' doors: a service point's link (<c>/s/{code}</c>) and an invitation link (<c>/r/{token}</c>).</summary>
public static class SubmitResponse
{
    public const int MaxBodyBytes = 64 * 1024;
    public const string InvalidTitle = "Phiếu trả lời không hợp lệ / The response is not valid";

    /// <summary>
    /// Stores a citizen's rating at a service point (channel <c>web</c>) through the intake pipeline: 201 only after
    /// the transaction has committed; the same id with the same content gets its original receipt (200), with other
    /// content a 409. The device credential (header <c>X-Sipas-Device</c>) is optional; without a valid one the
    /// rating is kept and flagged.
    /// </summary>
    public static async Task<Results<Created<ResponseReceipt>, Ok<ResponseReceipt>, ValidationProblem, ProblemHttpResult>> Handle(
        string code, HttpRequest request, SurveyDirectory directory, IntakePipeline intake, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return TooLarge(request);
        var target = await directory.FindAsync(code, ct);
        if (GetServicePointSurvey.Unavailable(target, code) is { } unavailable) return unavailable;
        return await AcceptAsync(request, target!, null, intake, ct);
    }

    /// <summary>Reads the body against the wave's questionnaire and hands the rating to the pipeline.</summary>
    public static async Task<Results<Created<ResponseReceipt>, Ok<ResponseReceipt>, ValidationProblem, ProblemHttpResult>> AcceptAsync(
        HttpRequest request, SurveyTarget target, InvitationBinding? invitation, IntakePipeline intake, CancellationToken ct)
    {
        var body = await Input.ReadLimitedAsync(request, MaxBodyBytes, ct);
        if (body is null) return TooLarge(request);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.Value, Input.DocumentOptions(maxDepth: 8));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["body"] = [e is JsonException j
                ? $"JSON không hợp lệ (dòng {(j.LineNumber ?? 0) + 1}) / Malformed JSON (line {(j.LineNumber ?? 0) + 1})" : Input.InvalidText] },
                InvalidTitle);
        }
        using (document)
        {
            if (Input.Check(document.RootElement) is { } broken) return Problems.Invalid(broken, InvalidTitle);
            var (submission, errors) = CitizenBody.Read(document.RootElement, target.Wave!.Questionnaire);
            if (submission is null) return Problems.Invalid(errors, InvalidTitle, Messages.NothingStoredFix);
            if (invitation is not null && submission.DossierCode is not null)
                return Problems.Invalid(new Dictionary<string, string[]>
                {
                    ["dossierCode"] = ["Đường dẫn mời đã gắn với hồ sơ; không gửi mã hồ sơ / The invitation link is bound to its dossier; send no dossier code"],
                }, InvalidTitle);
            var result = await intake.SubmitWebAsync(request.HttpContext, target, target.Wave, submission, invitation, ct);
            if (result.Problem is { } problem) return problem;
            return result.Created
                ? TypedResults.Created($"/api/public/responses/{result.Receipt!.Id}", result.Receipt)
                : TypedResults.Ok(result.Receipt!);
        }
    }

    /// <summary>
    /// 413 for a body over <see cref="MaxBodyBytes"/>, and the connection is closed after it: the rest of such a body
    /// is never read, so the connection could not carry the client's next request (which would fail unanswered).
    /// </summary>
    private static ProblemHttpResult TooLarge(HttpRequest request)
    {
        Input.CloseAfterResponse(request.HttpContext);
        return Problems.Coded(StatusCodes.Status413PayloadTooLarge, "too-large",
            $"Nội dung quá lớn (tối đa {MaxBodyBytes / 1024} KB) / The body is too large (at most {MaxBodyBytes / 1024} KB)");
    }
}
