using Npgsql;
using Respawn;
using Sipas.Data;
using Sipas.Data.Local;
using Sipas.Data.Seed;
using Sipas.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Sipas.Testing;

/// <summary>
/// One real PostgreSQL for the test run: the server in SIPAS_DATABASE_URL / ConnectionStrings__Sipas when given
/// (a fresh database is created on it), otherwise a throwaway cluster this fixture starts in a temp folder.
/// Migrated and seeded once; <see cref="ResetAsync"/> empties what tests write, keeping reference data.
/// </summary>
public class TestDatabase : Xunit.IAsyncLifetime
{
    private static readonly string[] ReferenceTables =
        ["__ef_migrations_history", "administrative_units", "service_areas", "agencies", "agency_areas", "questionnaires",
         "targets", "roles", "data_protection_keys"];

    private LocalPostgres? cluster;
    private Respawner? respawner;
    private string? serverConnectionString;

    public string DatabaseName { get; } = $"sipas_test_{Guid.NewGuid():N}"[..24];
    public string ConnectionString { get; private set; } = "";


    public virtual async ValueTask InitializeAsync()
    {
        var given = DatabaseUrl.FromEnvironment();
        if (given is null)
        {
            cluster = await LocalPostgres.OpenAsync(
                Path.Combine(Path.GetTempPath(), $"sipas-test-pg-{Guid.NewGuid():N}"),
                ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=200"]);
            await cluster.StartAsync();
            serverConnectionString = cluster.ConnectionString("postgres");
        }
        else
        {
            serverConnectionString = new NpgsqlConnectionStringBuilder(given) { Database = "postgres" }.ConnectionString;
        }
        await using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {DatabaseName}", admin).ExecuteNonQueryAsync();
        }
        ConnectionString = new NpgsqlConnectionStringBuilder(serverConnectionString)
        {
            Database = DatabaseName, IncludeErrorDetail = true,
        }.ConnectionString;
        // The app under test reads its database from the environment, before its host is built.
        Environment.SetEnvironmentVariable(DatabaseUrl.Variable, ConnectionString);

        await using var db = NewDb();
        await db.Database.MigrateSipasAsync();
        await JobsSetup.InstallSchemaAsync(ConnectionString);   // as the migration step does (Sipas.Api migrate)
        await ReferenceData.SeedAsync(db, TimeProvider.System);

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = [SipasDb.Schema],
            TablesToIgnore = [.. ReferenceTables.Select(t => new Respawn.Graph.Table(SipasDb.Schema, t))],
        });
    }

    public SipasDb NewDb() =>
        new(SipasDbSetup.Configure(new DbContextOptionsBuilder<SipasDb>(), ConnectionString).Options);

    /// <summary>Deletes everything tests write (responses, waves, service points, users…), keeping reference data.</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        // Respawn orders its deletes by foreign keys; the responses have none (sipas.keep_responses() guards their parents
        // instead), so triggers are off for the reset, as for a restore: everything a test wrote goes, whatever the order.
        await new NpgsqlCommand("SET session_replication_role = replica", connection).ExecuteNonQueryAsync();
        await respawner!.ResetAsync(connection);
    }

    /// <summary>A new empty database on the same server, for tests of migrations themselves.</summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var name = $"sipas_empty_{Guid.NewGuid():N}"[..24];
        await using var admin = new NpgsqlConnection(serverConnectionString);
        await admin.OpenAsync();
        await new NpgsqlCommand($"CREATE DATABASE {name}", admin).ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = name }.ConnectionString;
    }

    public virtual async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (cluster is not null)
        {
            await cluster.DestroyAsync();
            return;
        }
        await using var admin = new NpgsqlConnection(serverConnectionString);
        await admin.OpenAsync();
        await new NpgsqlCommand($"DROP DATABASE IF EXISTS {DatabaseName} WITH (FORCE)", admin).ExecuteNonQueryAsync();
    }
}
