using Microsoft.EntityFrameworkCore;
using Sipas.Data;
using Sipas.Data.Seed;
using Sipas.Jobs;

namespace Sipas.Api.Setup;

/// <summary>
/// Migrations and seeds. Production applies them with a dedicated step (<c>Sipas.Api migrate</c>, or the EF
/// bundle in deploy/); <c>Sipas:MigrateOnStart</c> (set by <c>./sipas run</c> and the tests) does it at start for
/// development, and <c>Sipas:DemoData</c> adds the demo waves, responses, accounts and snapshots.
/// </summary>
public static class StartupTasks
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        await db.Database.MigrateSipasAsync(ct);
        await JobsSetup.InstallSchemaAsync(db.Database.GetConnectionString()!, ct);
        await ReferenceData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
    }

    public static async Task RunAsync(WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Sipas:MigrateOnStart")) await MigrateAsync(app.Services);
        if (!app.Configuration.GetValue<bool>("Sipas:DemoData")) return;

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SipasDb>();
        await DemoData.SeedAsync(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
        await DemoAccounts.SeedAsync(scope.ServiceProvider);
        await DemoSnapshots.SeedAsync(scope.ServiceProvider);
    }
}
