namespace CoBuild.Web.Features.ServiceDesk;

public enum CalendarDayKind { Holiday, Workday }

/// <summary>
/// A day that breaks the Monday-to-Friday rule for one district: a public holiday (放假), or a make-up working
/// day (调休上班) on a weekend. Entered each year from the State Council's notice; data, not code.
/// </summary>
public sealed class WorkCalendarDay
{
    private WorkCalendarDay() { }

    public WorkCalendarDay(int districtId, DateOnly date, CalendarDayKind kind, string name, string source)
    {
        DistrictId = districtId;
        Date = date;
        Kind = kind;
        Name = name;
        Source = source;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public DateOnly Date { get; private set; }
    public CalendarDayKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string Source { get; private set; } = "";
}

/// <summary>
/// Working-day deadlines as the Civil Code counts periods (民法典 第201、203条): the intake day never counts, day 1
/// is the next working day, and the period ends at 24:00 local time of its last day. Urgent limits are wall-clock
/// hours from the intake. A year with no entries falls back to weekends only (<see cref="Configured"/> says so).
/// </summary>
public sealed class WorkingDays(IEnumerable<WorkCalendarDay> days)
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private readonly Dictionary<DateOnly, CalendarDayKind> _days = days.ToDictionary(d => d.Date, d => d.Kind);
    private readonly HashSet<int> _years = days.Select(d => d.Date.Year).ToHashSet();

    public bool Configured(int year) => _years.Contains(year);

    public bool IsWorkingDay(DateOnly d) => _days.TryGetValue(d, out var kind)
        ? kind == CalendarDayKind.Workday
        : d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly AddWorkingDays(DateOnly start, int n)
    {
        var d = start;
        while (n > 0)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d)) n--;
        }
        return d;
    }

    /// <summary>The exclusive end of the period: midnight after its last day, as an instant.</summary>
    public DateTimeOffset Deadline(DateTimeOffset from, int workingDays)
    {
        var last = AddWorkingDays(LocalDate(from), workingDays);
        var midnight = last.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, Shanghai.GetUtcOffset(midnight)).ToUniversalTime();
    }

    /// <summary>The last local day a deadline leaves, for display: a period ending at midnight shows the day before.</summary>
    public static DateOnly LastDay(DateTimeOffset end) => LocalDate(end.AddTicks(-1));

    public static DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Shanghai).DateTime);
}
