namespace CoBuild.Web.Components;

/// <summary>Times are stored in UTC and shown in Asia/Shanghai.</summary>
internal static class Display
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateOnly Today(TimeProvider clock) => Day(clock.GetUtcNow());

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Shanghai).DateTime);

    public static string Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Shanghai).ToString("yyyy-MM-dd HH:mm");

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");

    /// <summary>Service hours as people write them: 2, 2.5.</summary>
    public static string Hours(decimal h) => h.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A booked slot on one line: "2027-03-24 09:00 至 11:00".</summary>
    public static string Slot(DateTimeOffset start, DateTimeOffset end) => $"{Local(start)} 至 {Local(end)[11..]}";

    /// <summary>Query string of the non-empty filters, for links such as the Excel export.</summary>
    public static string QueryString(params (string Key, object? Value)[] pairs)
    {
        var parts = pairs.Where(p => p.Value is not null && p.Value.ToString() is { Length: > 0 })
            .Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value!.ToString()!)).ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }
}
