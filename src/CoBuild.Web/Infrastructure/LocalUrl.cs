namespace CoBuild.Web.Infrastructure;

/// <summary>Where a return address may lead: a path on this site, never another host (no "//", "/\", control characters).</summary>
public static class LocalUrl
{
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static string OrDefault(string? url, string fallback) => IsLocal(url) ? Escaped(url!) : fallback;

    /// <summary>A Location header carries ASCII only: 养老 in a return address goes out percent-encoded (Kestrel refuses it raw).</summary>
    public static string Escaped(string url)
    {
        if (url.All(char.IsAscii)) return url;
        var b = new System.Text.StringBuilder(url.Length * 3);
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.IsAscii) b.Append((char)rune.Value);
            else b.Append(Uri.EscapeDataString(rune.ToString()));
        }
        return b.ToString();
    }
}
