namespace CoBuild.Web.Features.ServiceDesk;

/// <summary>
/// The State Council's holiday notices for 2025 (国办发明电〔2024〕12号) and 2026 (国办发明电〔2025〕7号), as the
/// district enters them; later years are entered by the district admin when the notice comes out each November.
/// </summary>
public static class WorkCalendarSeed
{
    private const string Source2025 = "国务院办公厅关于2025年部分节假日安排的通知", Source2026 = "国务院办公厅关于2026年部分节假日安排的通知";

    public static IEnumerable<WorkCalendarDay> Days(int districtId)
    {
        (string From, string To, string Name, string Source)[] holidays =
        [
            ("2025-01-01", "2025-01-01", "元旦", Source2025), ("2025-01-28", "2025-02-04", "春节", Source2025), ("2025-04-04", "2025-04-06", "清明节", Source2025),
            ("2025-05-01", "2025-05-05", "劳动节", Source2025), ("2025-05-31", "2025-06-02", "端午节", Source2025), ("2025-10-01", "2025-10-08", "国庆节、中秋节", Source2025),
            ("2026-01-01", "2026-01-03", "元旦", Source2026), ("2026-02-15", "2026-02-23", "春节", Source2026), ("2026-04-04", "2026-04-06", "清明节", Source2026),
            ("2026-05-01", "2026-05-05", "劳动节", Source2026), ("2026-06-19", "2026-06-21", "端午节", Source2026), ("2026-09-25", "2026-09-27", "中秋节", Source2026),
            ("2026-10-01", "2026-10-07", "国庆节", Source2026),
        ];
        (string Date, string Source)[] workdays =
        [
            ("2025-01-26", Source2025), ("2025-02-08", Source2025), ("2025-04-27", Source2025), ("2025-09-28", Source2025), ("2025-10-11", Source2025),
            ("2026-01-04", Source2026), ("2026-02-14", Source2026), ("2026-02-28", Source2026), ("2026-05-09", Source2026), ("2026-09-20", Source2026), ("2026-10-10", Source2026),
        ];
        foreach (var h in holidays)
            for (var d = DateOnly.Parse(h.From); d <= DateOnly.Parse(h.To); d = d.AddDays(1))
                yield return new WorkCalendarDay(districtId, d, CalendarDayKind.Holiday, h.Name, h.Source);
        foreach (var w in workdays) yield return new WorkCalendarDay(districtId, DateOnly.Parse(w.Date), CalendarDayKind.Workday, "调休上班", w.Source);
    }
}
