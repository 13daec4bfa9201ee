using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sipas.Api.Intake;

public static class IntakeSetup
{
    /// <summary>The intake pipeline and its parts (one of each per process).</summary>
    public static IServiceCollection AddIntake(this IServiceCollection services)
    {
        services.TryAddSingleton<InstallationKeys>();
        services.AddSingleton<DossierHasher>();
        services.AddSingleton<ContentHasher>();
        services.AddSingleton<DeviceCredentials>();
        services.AddSingleton<InvitationTokens>();
        services.AddSingleton<CounterLeases>();
        services.AddSingleton<IntakeLimits>();
        services.AddSingleton<QualityChecks>();
        services.AddSingleton<IntakePipeline>();
        services.AddSingleton<ResponseWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<ResponseWriter>());
        return services;
    }
}
