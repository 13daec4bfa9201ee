using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sipas.Data;

/// <summary>The one way every process and test brings a database to the current schema.</summary>
public static class SipasMigrations
{
    /// <summary>
    /// Creates the migrations history table when it is missing (with the provider's own script), then applies the
    /// pending migrations. Npgsql's history repository does not look for the table first; it reads it and lets the
    /// read fail, so on an empty database EF logs that read as a failed command ("fail: ... __ef_migrations_history")
    /// although nothing failed (npgsql/efcore.pg#3407). Creating it first keeps a first start's log free of errors.
    /// </summary>
    public static async Task MigrateSipasAsync(this DatabaseFacade database, CancellationToken ct = default)
    {
        var script = database.GetService<IHistoryRepository>().GetCreateIfNotExistsScript();
        await database.ExecuteSqlRawAsync(script, ct);
        await database.MigrateAsync(ct);
    }
}
