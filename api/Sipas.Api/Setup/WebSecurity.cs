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
    /// no eval (the citizen page inlines its own built files, allowed by their hashes: <see cref="PolicyAllowing"/>).
    /// Images include <c>data:</c> (the empty favicon) and blobs (downloads); API JSON is fetched from the same origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; " +
        "form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// <see cref="ContentSecurityPolicy"/> that also allows the inline scripts and styles with these hash sources
    /// (<c>'sha256-…'</c>): the citizen page, which carries its own JS and CSS (Citizens/SurveyShell). Nothing else.
    /// </summary>
    public static string PolicyAllowing(IReadOnlyCollection<string> scriptHashes, IReadOnlyCollection<string> styleHashes) =>
        ContentSecurityPolicy
            .Replace("script-src 'self';", $"script-src 'self'{string.Concat(scriptHashes.Select(h => " " + h))};")
            .Replace("style-src 'self';", $"style-src 'self'{string.Concat(styleHashes.Select(h => " " + h))};");

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
                // A page that set its own policy keeps it: the citizen page's (PolicyAllowing its inline files' hashes).
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                    headers.ContentSecurityPolicy = ToolPages.Any(p => http.Request.Path.StartsWithSegments(p))
                        ? ToolPagesPolicy : ContentSecurityPolicy;
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
    }
}
