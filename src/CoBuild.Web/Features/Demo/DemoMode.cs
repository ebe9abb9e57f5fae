namespace CoBuild.Web.Features.Demo;

internal static class DemoMode
{
    /// <summary><c>Demo:Enabled</c>; unset means on in Development and off elsewhere.</summary>
    public static bool IsEnabled(WebApplication app) => IsEnabled(app.Configuration, app.Environment);

    public static bool IsEnabled(IConfiguration config, IHostEnvironment env) =>
        bool.TryParse(config["Demo:Enabled"], out var on) ? on : env.IsDevelopment();
}
