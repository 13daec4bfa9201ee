using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Sipas.Jobs;

/// <summary>
/// Hangfire with PostgreSQL storage in its own schema (<c>hangfire</c>), shared by every API and worker process:
/// the storage coordinates them, so a recurring job runs once however many servers poll.
/// </summary>
public static class JobsSetup
{
    public const string Schema = "hangfire";
    public const string HalfYearJobPrefix = "compute-half-year-";
    public const string ClearOldCommentsJob = "clear-old-comments";

    /// <summary>
    /// Registers Hangfire's storage and client, the jobs, and the recurring half-yearly run (<see cref="JobsOptions"/>,
    /// section <c>Sipas:Jobs</c>); with <paramref name="runServer"/> also a Hangfire server in this process (the API
    /// on one machine, or Sipas.Worker in a deployment).
    /// </summary>
    public static IServiceCollection AddSipasJobs(this IServiceCollection services, string connectionString, bool runServer,
        int workerCount = 2)
    {
        services.AddHangfire((provider, c) => c
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = Schema,
                // The migration step installs and upgrades the schema (InstallSchema): processes starting at once
                // no longer race to create it.
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = TimeSpan.FromSeconds(2),
                // A live worker keeps extending its claim on a job, so a job of a worker that died is taken up by
                // another within minutes, not after a fixed half hour (deploy/scale-out measured the latter).
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
            }));
        if (runServer)
            services.AddHangfireServer(o =>
            {
                o.WorkerCount = workerCount;
                o.ServerName = $"sipas-{Environment.MachineName}-{Environment.ProcessId}";
            });
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddScoped<ComputeWaveSnapshot>();
        services.AddScoped<ComputeHalfYear>();
        services.AddScoped<ClearOldComments>();
        services.AddScoped<SnapshotRequests>();
        services.AddScoped<RenderWaveReport>();
        services.AddScoped<ReportRequests>();
        services.AddScoped<WebhookRequests>();
        services.AddScoped<DeliverWebhook>();
        services.AddHttpClient(DeliverWebhook.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.AddHostedService<RecurringJobsRegistration>();
        return services;
    }

    /// <summary>
    /// Installs or upgrades Hangfire's tables in schema <see cref="Schema"/> (idempotent; Hangfire takes its own
    /// lock). Part of the migration step (<c>Sipas.Api migrate</c>, <c>./sipas run</c>, the tests' databases), so
    /// the API and workers start on a ready schema.
    /// </summary>
    public static async Task InstallSchemaAsync(string connectionString, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        PostgreSqlObjectsInstaller.Install(connection, Schema);
    }

    /// <summary>
    /// One recurring job per configured schedule (<c>compute-half-year-1</c>, <c>-2</c>, …) in the configured time
    /// zone; ids beyond the configured count are removed, so shortening the list takes effect.
    /// </summary>
    public static void ScheduleRecurringJobs(IRecurringJobManager jobs, JobsOptions options)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var schedules = options.Schedules;
        for (var i = 0; i < schedules.Count; i++)
            jobs.AddOrUpdate<ComputeHalfYear>(HalfYearJobPrefix + (i + 1), job => job.Run(CancellationToken.None),
                schedules[i], new RecurringJobOptions { TimeZone = zone });
        for (var i = schedules.Count; i < 12; i++) jobs.RemoveIfExists(HalfYearJobPrefix + (i + 1));
        if (options.CommentRetentionDays > 0)
            jobs.AddOrUpdate<ClearOldComments>(ClearOldCommentsJob, job => job.Run(CancellationToken.None), options.CommentRetentionCron,
                new RecurringJobOptions { TimeZone = zone });
        else
            jobs.RemoveIfExists(ClearOldCommentsJob);
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

    private sealed class RecurringJobsRegistration(IRecurringJobManager jobs, IOptions<JobsOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken ct)
        {
            ScheduleRecurringJobs(jobs, options.Value);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
    }
}
