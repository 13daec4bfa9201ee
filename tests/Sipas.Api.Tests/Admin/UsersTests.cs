using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sipas.Api.AuditLog;
using Sipas.Api.Auth;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Api.Users;
using Sipas.Data;

namespace Sipas.Api.Tests.Admin;

public class UsersTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpClient Client, HttpResponseMessage SignIn)> SignIn(string userName, string password)
    {
        var client = App.NewClient();
        await client.AddCsrfHeader();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(userName, password), Ct);
        await client.AddCsrfHeader();
        return (client, response);
    }

    [Fact]
    public async Task Create_GivesAOneTimePassword_ThatMustBeChangedBeforeAnythingElse()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-users");

        var created = await admin.PostAsJsonAsync("/api/admin/users", new CreateUserRequest("dtv.nguyen", "Nguyễn Văn An", ["surveyor"]), Ct);
        var secret = await created.Content.ReadFromJsonAsync<OneTimePassword>(Ct);
        var (client, signIn) = await SignIn("dtv.nguyen", secret!.Password);
        var profile = await signIn.Content.ReadFromJsonAsync<StaffProfile>(Ct);
        var blocked = await client.GetAsync("/api/surveyors/assignments", Ct);
        var me = await client.GetAsync("/api/auth/me", Ct);
        var wrong = await client.PostAsJsonAsync("/api/auth/change-password", new ChangePasswordRequest("sai-mat-khau-123", "mat-khau-moi-cua-an"), Ct);
        var changed = await client.PostAsJsonAsync("/api/auth/change-password", new ChangePasswordRequest(secret.Password, "mat-khau-moi-cua-an"), Ct);
        var allowed = await client.GetAsync("/api/surveyors/assignments", Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(16, secret.Password.Length);
        Assert.Equal(["surveyor"], secret.User.Roles);
        Assert.True(secret.User.MustChangePassword);
        Assert.True(profile!.MustChangePassword);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("password-change-required", JsonDocument.Parse(await blocked.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.False((await changed.Content.ReadFromJsonAsync<StaffProfile>(Ct))!.MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        await using var db = Database.NewDb();
        var stored = await db.Users.SingleAsync(u => u.UserName == "dtv.nguyen", Ct);
        Assert.DoesNotContain(secret.Password, stored.PasswordHash);
    }

    [Fact]
    public async Task Disable_StopsSignIn_Enable_RestoresIt_AndAnAdminCannotDisableThemself()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-disable");
        await App.CreateUser("analyst-off", "test-password-123", Roles.Analyst);

        var disabled = await admin.PostAsync("/api/admin/users/analyst-off/disable", null, Ct);
        var (_, refused) = await SignIn("analyst-off", "test-password-123");
        var self = await admin.PostAsync("/api/admin/users/admin-disable/disable", null, Ct);
        var enabled = await admin.PostAsync("/api/admin/users/analyst-off/enable", null, Ct);
        var (_, again) = await SignIn("analyst-off", "test-password-123");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.NotNull((await disabled.Content.ReadFromJsonAsync<UserRow>(Ct))!.DisabledAt);
        // The same answer as a wrong password: a disabled account never confirms its password (SignInThrottleTests).
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task ResetPassword_OldPasswordStopsWorking_NewOneMustBeChanged()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await App.CreateUser("sup-reset", "test-password-123", Roles.Supervisor);

        var reset = await admin.PostAsync("/api/admin/users/sup-reset/reset-password", null, Ct);
        var secret = await reset.Content.ReadFromJsonAsync<OneTimePassword>(Ct);
        var (_, old) = await SignIn("sup-reset", "test-password-123");
        var (client, fresh) = await SignIn("sup-reset", secret!.Password);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/supervisor/keyers", Ct)).StatusCode);
    }

    [Fact]
    public async Task Create_BadNameOrRoles_Is400_TakenName_Is409_RolesCanChange()
    {
        var admin = await App.SignedInClient(Roles.Admin);
        await App.CreateUser("taken-name", "test-password-123", Roles.Analyst);

        var bad = await admin.PostAsJsonAsync("/api/admin/users", new CreateUserRequest("a b", "X", ["boss"]), Ct);
        var taken = await admin.PostAsJsonAsync("/api/admin/users", new CreateUserRequest("taken-name", "X", ["analyst"]), Ct);
        var roles = await admin.PutAsJsonAsync("/api/admin/users/taken-name", new UpdateUserRequest("Chuyên viên", ["analyst", "supervisor"]), Ct);
        var list = await admin.GetFromJsonAsync<List<UserRow>>("/api/admin/users", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = JsonDocument.Parse(await bad.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _) && errors.TryGetProperty("roles", out _));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.Equal(["analyst", "supervisor"], list!.Single(u => u.UserName == "taken-name").Roles);
        await using var db = Database.NewDb();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == "a b", Ct));
    }

    [Fact]
    public async Task AuditLog_ShowsWhoDidWhat_NewestFirst_Filtered()
    {
        var admin = await App.SignedInClient(Roles.Admin, "admin-audit");
        await admin.PostAsJsonAsync("/api/admin/users", new CreateUserRequest("audit-one", "Một", ["analyst"]), Ct);
        await admin.PostAsync("/api/admin/users/audit-one/disable", null, Ct);

        var page = await admin.GetFromJsonAsync<AuditPage>("/api/admin/audit?entity=user", Ct);
        var byUser = await admin.GetFromJsonAsync<AuditPage>("/api/admin/audit?user=admin-audit&action=disable", Ct);

        Assert.Equal(["disable", "create"], page!.Entries.Select(e => e.Action));
        Assert.All(page.Entries, e => Assert.Equal(("admin-audit", "audit-one"), (e.UserName, e.EntityId)));
        Assert.Equal("analyst", page.Entries[1].After!.Value.GetProperty("Roles")[0].GetString());
        Assert.Single(byUser!.Entries);
    }
}
