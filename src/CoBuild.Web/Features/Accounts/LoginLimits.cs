namespace CoBuild.Web.Features.Accounts;

/// <summary>Configuration <c>RateLimits:Login</c>: only failed attempts count, so a hall of representatives behind one address all get in.</summary>
internal sealed class LoginLimits
{
    public const string Section = "RateLimits:Login";

    /// <summary>Failed attempts one address may make within <see cref="AddressWindowMinutes"/> before every attempt from it is refused.</summary>
    public int FailuresPerAddress { get; set; } = 50;

    public int AddressWindowMinutes { get; set; } = 15;

    /// <summary>Failed attempts on one user name from one address before that pair waits.</summary>
    public int FailuresBeforeDelay { get; set; } = 5;

    /// <summary>The first wait; each further failure doubles it, up to <see cref="MaxDelayMinutes"/>.</summary>
    public int FirstDelaySeconds { get; set; } = 30;

    public int MaxDelayMinutes { get; set; } = 15;

    /// <summary>How long a pair's failures are remembered after the last one (a success forgets them at once).</summary>
    public int FailureMemoryHours { get; set; } = 24;

    /// <summary>The wait after the <paramref name="failures"/>th failure of a user name from one address, or zero.</summary>
    public TimeSpan DelayAfter(long failures)
    {
        if (failures < FailuresBeforeDelay) return TimeSpan.Zero;
        var doublings = (int)Math.Min(failures - FailuresBeforeDelay, 20);
        var delay = TimeSpan.FromSeconds(FirstDelaySeconds * Math.Pow(2, doublings));
        var max = TimeSpan.FromMinutes(MaxDelayMinutes);
        return delay < max ? delay : max;
    }
}
