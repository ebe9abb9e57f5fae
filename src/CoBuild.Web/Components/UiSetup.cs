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
        AntDesign.LocaleProvider.SetLocale("zh-CN");
        return services;
    }

    public static WebApplication MapAppUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPost("/account/logout", async (HttpContext http, Sessions sessions, SignInManager<AppUser> signIn) =>
        {
            await sessions.EndAsync(http.User);
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/");
        }).ExcludeFromDescription();
        return app;
    }
}
