using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Infrastructure.Auth;

/// <summary>Every route endpoint of the running app, read from its endpoint data source, with the rule it declares.</summary>
internal sealed record EndpointRule(RouteEndpoint Endpoint, string Method, bool Anonymous, IReadOnlyList<string> Policies, IReadOnlyList<string> Roles)
{
    public string Pattern => "/" + Endpoint.RoutePattern.RawText?.TrimStart('/');
    public bool Declared => Anonymous || Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count > 0;
    public bool IsApi => Pattern.StartsWith("/api/", StringComparison.Ordinal);
    public bool IsWrite => Method is not ("GET" or "HEAD");
    public override string ToString() => $"{Method} {Pattern}";

    public static IReadOnlyList<EndpointRule> Of(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new EndpointRule(e, m,
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList(),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().SelectMany(a => a.Roles?.Split(',') ?? []).ToList())))
            .ToList();

    /// <summary>
    /// The development-time file fallback MapStaticAssets adds in Development (the fixture's environment) after its
    /// conventions ran, so nothing can be declared on it; it serves wwwroot files only and does not exist in production.
    /// </summary>
    private static bool IsStaticAsset(RouteEndpoint e) => e.RoutePattern.RawText?.TrimStart('/') == "{**path:file}";
}
