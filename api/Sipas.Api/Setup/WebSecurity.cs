using Microsoft.AspNetCore.HttpOverrides;

namespace Sipas.Api.Setup;

/// <summary>
/// Headers every response carries (Content-Security-Policy, nosniff, frame denial, Referrer-Policy), HSTS when the
/// request came over TLS (directly or through a reverse proxy named in <c>Sipas:ForwardedHeaders:KnownNetworks</c>),
/// and the forwarded-headers middleware that tells the app so.
/// </summary>
public static class WebSecurity
{
    /// <summary>
    /// The web app is built by Vite into files of its own origin only: no inline script, no inline style attribute,
    /// no eval. Images include <c>data:</c> (the empty favicon) and blobs (downloads); API JSON is fetched from
    /// the same origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The API reference (Scalar) and the Hangfire dashboard are third-party pages with inline scripts and styles;
    /// they keep every other restriction (same origin only, no framing, no plugins).
    /// </summary>
    public const string ToolPagesPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] ToolPages = ["/api-docs", "/hangfire"];

    public static IServiceCollection AddSipasWebSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            o.ForwardLimit = 1;
            // Loopback proxies are trusted by default; a deployment names its ingress networks (CIDR, comma-separated).
            foreach (var network in (configuration["Sipas:ForwardedHeaders:KnownNetworks"] ?? "")
                         .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            o.AllowedHosts = [.. (configuration["Sipas:ForwardedHeaders:AllowedHosts"] ?? "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        return services;
    }

    /// <summary>Forwarded headers first (so scheme and client address are the real ones), then HSTS and the headers.</summary>
    public static void UseSipasWebSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseHsts(); // only on HTTPS requests, and not for localhost
        app.Use((context, next) =>
        {
            // Set when the response starts: the exception handler clears headers set before it ran.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                var headers = http.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers.ContentSecurityPolicy = ToolPages.Any(p => http.Request.Path.StartsWithSegments(p))
                    ? ToolPagesPolicy : ContentSecurityPolicy;
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }
}
