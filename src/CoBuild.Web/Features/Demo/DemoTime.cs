namespace CoBuild.Web.Features.Demo;

/// <summary>
/// The demo's timestamps. Loading at night once stamped every row 21:37; rows now fall in office hours (Beijing,
/// UTC+8 all year) of days counted back from a fixed base, yesterday 17:30, so two loads on a day give the same rows.
/// </summary>
internal static class DemoTime
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>Yesterday (Beijing) at 17:30: never in the future, whatever time the demo is loaded.</summary>
    public static DateTimeOffset Base(TimeProvider clock)
    {
        var local = clock.GetUtcNow().ToOffset(Beijing);
        return new DateTimeOffset(local.Date.AddDays(-1).AddHours(17.5), Beijing).ToUniversalTime();
    }

    /// <summary>The Beijing day of <paramref name="day"/> at 08:30 plus a spread of up to 9 hours chosen by <paramref name="k"/>.</summary>
    public static DateTimeOffset Working(DateTimeOffset day, int k)
    {
        var local = day.ToOffset(Beijing);
        var minutes = 30 + (int)((uint)(k * 47) % 540u);
        return new DateTimeOffset(local.Date.AddHours(8).AddMinutes(minutes), Beijing).ToUniversalTime();
    }
}

/// <summary>A clock for the demo's use cases: office hours of the day it is set to, a few minutes later on each reading.</summary>
internal sealed class DemoClock(DateTimeOffset day) : TimeProvider
{
    private DateTimeOffset _day = day;
    private int _tick;

    public DateTimeOffset Day
    {
        get => _day;
        set { _day = value; _tick = 0; }
    }

    public override DateTimeOffset GetUtcNow()
    {
        var local = _day.ToOffset(TimeSpan.FromHours(8));
        var minutes = 30 + _tick++ * 3 % 540;
        return new DateTimeOffset(local.Date.AddHours(8).AddMinutes(minutes), TimeSpan.FromHours(8)).ToUniversalTime();
    }
}
