using System.Globalization;
using System.Threading.RateLimiting;

namespace CoBuild.Web.Infrastructure.Limits;

/// <summary>
/// Configuration <c>RateLimits:Writes</c>: a token bucket per signed-in user (per address for anonymous callers) over
/// unsafe requests. Generous: a moderator hammering lots or a unit raising paddles stays far below it; a script
/// flooding writes does not. Login attempts have their own failure-counting limits (LoginGate), the Blazor circuit
/// and the auction hub are long-lived connections and are not counted.
/// </summary>
internal sealed class WriteLimits
{
    public const string Section = "RateLimits:Writes";

    /// <summary>Writes one caller may make at once before having to wait.</summary>
    public int Burst { get; set; } = 60;

    /// <summary>Writes per minute that refill the bucket.</summary>
    public int PerMinute { get; set; } = 600;
}

internal static class WriteLimitSetup
{
    public static IServiceCollection AddWriteLimits(this IServiceCollection services, IConfiguration config)
    {
        var limits = config.GetSection(WriteLimits.Section).Get<WriteLimits>() ?? new WriteLimits();
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, limits.Burst),
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, limits.PerMinute),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http => IsCountedWrite(http.Request)
                ? RateLimitPartition.GetTokenBucketLimiter(
                    http.User.Identity?.IsAuthenticated == true ? "user:" + http.User.Identity.Name : "addr:" + ClientAddress.Of(http), _ => bucket)
                : RateLimitPartition.GetNoLimiter(""));
            o.OnRejected = (ctx, _) =>
            {
                if (ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait))
                    ctx.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return ValueTask.CompletedTask; // the status-code pages write the ProblemDetails (API) or the status page
            };
        });
        return services;
    }

    private static bool IsCountedWrite(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        && !request.Path.StartsWithSegments("/_blazor") && !request.Path.StartsWithSegments("/hubs")
        && !request.Path.StartsWithSegments("/api/v1/auth/token") && !request.Path.StartsWithSegments("/account/login");
}
