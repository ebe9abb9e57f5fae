namespace CoBuild.Web.Components;

/// <summary>Times are stored in UTC and shown in Asia/Shanghai.</summary>
internal static class Display
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Shanghai).DateTime);

    public static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Shanghai).ToString("yyyy-MM-dd HH:mm");

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>Query string of the non-empty filters, for links such as the Excel export.</summary>
    public static string QueryString(params (string Key, object? Value)[] pairs)
    {
        var parts = pairs.Where(p => p.Value is not null && p.Value.ToString() is { Length: > 0 })
            .Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!.ToString()!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
