using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Sipas.Data;

namespace Sipas.Api.Setup;

/// <summary>
/// Demo staff accounts (one per role) for <c>./sipas run</c>. Their passwords are generated on first run and kept
/// in <c>Sipas:DemoAccountsFile</c> (under .data/, never in the repository), so no shared password exists.
/// </summary>
public static class DemoAccounts
{
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> Accounts =
    [
        ("admin", "Quản trị viên (demo)", Roles.Admin),
        ("analyst", "Chuyên viên phân tích Sở Nội vụ (demo)", Roles.Analyst),
        ("supervisor", "Giám sát viên Bưu điện tỉnh (demo)", Roles.Supervisor),
        ("surveyor", "Điều tra viên Bưu điện tỉnh (demo)", Roles.Surveyor),
    ];

    public static async Task SeedAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<SipasUser>>();
        var clock = services.GetRequiredService<TimeProvider>();
        var file = services.GetRequiredService<IConfiguration>()["Sipas:DemoAccountsFile"];

        var lines = new List<string>();
        foreach (var (userName, displayName, role) in Accounts)
        {
            if (await users.FindByNameAsync(userName) is not null) continue;
            var password = NewPassword();
            var user = new SipasUser { UserName = userName, DisplayName = displayName, CreatedAt = clock.GetUtcNow() };
            Check(await users.CreateAsync(user, password));
            Check(await users.AddToRoleAsync(user, role));
            lines.Add($"{userName}\t{password}\t{role}");
        }
        if (file is not null && lines.Count > 0)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            await File.AppendAllLinesAsync(file, lines);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 14);

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
