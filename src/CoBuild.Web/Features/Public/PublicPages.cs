using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace CoBuild.Web.Features.Public;

internal static class PublicPages
{
    /// <summary>Output-cache policy name of the anonymous public pages.</summary>
    public const string Cache = "public-page";
}

/// <summary>
/// Caches anonymous GETs of public pages for 10 s, per query string and UI culture. Blazor issues an antiforgery cookie on every
/// page once interactive render modes are configured (.NET 10), which the default policy refuses to cache;
/// these pages hold no form for anonymous visitors, so that cookie is dropped rather than shared through the cache.
/// </summary>
internal sealed class PublicPagePolicy : IOutputCachePolicy
{
    private const string AntiforgeryCookie = ".AspNetCore.Antiforgery.";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var attempt = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && context.HttpContext.User.Identity?.IsAuthenticated != true
            && !request.Headers.Authorization.Any();
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = TimeSpan.FromSeconds(10);
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
        // Filters and pages are in the query (?status=, ?page=): without this one entry per path served every query the same list.
        context.CacheVaryByRules.QueryKeys = "*";
        if (attempt)
        {
            // Blazor starts the response itself, so the cookie must go before the headers are sent.
            var response = context.HttpContext.Response;
            response.OnStarting(() =>
            {
                var cookies = response.Headers[HeaderNames.SetCookie];
                if (cookies.Count > 0 && cookies.All(c => c is not null && c.StartsWith(AntiforgeryCookie, StringComparison.Ordinal)))
                {
                    response.Headers.Remove(HeaderNames.SetCookie);
                    response.Headers.CacheControl = "no-cache";
                    response.Headers.Remove(HeaderNames.Pragma);
                }
                return Task.CompletedTask;
            });
        }
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (!context.AllowCacheStorage) return ValueTask.CompletedTask;
        if (response.StatusCode != StatusCodes.Status200OK) { context.AllowCacheStorage = false; return ValueTask.CompletedTask; }
        if (response.Headers[HeaderNames.SetCookie].Count > 0) context.AllowCacheStorage = false; // a cookie other than antiforgery: never share it
        return ValueTask.CompletedTask;
    }
}
