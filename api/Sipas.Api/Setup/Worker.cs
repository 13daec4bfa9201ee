using Sipas.Data;
using Sipas.Jobs;

namespace Sipas.Api.Setup;

public static class Worker
{
    /// <summary>
    /// Hangfire client always; its server in this process unless <c>Sipas:Worker:InProcess</c> is false (a
    /// deployment runs Sipas.Worker instead).
    /// </summary>
    public static IServiceCollection AddSipasWorker(this IServiceCollection services, IConfiguration configuration,
        string connectionString) =>
        services.AddSipasJobs(connectionString, configuration.GetValue("Sipas:Worker:InProcess", true),
            configuration.GetValue("Sipas:Worker:Count", 2));

    public static void UseSipasWorkerDashboard(this WebApplication app) => app.UseSipasJobsDashboard(Roles.Admin);
}
