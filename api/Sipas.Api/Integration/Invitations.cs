using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Citizens;
using Sipas.Api.Clients;
using Sipas.Api.Intake;
using Sipas.Api.Setup;
using Sipas.Data;

namespace Sipas.Api.Integration;

/// <param name="DossierCode">The dossier (mã hồ sơ) the rating is about; stored only as a keyed hash.</param>
/// <param name="ServicePoint">The counter that handled it (its code); when left out, the agency's first active service point of the area.</param>
public record InvitationRequest(string DossierCode, string Agency, string Area, string? ServicePoint);

/// <param name="Link">The short link to send by SMS or Zalo: <c>https://HOST/r/{token}</c>.</param>
public record InvitationIssued(Guid Id, string Token, string Link, DateTimeOffset ExpiresAt, bool Used);

/// <summary>
/// <c>POST /api/integration/invitations</c>: a client system asks for an invitation to rate one dossier. The rating
/// made through its link is bound to the dossier (one per dossier and wave) and counted as verified. Asking again for
/// the same dossier gives the same invitation.
/// </summary>
public static class Invitations
{
    public static async Task<Results<Created<InvitationIssued>, Ok<InvitationIssued>, ValidationProblem, ProblemHttpResult>> Handle(
        InvitationRequest body, HttpRequest request, SipasDb db, SurveyDirectory directory, DossierHasher dossiers, InvitationTokens tokens,
        IConfiguration configuration, TimeProvider clock, CancellationToken ct)
    {
        if (await ManageClients.AuthenticateAsync(request, db, ct) is not { } client) return ManageClients.InvalidKey();
        var errors = new Dictionary<string, string[]>();
        var dossier = body.DossierCode?.Trim().Normalize(NormalizationForm.FormC);
        if (dossier is null || !CitizenBody.DossierPattern().IsMatch(dossier))
            errors["dossierCode"] = ["Cần mã hồ sơ: chữ, số và . _ / - (tối đa 64 ký tự) / A dossier code is required: letters, digits and . _ / - (at most 64 characters)"];
        var agency = await db.Agencies.AsNoTracking().Include(a => a.Areas).SingleOrDefaultAsync(a => a.Code == body.Agency, ct);
        if (agency is null || !client.AgencyIds.Contains(agency.Id))
            errors["agency"] = [$"Cơ quan {body.Agency} không thuộc phạm vi của hệ thống kết nối này / Agency {body.Agency} is not in this client's scope"];
        else if (agency.Areas.All(a => a.Code != body.Area))
            errors["area"] = ["Lĩnh vực phải là một lĩnh vực của cơ quan / The area must be one the agency serves"];
        var point = errors.Count > 0 ? null : await db.ServicePoints.AsNoTracking()
            .Where(p => p.AgencyId == agency!.Id && p.AreaCode == body.Area && p.RetiredAt == null)
            .Where(p => body.ServicePoint == null || p.Code == SurveyDirectory.Canonical(body.ServicePoint))
            .OrderBy(p => p.Code).Select(p => p.Code).FirstOrDefaultAsync(ct);
        if (errors.Count == 0 && point is null)
            errors["servicePoint"] = ["Không có điểm phục vụ đang hoạt động của cơ quan cho lĩnh vực này / No active service point of the agency for this area"];
        var target = point is null ? null : await directory.FindAsync(point, ct);
        if (errors.Count == 0 && target?.Wave is null)
            errors["area"] = ["Không có đợt khảo sát nào đang mở cho điểm phục vụ này / No survey wave is open for this service point"];
        if (errors.Count > 0) return Problems.Invalid(errors, "Yêu cầu lời mời không hợp lệ / The invitation request is not valid");

        var hash = dossiers.Hash(dossier)!;
        var wave = target!.Wave!;
        var existing = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.WaveId == wave.Id && i.DossierHash == hash, ct);
        if (existing is not null) return TypedResults.Ok(Issued(existing, tokens, request, configuration));
        var now = clock.GetUtcNow();
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(), ClientId = client.Id, WaveId = wave.Id, QuestionnaireId = wave.QuestionnaireId, AgencyId = agency!.Id,
            AreaCode = body.Area, UnitCode = target.UnitCode, ServicePointId = target.ServicePointId, DossierHash = hash, CreatedAt = now,
            ExpiresAt = now.AddDays(configuration.GetValue("Sipas:Invitations:LifetimeDays", 30)),
        };
        db.Invitations.Add(invitation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same dossier asked twice at once: the other request's invitation is the one.
            var raced = await db.Invitations.AsNoTracking().SingleAsync(i => i.WaveId == wave.Id && i.DossierHash == hash, ct);
            return TypedResults.Ok(Issued(raced, tokens, request, configuration));
        }
        var issued = Issued(invitation, tokens, request, configuration);
        return TypedResults.Created(issued.Link, issued);
    }

    private static InvitationIssued Issued(Invitation invitation, InvitationTokens tokens, HttpRequest request, IConfiguration configuration)
    {
        var token = tokens.Issue(invitation.Id);
        var origin = configuration["Sipas:PublicBaseUrl"]?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        return new InvitationIssued(invitation.Id, token, $"{origin}/r/{token}", invitation.ExpiresAt, invitation.ResponseId is not null);
    }
}
