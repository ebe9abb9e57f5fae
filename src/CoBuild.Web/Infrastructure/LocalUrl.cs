namespace CoBuild.Web.Infrastructure;

/// <summary>Where a return address may lead: a path on this site, never another host (no "//", "/\", control characters).</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? url! : fallback;
}
