using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Sipas.Data;

public static class SipasDbSetup
{
    public static DbContextOptionsBuilder<SipasDb> Configure(DbContextOptionsBuilder<SipasDb> builder, string connectionString) =>
        builder.UseNpgsql(connectionString, Npgsql).UseSnakeCaseNamingConvention();

    /// <summary>Registers one <see cref="NpgsqlDataSource"/> (also used for COPY and batched writes) and <see cref="SipasDb"/> over it.</summary>
    public static IServiceCollection AddSipasDb(this IServiceCollection services, string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString).EnableDynamicJson().Build();
        // Registered through a factory so that the container disposes it (and closes its pooled connections) with the host.
        services.AddSingleton(_ => dataSource);
        services.AddDbContext<SipasDb>(o => o.UseNpgsql(dataSource, Npgsql).UseSnakeCaseNamingConvention());
        return services;
    }

    private static void Npgsql(Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure.NpgsqlDbContextOptionsBuilder o) =>
        o.MigrationsHistoryTable("__ef_migrations_history", SipasDb.Schema);
}
