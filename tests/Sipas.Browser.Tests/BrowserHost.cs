using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sipas.Testing;

[assembly: AssemblyFixture(typeof(Sipas.Browser.Tests.BrowserHost))]

namespace Sipas.Browser.Tests;

/// <summary>
/// The platform on a real loopback port (Kestrel, the built web app from web/dist) over the test database, and
/// one headless Chromium. Debian's chromium is used as it is: Playwright downloads no browser.
/// </summary>
public sealed class BrowserHost : TestDatabase
{
    private IPlaywright? playwright;
    private App? app;

    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The app's services (to seed data and run jobs the way the worker does).</summary>
    public IServiceProvider Services => app!.Services;
    public string BaseUrl { get; private set; } = "";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var webRoot = Path.Combine(RepositoryData.RepositoryRoot, "web", "dist");
        if (!File.Exists(Path.Combine(webRoot, "survey.html")))
            throw new InvalidOperationException($"The web app is not built ({webRoot}); `./sipas test` builds it first.");
        app = new App(webRoot);
        app.UseKestrel(0);
        app.StartServer();
        BaseUrl = app.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SIPAS_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own storage, like a new phone) at a phone viewport.</summary>
    public Task<IBrowserContext> NewPhoneAsync(string locale = "vi-VN", string? baseUrl = null) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = baseUrl ?? BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 390, Height = 780 },
        IsMobile = true, HasTouch = true,
    });

    public Task CreateUserAsync(string userName, string password, string role) =>
        StaffAccounts.CreateAsync(Services, userName, password, role);

    /// <summary>A fresh browser context at a desktop viewport (staff screens).</summary>
    public Task<IBrowserContext> NewDesktopAsync(string locale = "vi-VN") => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl, Locale = locale, ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
    });

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
        await base.DisposeAsync();
    }

    private sealed class App(string webRoot) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Sipas:Worker:InProcess", "false");
            builder.UseSetting("Sipas:DossierHashKey", "test-only-dossier-hash-key");
            builder.UseSetting("Sipas:WebRoot", webRoot);
            // Every browser test signs in from 127.0.0.1: the per-address sign-in limit is tested in the API tests.
            builder.UseSetting("Sipas:RateLimits:SignInPerMinute", "1000");
            builder.UseEnvironment("Testing");
        }
    }
}
