using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sipas.Api.Tests.Infrastructure;
using Sipas.Data;
using Sipas.Testing;

namespace Sipas.Api.Tests.Foundation;

/// <summary>
/// Nothing the surveys collected is removed by deleting a reference row: no foreign key cascades except into a row's
/// own parts (SipasDb.CascadingTables), and the responses, which keep no foreign keys, are guarded by
/// sipas.keep_responses() on each parent table.
/// </summary>
public class ResponsesKeptTests(TestHost database) : ApiTest(database)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnlyARowsOwnPartsCascade_AndTheResponsesHaveNoForeignKeys()
    {
        var keys = await Query("""
            SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, c.confdeltype::text
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE c.contype = 'f' AND n.nspname = 'sipas'
            """);

        Assert.True(keys.Count > 20);
        var cascading = keys.Where(k => k[2] == "c").Select(k => k[0].Replace("sipas.", "")).Distinct().Order().ToList();
        Assert.All(cascading, table => Assert.Contains(table, SipasDb.CascadingTables));
        Assert.DoesNotContain(keys, k => k[0] == "sipas.responses");
        foreach (var kept in new[] { "sipas.paper_keyings", "sipas.contact_attempts", "sipas.snapshots", "sipas.assignments", "sipas.audit_entries" })
            Assert.DoesNotContain(keys, k => k[0] == kept && k[2] == "c");
        var guarded = await Query("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'keep_responses' ORDER BY 1");
        Assert.Equal(["sipas.administrative_units", "sipas.agencies", "sipas.questionnaires", "sipas.service_areas", "sipas.service_points", "sipas.waves"],
            guarded.Select(g => g[0]));
    }

    [Theory]
    [InlineData("DELETE FROM sipas.waves WHERE id = {wave}")]
    [InlineData("DELETE FROM sipas.questionnaires WHERE id = {questionnaire}")]
    [InlineData("DELETE FROM sipas.agency_areas WHERE agency_id = {agency}; DELETE FROM sipas.service_points WHERE agency_id = {agency}; DELETE FROM sipas.agencies WHERE id = {agency}")]
    [InlineData("DELETE FROM sipas.service_points WHERE id = {point}")]
    [InlineData("UPDATE sipas.agencies SET unit_code = NULL WHERE unit_code = '{unit}'; UPDATE sipas.administrative_units SET successor_code = NULL WHERE successor_code = '{unit}'; DELETE FROM sipas.administrative_units WHERE code = '{unit}'")]
    [InlineData("DELETE FROM sipas.agency_areas WHERE areas_code = 'construction'; DELETE FROM sipas.service_points WHERE area_code = 'construction'; DELETE FROM sipas.service_areas WHERE code = 'construction'")]
    [InlineData("UPDATE sipas.waves SET id = id + 100000 WHERE id = {wave}")]
    [InlineData("UPDATE sipas.service_points SET id = id + 100000 WHERE id = {point}")]
    public async Task DeletingOrReKeyingWhatAResponseRefersTo_IsRefused_AndTheResponseStays(string sql)
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(Database);
        var response = await StoredResponse(wave, point);
        var statement = sql.Replace("{wave}", wave.Id.ToString()).Replace("{questionnaire}", response.QuestionnaireId.ToString())
            .Replace("{agency}", response.AgencyId.ToString()).Replace("{point}", point.Id.ToString()).Replace("{unit}", response.UnitCode);

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(statement));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
        await using var db = Database.NewDb();
        var kept = await db.Responses.AsNoTracking().SingleAsync(r => r.Id == response.Id, Ct);
        Assert.Equal((wave.Id, point.Id), (kept.WaveId, kept.ServicePointId));
        Assert.True(await db.Waves.AnyAsync(w => w.Id == wave.Id, Ct));
    }

    [Fact]
    public async Task AWaveWithASnapshot_OrAnAgencyWithAServicePoint_CannotBeDeletedEither()
    {
        var (wave, point) = await Fieldwork.OpenWaveWithServicePoint(Database);
        await using (var db = Database.NewDb())
        {
            db.Snapshots.Add(new Snapshot { WaveId = wave.Id, RequestedBy = "tester", RequestedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(Ct);
        }

        var wavesRefusal = await Assert.ThrowsAsync<PostgresException>(() => Execute($"DELETE FROM sipas.waves WHERE id = {wave.Id}"));
        var agencyRefusal = await Assert.ThrowsAsync<PostgresException>(() => Execute(
            $"DELETE FROM sipas.agency_areas WHERE agency_id = {point.AgencyId}; DELETE FROM sipas.agencies WHERE id = {point.AgencyId}"));

        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, wavesRefusal.SqlState);
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, agencyRefusal.SqlState);
        await using var check = Database.NewDb();
        Assert.Equal(1, await check.Snapshots.CountAsync(s => s.WaveId == wave.Id, Ct));
        Assert.True(await check.ServicePoints.AnyAsync(p => p.Id == point.Id, Ct));
    }

    private async Task<Response> StoredResponse(Wave wave, ServicePoint point)
    {
        await using var db = Database.NewDb();
        var questionnaire = await db.Questionnaires.FirstAsync(q => q.Family == "SIPAS" && q.Status == QuestionnaireStatus.Published, Ct);
        var unit = await db.AdministrativeUnits.OrderBy(u => u.Code).Select(u => u.Code).FirstAsync(Ct);
        var response = new Response
        {
            Id = Guid.NewGuid(), WaveId = wave.Id, QuestionnaireId = questionnaire.Id, Channel = Channels.Paper, AreaCode = "construction",
            AgencyId = point.AgencyId, UnitCode = unit, Stratum = "so-xay-dung/construction", ServicePointId = point.Id,
            SubmittedAt = DateTimeOffset.UtcNow, ReceivedAt = DateTimeOffset.UtcNow, Scores = [4, 5, 4], ContentHash = new byte[32],
        };
        db.Responses.Add(response);
        await db.SaveChangesAsync(Ct);
        return response;
    }

    private async Task Execute(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = await connection.BeginTransactionAsync(Ct);
        await new NpgsqlCommand(sql, connection, transaction).ExecuteNonQueryAsync(Ct);
        await transaction.CommitAsync(Ct);
    }

    private async Task<List<string[]>> Query(string sql)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync(Ct);
        var rows = new List<string[]>();
        while (await reader.ReadAsync(Ct))
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i)).ToArray());
        return rows;
    }
}
