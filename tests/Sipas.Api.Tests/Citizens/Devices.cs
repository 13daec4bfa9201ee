using Microsoft.Extensions.DependencyInjection;
using Sipas.Api.Intake;
using Sipas.Api.Tests.Infrastructure;

namespace Sipas.Api.Tests.Citizens;

/// <summary>Device credentials as the server issues them, made in tests with the app's own signer.</summary>
public static class Devices
{
    /// <summary>A credential of <paramref name="device"/> (a new device when null) issued <paramref name="age"/> ago (2 minutes: a form that took its time).</summary>
    public static string Credential(IServiceProvider services, TimeSpan? age = null, Guid? device = null) =>
        services.GetRequiredService<DeviceCredentials>().Issue(device ?? Guid.NewGuid(), DateTimeOffset.UtcNow - (age ?? TimeSpan.FromMinutes(2)));

    public static string Credential(this SipasApp app, TimeSpan? age = null, Guid? device = null) => Credential(app.Services, age, device);
}
