using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sipas.Api.Auth;
using Sipas.Api.Setup;
using Sipas.Data;
using Sipas.Testing;

[assembly: AssemblyFixture(typeof(Sipas.Api.Tests.Infrastructure.TestHost))]

namespace Sipas.Api.Tests.Infrastructure;

/// <summary>The API over HTTP against the test database, without the in-process Hangfire server.</summary>
public sealed class SipasApp(TestHost database) : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    /// <summary>What the app logged (Information and above), for tests that look at errors or at what logs hold.</summary>
    public LogCapture Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Sipas:Worker:InProcess", "false");
        builder.UseSetting("Sipas:DossierHashKey", "test-only-dossier-hash-key");
        builder.UseSetting("Sipas:RateLimits:SignInPerMinute", "1000");
        // Tests share one app (and its limits, some held in the shared database) from one address: the limits are tested on their own.
        builder.UseSetting("Sipas:RateLimits:SubmitsPerAddressPerMinute", "100000000");
        builder.UseSetting("Sipas:RateLimits:SubmitsPerServicePointPerMinute", "100000000");
        builder.UseSetting("Sipas:RateLimits:CredentialsPerAddressPerMinute", "100000000");
        builder.UseEnvironment("Testing");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }

    /// <summary>A client that keeps cookies, like a browser.</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>Creates a staff account with <paramref name="role"/> and returns a client signed in as it, with its CSRF header set.</summary>
    public async Task<HttpClient> SignedInClient(string role, string? userName = null)
    {
        userName ??= $"{role}-{Guid.NewGuid():N}"[..20];
        const string password = "test-password-123";
        await CreateUser(userName, password, role);
        var client = NewClient();
        await client.AddCsrfHeader();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new SignInRequest(userName, password));
        response.EnsureSuccessStatusCode();
        await client.AddCsrfHeader();
        return client;
    }

    public Task CreateUser(string userName, string password, params string[] roles) =>
        StaffAccounts.CreateAsync(Services, userName, password, roles);
}

public static class HttpClientExtensions
{
    public static async Task AddCsrfHeader(this HttpClient client)
    {
        var token = await client.GetFromJsonAsync<CsrfToken>("/api/auth/csrf");
        client.DefaultRequestHeaders.Remove(CsrfFilter.HeaderName);
        client.DefaultRequestHeaders.Add(CsrfFilter.HeaderName, token!.Token);
    }
}

/// <summary>The test database and the API over it, shared by every test of the assembly (the app keeps no state outside the database).</summary>
public sealed class TestHost : TestDatabase
{
    public SipasApp App { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        App = new SipasApp(this);
    }

    public override async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await base.DisposeAsync();
    }
}

/// <summary>Base for API tests: the shared app over a database emptied of what earlier tests wrote.</summary>
public abstract class ApiTest(TestHost database) : IAsyncLifetime
{
    protected TestHost Database { get; } = database;
    protected SipasApp App => Database.App;

    public virtual async ValueTask InitializeAsync()
    {
        await Database.ResetAsync();
        // Cached service point targets would point at rows the reset removed.
        (App.Services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>() as Microsoft.Extensions.Caching.Memory.MemoryCache)?.Clear();
    }

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
