using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Testing;

namespace Sipas.Api.Tests.Security;

/// <summary>Citizens stay anonymous: a dossier code is kept only as a keyed hash, and nothing that names a person or device is stored.</summary>
public class PrivacyTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ASubmission_StoresTheDossierCodeOnlyAsItsKeyedHash_AndNoDeviceOrPersonAnywhere()
    {
        await Fieldwork.OpenWaveWithServicePoint(Database, "XD-PRV");
        var client = App.NewClient();
        client.DefaultRequestHeaders.Add("X-Sipas-Device", "device-token-5b1e9c");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.99");
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        var a = await client.PostAsJsonAsync("/api/public/service-points/XD-PRV/responses",
            new { clientId = first, answers = Fieldwork.SipasAnswers(), dossierCode = "000.00.12.H40-250514-0042" }, Ct);
        var b = await client.PostAsJsonAsync("/api/public/service-points/XD-PRV/responses",
            new { clientId = second, answers = Fieldwork.SipasAnswers(3), dossierCode = "000.00.12.h40-250514-0042" }, Ct);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (a.StatusCode, b.StatusCode));
        await using var db = Database.NewDb();
        var stored = await db.Responses.AsNoTracking().ToDictionaryAsync(r => r.Id, Ct);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes("test-only-dossier-hash-key"), Encoding.UTF8.GetBytes("000.00.12.H40-250514-0042"));
        Assert.Equal(expected, stored[first].DossierHash);
        Assert.Equal(expected, stored[second].DossierHash); // the same dossier, however it is typed: found as a repeat
        Assert.All(stored.Values, r => Assert.Null(r.EnteredBy));
        foreach (var secret in new[] { "H40-250514", "h40-250514", "device-token-5b1e9c", "203.0.113.99" })
            Assert.Equal([], await TablesHolding(secret));
    }

    /// <summary>Every table of the sipas and hangfire schemas whose rows, as JSON text, contain <paramref name="text"/>.</summary>
    private async Task<List<string>> TablesHolding(string text)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_schema || '.' || table_name FROM information_schema.tables " +
                                                  "WHERE table_schema IN ('sipas', 'hangfire') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) tables.Add(reader.GetString(0));
        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table} t WHERE row_to_json(t)::text ILIKE '%' || $1 || '%'", connection);
            count.Parameters.AddWithValue(text);
            if ((long)(await count.ExecuteScalarAsync(Ct))! > 0) holding.Add(table);
        }
        return holding;
    }
}
