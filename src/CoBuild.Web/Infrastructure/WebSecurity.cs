using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CoBuild.Web.Infrastructure;

/// <summary>Proxy headers and the browser-facing security headers every response carries.</summary>
internal static class WebSecurity
{
    /// <summary>
    /// Pages run without inline scripts (Blazor, Ant Design and the live screens load files from this site); Ant Design
    /// writes inline styles; QR codes and previews are data: images; the circuit and the live screens use a WebSocket
    /// to this site, which 'self' covers.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Scalar's page at /api/docs starts itself with an inline module script.</summary>
    public const string ApiDocsPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// X-Forwarded-For/-Proto are believed only from loopback and the proxies named in configuration, so behind a TLS
    /// proxy the request counts as HTTPS (Secure cookies, HSTS) while a client cannot claim HTTPS for itself.
    /// </summary>
    public static IServiceCollection AddAppForwardedHeaders(this IServiceCollection services, IConfiguration config)
    {
        var proxies = Values(config.GetSection("ForwardedHeaders:KnownProxies"))
            .Select(v => IPAddress.TryParse(v, out var ip) ? ip : throw new InvalidOperationException($"ForwardedHeaders:KnownProxies: “{v}” is not an IP address."))
            .ToList();
        var networks = Values(config.GetSection("ForwardedHeaders:KnownNetworks"))
            .Select(v => System.Net.IPNetwork.TryParse(v, out var net) ? net : throw new InvalidOperationException($"ForwardedHeaders:KnownNetworks: “{v}” is not a network such as 10.0.0.0/8."))
            .ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
        });
        return services;
    }

    /// <summary>Forwarded headers first, so everything after sees the client's scheme and address.</summary>
    public static WebApplication UseAppWebSecurity(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.Use((context, next) =>
        {
            // Set when the response starts, so a response rewritten by the exception handler keeps them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs") ? ApiDocsPolicy : PagePolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>A list in configuration: array entries, or one comma-separated value (handy in an environment variable).</summary>
    private static IEnumerable<string> Values(IConfigurationSection section) =>
        (section.Value is { Length: > 0 } single ? single.Split(',') : section.GetChildren().Select(c => c.Value ?? ""))
        .Select(v => v.Trim())
        .Where(v => v.Length > 0);
}
