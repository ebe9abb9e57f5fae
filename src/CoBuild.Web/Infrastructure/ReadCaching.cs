using System.Globalization;
using System.Security.Claims;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Net.Http.Headers;

namespace CoBuild.Web.Infrastructure;

/// <summary>
/// Short-lived read caches. Every entry is keyed on <see cref="WriteGeneration"/>, so a write on this node shows at
/// once; what another node writes shows within <see cref="Lifetime"/>. Measured in docs/benchmarks.md (issue 14): a
/// signed-in list spent most of its time in EF and SQLite, a workbench load ran 25 statements.
/// </summary>
internal static class ReadCaching
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    /// <summary>Caller-scoped list APIs (the answer depends on who asks): one entry per caller and query.</summary>
    public static readonly string[] CallerLists = ["/api/v1/org-contracts", "/api/v1/orders", "/api/v1/requests", "/api/v1/service-desk/board"];

    public static void AddPolicies(OutputCacheOptions o, string sharedPolicy)
    {
        o.AddPolicy(sharedPolicy, new SharedReads());
        o.AddBasePolicy(new CallerReads());
    }

    /// <summary>Who the caller is, as far as a scoped read can tell: the same claims give the same answer.</summary>
    public static string CallerKey(ClaimsPrincipal user) => string.Join('|', user.Identity?.Name, user.FindFirstValue(ClaimTypes.Role),
        user.FindFirstValue(Caller.DistrictClaim), user.FindFirstValue(Caller.ScopeOrgClaim), user.FindFirstValue(Caller.ScopePathClaim),
        user.FindFirstValue(Caller.UnitClaim), user.FindFirstValue(Caller.MemberClaim));

    /// <summary>A page's data for one caller, loaded at most once per write and <see cref="Lifetime"/>; per language, as some of it is worded.</summary>
    public static Task<T> ForCallerAsync<T>(this IMemoryCache cache, string what, Caller caller, Func<Task<T>> load) =>
        cache.GetOrCreateAsync((what, caller, CultureInfo.CurrentUICulture.Name, WriteGeneration.Current), e =>
        {
            e.AbsoluteExpirationRelativeToNow = Lifetime;
            e.Size = 1;
            return load();
        })!;

    /// <summary>
    /// Reads whose handler never asks who calls (the hierarchy, the published menus): one entry for every caller of a
    /// district, signed in or not, instead of skipping the cache when a bearer token or cookie comes along.
    /// </summary>
    private sealed class SharedReads : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var attempt = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method);
            Enable(context, attempt);
            // Exactly what the district filter shows this caller: anonymous callers read every district.
            context.CacheVaryByRules.VaryByValues["district"] = $"{AppDbContext.DistrictOf(http.User)}";
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => StoreOnlyPlainOk(context);
    }

    /// <summary>Applies to <see cref="CallerLists"/> only, for signed-in callers, one entry per <see cref="CallerKey"/>.</summary>
    private sealed class CallerReads : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            if (!HttpMethods.IsGet(http.Request.Method) || http.User.Identity?.IsAuthenticated != true
                || !CallerLists.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase) || http.Request.Path.Equals(p + "/", StringComparison.OrdinalIgnoreCase)))
                return ValueTask.CompletedTask;
            Enable(context, true);
            context.CacheVaryByRules.VaryByValues["caller"] = CallerKey(http.User);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => StoreOnlyPlainOk(context);
    }

    private static void Enable(OutputCacheContext context, bool attempt)
    {
        context.EnableOutputCaching = true;
        context.AllowCacheLookup = attempt;
        context.AllowCacheStorage = attempt;
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = Lifetime;
        context.CacheVaryByRules.QueryKeys = "*";
        context.CacheVaryByRules.VaryByValues["writes"] = WriteGeneration.Key;
        context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
    }

    private static ValueTask StoreOnlyPlainOk(OutputCacheContext context)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers[HeaderNames.SetCookie].Count > 0) context.AllowCacheStorage = false;
        return ValueTask.CompletedTask;
    }
}
