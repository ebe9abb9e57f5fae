using System.Security.Claims;
using CoBuild.Web.Infrastructure.Limits;

namespace CoBuild.Web.Infrastructure.Auth;

/// <summary>
/// Every sign-in (cookie or bearer token) carries a session id; logging out puts it on a revocation list for as long
/// as a cookie or token could live, so a copy of the old cookie or token is refused on every node. One lookup per
/// authenticated request (memory, or one Redis GET), instead of a database read of the security stamp.
/// </summary>
internal sealed class Sessions(IAttemptStore store)
{
    public const string Claim = "cb:sid";

    public static readonly TimeSpan Longest = AuthSetup.CookieLifetime > AuthSetup.TokenLifetime ? AuthSetup.CookieLifetime : AuthSetup.TokenLifetime;

    public static Claim NewClaim() => new(Claim, Guid.NewGuid().ToString("N"));

    public async Task EndAsync(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(Claim) is { } sid) await store.SetAsync("session:revoked:" + sid, 1, Longest);
    }

    /// <summary>False for a principal without a session id (issued before sessions were tracked) or with an ended one.</summary>
    public async Task<bool> IsLiveAsync(ClaimsPrincipal user) =>
        user.FindFirstValue(Claim) is { } sid && (await store.GetAsync("session:revoked:" + sid)).Value == 0;
}

internal static class SessionCheck
{
    /// <summary>A signed-in caller whose session has ended continues as anonymous (401 on the API, the login page for pages).</summary>
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.User.Identity?.IsAuthenticated == true && !await http.RequestServices.GetRequiredService<Sessions>().IsLiveAsync(http.User))
            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        await next(http);
    });
}
