
namespace CoBuild.Web.Infrastructure.Auth;

/// <summary>
/// A browser sends the sign-in cookie with a form posted from any site, so an API write authenticated by the cookie
/// must come from one of our own pages: <c>Sec-Fetch-Site: same-origin</c>, or an <c>Origin</c> (else <c>Referer</c>)
/// naming this host or <c>App:PublicUrl</c>. Browsers send Origin with every fetch POST and form post, so the app's
/// own scripts pass as they are. Bearer callers are not affected: a foreign page cannot make a browser add the header.
/// </summary>
internal static class SameOrigin
{
    public static IApplicationBuilder UseSameOriginForCookieWrites(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var request = http.Request;
        if (request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && !HttpMethods.IsOptions(request.Method) && !HttpMethods.IsTrace(request.Method)
            && http.User.Identity?.IsAuthenticated == true && !AuthSetup.IsBearer(request) && !IsSameOrigin(http))
        {
            await TypedResults.Problem("跨站请求被拒绝：以登录 Cookie 调用接口的写操作须来自本站页面（或改用 Bearer 令牌）。",
                statusCode: StatusCodes.Status403Forbidden, title: "禁止跨站请求").ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    private static bool IsSameOrigin(HttpContext http)
    {
        var headers = http.Request.Headers;
        if (headers["Sec-Fetch-Site"] == "same-origin") return true;
        var source = headers.Origin.ToString() is { Length: > 0 } origin ? origin : headers.Referer.ToString();
        if (!Uri.TryCreate(source, UriKind.Absolute, out var from)) return false;
        if (string.Equals(from.Authority, http.Request.Host.Value, StringComparison.OrdinalIgnoreCase)) return true;
        var publicUrl = http.RequestServices.GetRequiredService<IConfiguration>()["App:PublicUrl"];
        return Uri.TryCreate(publicUrl, UriKind.Absolute, out var ours)
            && string.Equals(from.Authority, ours.Authority, StringComparison.OrdinalIgnoreCase) && from.Scheme == ours.Scheme;
    }
}
