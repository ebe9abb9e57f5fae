using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.Limits;
using StackExchange.Redis;

namespace CoBuild.Web.Infrastructure.Auth;

internal static class AuthSetup
{
    /// <summary>Pages use the Identity cookie, the API a bearer token; one policy scheme picks by the Authorization header.</summary>
    public const string Smart = "CoBuild";

    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(10);
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    public static IServiceCollection AddAppAuth(this IServiceCollection services, IConfiguration config)
    {
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Smart;
                o.DefaultChallengeScheme = Smart;
                o.DefaultForbidScheme = Smart;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(Smart, null, o => o.ForwardDefaultSelector = http =>
                IsBearer(http.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TokenLifetime)
            .AddIdentityCookies(c => c.ApplicationCookie?.Configure(o =>
            {
                o.LoginPath = "/account/login";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "cobuild.auth";
                o.ExpireTimeSpan = CookieLifetime;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
            }));

        services.AddIdentityCore<AppUser>(o =>
            {
                // Failed logins no longer lock the account for everyone (anyone could lock district.admin): LoginGate
                // makes the user name wait per address instead. A lockout end set on an account still refuses it.
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>()
            .AddDefaultTokenProviders();

        // The session id survives the periodic refresh of the cookie's claims, so logging out ends every copy of it.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = ctx =>
        {
            if (ctx.CurrentPrincipal?.FindFirst(Sessions.Claim) is { } sid && ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity id)
                id.AddClaim(new System.Security.Claims.Claim(Sessions.Claim, sid.Value));
            return Task.CompletedTask;
        });
        services.AddMemoryCache();
        services.AddSingleton<IAttemptStore>(sp => sp.GetService<IConnectionMultiplexer>() is { } redis
            ? new RedisAttemptStore(redis)
            : ActivatorUtilities.CreateInstance<MemoryAttemptStore>(sp));
        services.AddSingleton<Sessions>();
        services.AddScoped<DummyPassword>();
        services.AddScoped<LoginGate>();
        services.Configure<LoginLimits>(config.GetSection(LoginLimits.Section));
        services.AddWriteLimits(config);

        var authorization = services.AddAuthorizationBuilder().AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser());
        foreach (var (policy, roles) in Policies.RolesOf) authorization.AddPolicy(policy, p => p.RequireRole(roles));
        return services;
    }

    /// <summary>API callers get a status code (the ProblemDetails body is added by status-code pages); browsers get the redirect.</summary>
    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
