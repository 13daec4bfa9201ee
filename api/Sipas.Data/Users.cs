using Microsoft.AspNetCore.Identity;

namespace Sipas.Data;

/// <summary>A staff account (admin, analyst, supervisor, surveyor). Citizens never have one.</summary>
public class SipasUser : IdentityUser<Guid>
{
    public required string DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
    /// <summary>Set when an admin created the account or reset its password: the next sign-in must choose a new one.</summary>
    public bool MustChangePassword { get; set; }
}

public static class Roles
{
    public const string Admin = "admin", Analyst = "analyst", Supervisor = "supervisor", Surveyor = "surveyor";
    public static readonly IReadOnlyList<string> All = [Admin, Analyst, Supervisor, Surveyor];
}
