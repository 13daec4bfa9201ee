using System.Net.Http.Json;
using System.Text.Json;
using Sipas.Api.Clients;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;

namespace Sipas.Api.Tests.Citizens;

/// <summary>Invitation links as a client system makes them: a client's key from an admin, then an invitation per dossier.</summary>
internal static class Invitations
{
    public static async Task<string> ClientKeyAsync(SipasApp app, CancellationToken ct)
    {
        var admin = await app.SignedInClient(Roles.Admin);
        var response = await admin.PostAsJsonAsync("/api/admin/clients",
            new ClientRequest("mot-cua-inv", "Hệ thống một cửa tỉnh Nghệ An", ["so-xay-dung"], null), ct);
        return (await response.Content.ReadFromJsonAsync<ClientCredentials>(ct))!.ApiKey;
    }

    public static async Task<HttpResponseMessage> InviteAsync(SipasApp app, string key, string dossier, CancellationToken ct)
    {
        var client = app.NewClient();
        client.DefaultRequestHeaders.Add(ManageClients.KeyHeader, key);
        return await client.PostAsJsonAsync("/api/integration/invitations",
            new { dossierCode = dossier, agency = "so-xay-dung", area = "construction" }, ct);
    }

    /// <summary>A new invitation's token, through a new client system.</summary>
    public static async Task<string> TokenAsync(SipasApp app, string dossier, CancellationToken ct)
    {
        var issued = await InviteAsync(app, await ClientKeyAsync(app, ct), dossier, ct);
        return (await issued.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("token").GetString()!;
    }
}
