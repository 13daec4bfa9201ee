using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sipas.Jobs;

/// <summary>
/// Hangfire with PostgreSQL storage in its own schema (<c>hangfire</c>), shared by every API and worker process:
/// the storage coordinates them, so a recurring job runs once however many servers poll.
/// </summary>
public static class JobsSetup
{
    public const string Schema = "hangfire";

    /// <summary>
    /// Registers Hangfire's storage and client; with <paramref name="runServer"/> also a Hangfire server in this
    /// process (the API on one machine, or Sipas.Worker in a deployment).
    /// </summary>
    public static IServiceCollection AddSipasJobs(this IServiceCollection services, string connectionString, bool runServer,
        int workerCount = 2)
    {
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(2),
                InvisibilityTimeout = TimeSpan.FromMinutes(30),
            }));
        if (runServer)
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = workerCount;
                o.ServerName = $"sipas-{Environment.MachineName}-{Environment.ProcessId}";
            });
        return services;
    }

    /// <summary>The Hangfire dashboard at <c>/hangfire</c>, for admins only.</summary>
    public static void UseSipasJobsDashboard(this IApplicationBuilder app, string adminRole) =>
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new RoleAuthorization(adminRole)],
            DashboardTitle = "Sipas — công việc nền / background jobs",
            DisplayStorageConnectionString = false,
        });

    private sealed class RoleAuthorization(string role) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(role);
    }
}
