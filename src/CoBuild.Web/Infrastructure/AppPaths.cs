namespace CoBuild.Web.Infrastructure;

/// <summary>
/// Where the app finds its files. The content root (appsettings.json, wwwroot) is the app's own folder, not the
/// working directory: a service started as <c>cd /srv &amp;&amp; dotnet /opt/cobuild/CoBuild.Web.dll</c> otherwise
/// reads no appsettings.json and serves every static asset as an empty 200. <c>--contentRoot</c> or
/// ASPNETCORE_CONTENTROOT still wins (<c>dotnet run</c> passes the project folder, see the project file).
/// Relative data paths (DataDirectory, a SQLite file) are taken from the content root too.
/// </summary>
internal static class AppPaths
{
    public static WebApplicationOptions Options(string[] args)
    {
        var given = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return new WebApplicationOptions { Args = args, ContentRootPath = string.IsNullOrEmpty(given) ? AppContext.BaseDirectory : null };
    }

    public static string DataDirectory(IConfiguration config, IHostEnvironment env) =>
        Path.GetFullPath(config["DataDirectory"] is { Length: > 0 } dir ? dir : "data", env.ContentRootPath);
}
