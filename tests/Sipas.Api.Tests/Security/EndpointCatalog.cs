using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Sipas.Data;

namespace Sipas.Api.Tests.Security;

/// <summary>
/// Every endpoint the app maps (its <see cref="EndpointDataSource"/>), with who may call it as derived from its
/// authorization metadata: combined the way the authorization middleware combines it, then evaluated by the app's
/// own <see cref="IAuthorizationService"/> for a principal of each role. Nothing here lists endpoints by hand: an
/// endpoint added tomorrow is in the catalogue, and one without any authorization metadata is flagged.
/// </summary>
public sealed record CatalogEndpoint(string Method, string Pattern, string DisplayName, bool Anonymous, IReadOnlyDictionary<string, bool> Allowed,
    string? Fault, string ContentType = "application/json")
{
    public const string AnonymousRole = "anonymous";
    public static readonly string[] EveryRole = [AnonymousRole, Data.Roles.Surveyor, Data.Roles.Supervisor, Data.Roles.Analyst, Data.Roles.Admin];

    public bool IsUnsafe => Method is not ("GET" or "HEAD" or "OPTIONS");

    /// <summary>Whether <paramref name="role"/> passes the endpoint's authorization (null: it has no authorization metadata).</summary>
    public bool? Allows(string role) => Fault is not null ? null : Anonymous || Allowed[role];

    /// <summary>A signed-in staff member of <paramref name="role"/> as the cookie handler makes one (anonymous: no identity).</summary>
    public static ClaimsPrincipal Principal(string role) => role == AnonymousRole
        ? new ClaimsPrincipal(new ClaimsIdentity())
        : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Guid.NewGuid().ToString()),
            new Claim(ClaimTypes.Name, role), new Claim(ClaimTypes.Role, role)], "Identity.Application"));

    public override string ToString() => $"{Method} {Pattern}";

    public static async Task<List<CatalogEndpoint>> ReadAsync(IServiceProvider services)
    {
        var provider = services.GetRequiredService<IAuthorizationPolicyProvider>();
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var list = new List<CatalogEndpoint>();
        var sources = services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>().DistinctBy(e => e.DisplayName + e.RoutePattern.RawText))
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorizeData = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
            var policies = endpoint.Metadata.GetOrderedMetadata<AuthorizationPolicy>();
            string? fault = null;
            var allowed = new Dictionary<string, bool>();
            if (!anonymous)
            {
                var policy = await AuthorizationPolicy.CombineAsync(provider, authorizeData, policies);
                if (policy is null)
                    fault = "no authorization metadata (neither a policy nor an explicit AllowAnonymous)";
                else
                    foreach (var role in EveryRole)
                        allowed[role] = role != AnonymousRole
                            && (await authorization.AuthorizeAsync(Principal(role), new DefaultHttpContext(), policy)).Succeeded;
            }
            var accepts = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
            foreach (var method in methods)
                list.Add(new CatalogEndpoint(method, endpoint.RoutePattern.RawText ?? "", endpoint.DisplayName ?? "", anonymous, allowed, fault, accepts));
        }
        return list;
    }

    /// <summary>A concrete path for the pattern, with plausible values for the route parameters the app uses.</summary>
    public string PathFor(IReadOnlyDictionary<string, string> values)
    {
        var pattern = RoutePatternFactory.Parse(Pattern);
        var path = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (var part in segment.Parts)
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart parameter => values.TryGetValue(parameter.Name, out var value) ? value
                        : parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1" : "x",
                    _ => "",
                });
        }
        return path.Length == 0 ? "/" : path.ToString();
    }
}
