using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.Setup;
using Sipas.Api.Surveyors;
using Sipas.Data;

namespace Sipas.Api.Plans;

public record AssignSurveyorRequest(
    [property: Required(ErrorMessage = Messages.Required), StringLength(256, ErrorMessage = Messages.MaxLength)] string UserName,
    [property: Required(ErrorMessage = Messages.Required), StringLength(120, ErrorMessage = Messages.MaxLength)] string Stratum,
    [property: StringLength(10, ErrorMessage = Messages.MaxLength)] string? Unit,
    [property: Range(1, 100_000, ErrorMessage = Messages.Range)] int? Quota = null);

public record AssignmentInfo(int Id, string Wave, string UserName, string Stratum, string? Unit, int? Quota, DateTimeOffset AssignedAt);

public static class AssignSurveyor
{
    /// <summary>Assigns a surveyor to a stratum of the wave (optionally one commune of it).</summary>
    public static async Task<Results<Created<AssignmentInfo>, ValidationProblem, NotFound>> Handle(
        string wave, AssignSurveyorRequest request, ClaimsPrincipal user, SipasDb db, UserManager<SipasUser> users,
        TimeProvider clock, CancellationToken ct)
    {
        var waveId = await db.Waves.Where(w => w.Code == wave).Select(w => (int?)w.Id).SingleOrDefaultAsync(ct);
        if (waveId is null) return TypedResults.NotFound();
        var errors = new Dictionary<string, string[]>();
        var surveyor = await users.FindByNameAsync(request.UserName.Trim());
        if (surveyor is null || !await users.IsInRoleAsync(surveyor, Roles.Surveyor))
            errors["userName"] = ["Không có điều tra viên với tên đăng nhập này / No surveyor with this user name"];
        if (!Input.IsStratum(request.Stratum.Trim())) errors["stratum"] = [Input.BadStratum];
        if (request.Unit is { } unit && !await db.AdministrativeUnits.AnyAsync(u => u.Code == unit, ct))
            errors["unit"] = ["Không có xã, phường với mã này / No commune with this code"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);

        var assignment = new Assignment
        {
            WaveId = waveId.Value, UserId = surveyor!.Id, Stratum = request.Stratum.Trim(), UnitCode = request.Unit,
            Quota = request.Quota, AssignedAt = clock.GetUtcNow(), AssignedBy = Audit.UserId(user),
        };
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/supervisor/waves/{wave}/assignments/{assignment.Id}",
            new AssignmentInfo(assignment.Id, wave, surveyor.UserName!, assignment.Stratum, assignment.UnitCode, assignment.Quota, assignment.AssignedAt));
    }
}
