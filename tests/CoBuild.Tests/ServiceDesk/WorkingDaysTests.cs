using CoBuild.Web.Features.ServiceDesk;

namespace CoBuild.Tests.ServiceDesk;

/// <summary>Deadlines as the Civil Code counts them, with the 2026 holiday notice (docs/notes/issue-15-research.md §3.3).</summary>
public sealed class WorkingDaysTests
{
    private static readonly WorkingDays Days = new(WorkCalendarSeed.Days(1).ToList());

    private static DateTimeOffset Local(string at) => DateTimeOffset.Parse(at + "+08:00");

    /// <summary>The instant a period ends: 24:00 local of its last day.</summary>
    private static DateTimeOffset EndOf(string day) => Local(day + "T00:00:00").AddDays(1);

    [Theory]
    [InlineData("2026-03-06T18:30:00", "2026-03-10", "2026-03-17")] // Friday evening: the weekend is skipped
    [InlineData("2026-03-07T10:00:00", "2026-03-10", "2026-03-17")] // Saturday intake counts from Monday
    [InlineData("2026-04-03T09:00:00", "2026-04-08", "2026-04-15")] // 清明: Monday 04-06 is a holiday
    [InlineData("2026-02-13T09:00:00", "2026-02-24", "2026-03-02")] // Saturday 02-14 is a make-up working day, then 春节
    [InlineData("2026-02-14T09:00:00", "2026-02-25", "2026-03-03")] // intake on a make-up Saturday: that day still does not count
    [InlineData("2026-04-30T16:00:00", "2026-05-07", "2026-05-13")] // 劳动节, with Saturday 05-09 worked
    [InlineData("2026-09-30T11:00:00", "2026-10-09", "2026-10-15")] // 国庆节, with Saturday 10-10 worked
    [InlineData("2025-12-31T15:00:00", "2026-01-05", "2026-01-12")] // 元旦, with Sunday 01-04 worked
    public void Accept_in_two_and_handle_in_seven_working_days_counted_from_the_next_working_day(string intake, string acceptBy, string dueBy)
    {
        Assert.Equal(EndOf(acceptBy), Days.Deadline(Local(intake), 2));
        Assert.Equal(EndOf(dueBy), Days.Deadline(Local(intake), 7));
    }

    [Fact]
    public void Intake_day_never_counts_whatever_the_hour()
    {
        Assert.Equal(EndOf("2026-03-10"), Days.Deadline(Local("2026-03-09T00:01:00"), 1));
        Assert.Equal(EndOf("2026-03-10"), Days.Deadline(Local("2026-03-09T23:59:00"), 1));
    }

    [Fact]
    public void A_year_without_a_calendar_falls_back_to_weekends_and_says_so()
    {
        Assert.True(Days.Configured(2026));
        Assert.False(Days.Configured(2027));
        Assert.Equal(EndOf("2027-01-04"), Days.Deadline(Local("2026-12-31T10:00:00"), 2));
        Assert.Equal(EndOf("2027-01-11"), Days.Deadline(Local("2026-12-31T10:00:00"), 7));
    }

    [Fact]
    public void Make_up_days_and_holidays_override_the_weekday_rule()
    {
        Assert.True(Days.IsWorkingDay(new DateOnly(2026, 2, 14)));   // Saturday, worked
        Assert.False(Days.IsWorkingDay(new DateOnly(2026, 2, 16)));  // Monday, 春节
        Assert.False(Days.IsWorkingDay(new DateOnly(2026, 3, 7)));   // ordinary Saturday
        Assert.True(Days.IsWorkingDay(new DateOnly(2026, 3, 9)));    // ordinary Monday
    }
}
