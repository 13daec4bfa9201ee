using Npgsql;
using Sipas.Data;
using Sipas.Data.Local;

namespace Sipas.Api.Setup;

/// <summary>Which database this process uses, and the local cluster it runs when none is given.</summary>
public sealed record SipasDatabase(string ConnectionString, LocalPostgres? LocalCluster)
{
    public const string DatabaseName = "sipas";

    /// <summary>
    /// <c>SIPAS_DATABASE_URL</c> or <c>ConnectionStrings:Sipas</c> when set; otherwise, when
    /// <c>Sipas:LocalDatabase</c> names a folder (<c>./sipas run</c> passes <c>.data/postgres</c>), a cluster
    /// there that is created on first use and started now.
    /// </summary>
    public static async Task<SipasDatabase> ResolveAsync(IConfiguration configuration)
    {
        var given = DatabaseUrl.FromEnvironment() ?? configuration.GetConnectionString("Sipas");
        if (!string.IsNullOrWhiteSpace(given)) return new(WithTimeouts(DatabaseUrl.ToConnectionString(given), configuration), null);

        var folder = configuration["Sipas:LocalDatabase"]
            ?? throw new InvalidOperationException(
                "Chưa cấu hình cơ sở dữ liệu: đặt SIPAS_DATABASE_URL hoặc chạy ./sipas run. / " +
                "No database configured: set SIPAS_DATABASE_URL or use ./sipas run.");
        var cluster = await LocalPostgres.OpenAsync(folder);
        await cluster.StartAsync();
        await cluster.EnsureDatabaseAsync(DatabaseName);
        return new(WithTimeouts(cluster.ConnectionString(DatabaseName), configuration), cluster);
    }

    /// <summary>
    /// No request waits long for a database that does not answer: opening a connection gives up after
    /// <c>Sipas:Database:ConnectTimeoutSeconds</c> (5 s), and a command after <c>Sipas:Database:CommandTimeoutSeconds</c>
    /// when set (Npgsql's timeouts count the wait for each answer, so a long COPY that keeps streaming is not cut).
    /// The citizen writer uses its own, shorter, command timeout (<c>Sipas:Ingest:CommandTimeoutSeconds</c>, 10 s).
    /// </summary>
    public static string WithTimeouts(string connectionString, IConfiguration configuration)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = configuration.GetValue("Sipas:Database:ConnectTimeoutSeconds", 5),
        };
        if (configuration.GetValue<int?>("Sipas:Database:CommandTimeoutSeconds") is { } command) builder.CommandTimeout = command;
        return builder.ConnectionString;
    }
}

public static class SipasDatabaseSetup
{
    public static IServiceCollection AddSipasDatabase(this IServiceCollection services, SipasDatabase database)
    {
        services.AddSingleton(database);
        services.AddSipasDb(database.ConnectionString);
        if (database.LocalCluster is { } cluster)
            services.AddHostedService(_ => new LocalClusterLifetime(cluster));
        return services;
    }

    /// <summary>Stops the local cluster after the app has stopped (Ctrl-C stops both, in that order).</summary>
    private sealed class LocalClusterLifetime(LocalPostgres cluster) : IHostedLifecycleService
    {
        public Task StartAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StartingAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken ct) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken ct) => cluster.StopAsync();
    }
}
