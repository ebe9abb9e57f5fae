using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CoBuild.Web.Infrastructure.Localization;

internal static class LocalizationSetup
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    /// <summary>
    /// zh-CN unless the culture cookie says otherwise. The Accept-Language provider is left out on purpose:
    /// the users are Chinese offices, and an English browser must not turn the back office English by itself.
    /// </summary>
    public static WebApplication UseAppLocalization(this WebApplication app)
    {
        var options = new RequestLocalizationOptions().SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
        options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        app.UseRequestLocalization(options);
        return app;
    }

    /// <summary>GET /culture?c=en&amp;redirect=/admin writes the standard culture cookie and goes back.</summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (HttpContext http, string? c, string? redirect) =>
        {
            var culture = Cultures.FirstOrDefault(x => string.Equals(x, c, StringComparison.OrdinalIgnoreCase)) ?? Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = false, SameSite = SameSiteMode.Lax, Path = "/" });
            return TypedResults.LocalRedirect(LocalUrl.OrDefault(redirect, "/"));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
}
