using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.FileProviders;

namespace Sipas.Api.Setup;

/// <summary>
/// Serves the built web app (web/dist, or wwwroot in a published image): <c>/</c> is the landing page,
/// <c>/s/{code}</c> the citizen survey, <c>/ket-qua</c> the published results, <c>/staff/…</c> the staff screens.
/// </summary>
public static class WebApp
{
    /// <summary>
    /// Brotli or gzip for every text response: the web app's files (the citizen page's budget is counted compressed),
    /// the API's JSON and ProblemDetails (a service point's questionnaire: 7.3 KB, about 2 KB compressed), CSV downloads.
    /// Not the answers that carry a secret (<see cref="CarriesSecrets"/>): compressing a secret beside text an attacker
    /// chooses lets its length leak the secret (BREACH).
    /// </summary>
    public static IServiceCollection AddSipasWebApp(this IServiceCollection services) =>
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
            o.MimeTypes = ["text/html", "text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/geo+json",
                "application/json", "application/problem+json", "text/csv", "text/plain", "application/manifest+json"];
        })
        // Optimal, not smallest: compressed per request, and q11 brotli costs more time than its bytes save on 3G.
        .Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal)
        .Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);

    /// <summary>
    /// Paths whose answers carry a secret: the antiforgery token and sign-in, a new client system's API key, a new
    /// account's one-time password, a device credential, an invitation's signed link. Never compressed.
    /// </summary>
    public static bool CarriesSecrets(PathString path) =>
        path.StartsWithSegments("/api/auth") || path.StartsWithSegments("/api/admin/clients") || path.StartsWithSegments("/api/admin/users")
        || path.StartsWithSegments("/api/public/devices") || path.StartsWithSegments("/api/integration/invitations");

    public static void UseSipasWebApp(this WebApplication app)
    {
        app.UseWhen(context => !CarriesSecrets(context.Request.Path), branch => branch.UseResponseCompression());
        var root = Root(app);
        if (root is null)
        {
            app.Logger.LogWarning("The web app is not built (web/dist is missing): run `cd web && npm ci && npm run build`.");
            return;
        }
        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                // Hashed assets never change; HTML is revalidated so a new build reaches phones at once,
                // and the service workers (and the staff manifest and icons) are always revalidated so a new build replaces it.
                var path = context.Context.Request.Path;
                var revalidate = context.File.Name.EndsWith(".html") || path == "/s/sw.js" || path == "/r/sw.js" || path.StartsWithSegments("/staff");
                context.Context.Response.Headers.CacheControl = revalidate ? "no-cache" : "public, max-age=31536000, immutable";
            },
        });
    }

    public static void MapSipasWebAppFallbacks(this WebApplication app)
    {
        if (Root(app) is not { } root) return;
        var files = new PhysicalFileProvider(root);
        // The pages are public (the staff screens ask for sign-in themselves); the API behind them is not.
        // A service point's page carries its survey (one round trip for the first screen); other /s/ paths get the shell.
        var surveyPage = ActivatorUtilities.CreateInstance<Citizens.SurveyPage>(app.Services);
        app.MapGet("/s/{code:nonfile}", (string code, Citizens.SurveyDirectory directory, HttpContext http, CancellationToken ct) =>
            surveyPage.Handle(code, directory, files, http, ct)).AllowAnonymous().ExcludeFromDescription()
            // The page reads what the survey's API reads (the service point, the invitation): the same limit.
            .RequireRateLimiting(RateLimits.PublicRead);
        app.MapFallbackToFile("/s/{**path:nonfile}", "survey.html", new StaticFileOptions { FileProvider = files })
            .AllowAnonymous();
        // An invitation link (/r/{token}, sent by SMS) is the same citizen page carrying its invitation's survey.
        app.MapGet("/r/{token:nonfile}", (string token, Intake.InvitationTokens tokens, Sipas.Data.SipasDb db, Citizens.SurveyDirectory directory,
                TimeProvider clock, HttpContext http, CancellationToken ct) =>
            surveyPage.HandleInvitation(token, tokens, db, directory, clock, files, http, ct)).AllowAnonymous().ExcludeFromDescription()
            .RequireRateLimiting(RateLimits.PublicRead);
        app.MapFallbackToFile("/r/{**path:nonfile}", "survey.html", new StaticFileOptions { FileProvider = files })
            .AllowAnonymous();
        // The published results (/ket-qua, /ket-qua/{snapshot}): public, as light as the citizen page.
        app.MapFallbackToFile("/ket-qua", "results.html", new StaticFileOptions { FileProvider = files })
            .AllowAnonymous();
        app.MapFallbackToFile("/ket-qua/{**path:nonfile}", "results.html", new StaticFileOptions { FileProvider = files })
            .AllowAnonymous();
        app.MapFallbackToFile("/staff/{**path:nonfile}", "staff.html", new StaticFileOptions { FileProvider = files })
            .AllowAnonymous();
        app.MapFallbackToFile("/staff", "staff.html", new StaticFileOptions { FileProvider = files })
            .AllowAnonymous();
    }

    private static string? Root(WebApplication app)
    {
        var configured = app.Configuration["Sipas:WebRoot"];
        var candidates = new[]
        {
            configured,
            Path.Combine(app.Environment.ContentRootPath, "wwwroot"),
            Path.Combine(app.Environment.ContentRootPath, "..", "..", "web", "dist"),
        };
        return candidates.Where(c => !string.IsNullOrEmpty(c)).Select(c => Path.GetFullPath(c!))
            .FirstOrDefault(c => File.Exists(Path.Combine(c, "index.html")));
    }
}
