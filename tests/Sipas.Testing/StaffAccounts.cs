using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Data;

namespace Sipas.Testing;

/// <summary>Staff accounts that tests create through the app's own Identity services (roles are reference data).</summary>
public static class StaffAccounts
{
    public static async Task CreateAsync(IServiceProvider services, string userName, string password, params string[] roles)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SipasUser>>();
        var user = new SipasUser { UserName = userName, DisplayName = userName, CreatedAt = DateTimeOffset.UtcNow };
        Check(await users.CreateAsync(user, password));
        foreach (var role in roles) Check(await users.AddToRoleAsync(user, role));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
