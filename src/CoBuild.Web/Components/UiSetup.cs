using CoBuild.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;

namespace CoBuild.Web.Components;

internal static class UiSetup
{
    public static IServiceCollection AddAppUi(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddAntDesign();
        // Ant gives every component a Guid id; Guid.NewGuid (a random-number syscall) was 7 % of a workbench render (issue 14).
        services.AddSingleton<AntDesign.IComponentIdGenerator, CountingIdGenerator>();
        AntDesign.LocaleProvider.SetLocale("zh-CN");
        return services;
    }

    public static WebApplication MapAppUi(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        // Pages declare their rule by attribute; the framework's own endpoints (circuit hub, redirects) are public.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(e =>
        {
            if (e is RouteEndpointBuilder { RoutePattern.RawText: { } raw } && raw.TrimStart('/').StartsWith('_'))
                e.Metadata.Add(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute());
        });
        app.MapPost("/account/logout", async (HttpContext http, Sessions sessions, SignInManager<AppUser> signIn) =>
        {
            await sessions.EndAsync(http.User);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).ExcludeFromDescription().AllowAnonymous(); // signing out nobody is harmless
        return app;
    }
}

/// <summary>Element ids for Ant components: unique within the process, which is all a page or circuit needs.</summary>
internal sealed class CountingIdGenerator : AntDesign.IComponentIdGenerator
{
    private long next;

    public string Generate(AntDesign.AntDomComponentBase component) =>
        "ant-" + Interlocked.Increment(ref next).ToString("x", System.Globalization.CultureInfo.InvariantCulture);
}
