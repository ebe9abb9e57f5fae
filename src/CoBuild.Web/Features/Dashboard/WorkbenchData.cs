using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Dashboard;

/// <summary>The figures and lists of the workbench within the caller's scope; what needs attention today is <see cref="Todo"/>.</summary>
internal sealed record WorkbenchData(string ScopeName, int Communities, int Grids, int Units, int Members, int Seats, int NewMembers,
    List<MemberItem> Recent, List<SeatRow> Ending, MeetingRow? Next, MeetingRow? Last)
{
    public const int RecentDays = 30;
    public const int TermWarningDays = 180;

    public static async Task<WorkbenchData> LoadAsync(AppDbContext db, Caller caller, DateOnly today, DateTimeOffset now)
    {
        var path = caller.PathPrefix;
        var scopeName = await db.OrgUnits.Where(o => o.Id == caller.ScopeOrgUnitId).Select(o => o.Name).FirstOrDefaultAsync() ?? "";
        var levels = await ScopeQueries.OrgUnits(db, path).GroupBy(o => o.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
        var since = today.AddDays(-RecentDays);
        var registrations = MemberQueries.Under(db, path, null);
        var recentQuery = registrations.Where(r => r.ReportedOn >= since);
        var recent = await MemberQueries.Project(recentQuery.OrderByDescending(r => r.ReportedOn).ThenBy(r => r.PartyMemberId).Take(10), caller).ToListAsync();
        var warnUntil = today.AddDays(TermWarningDays);
        var ending = await CommitteeRows.Seats(ScopeQueries.Seats(db, path).Where(s => s.TermEnd >= today && s.TermEnd <= warnUntil)
            .OrderBy(s => s.TermEnd).Take(20)).ToListAsync();
        var meetings = ScopeQueries.Meetings(db, path);
        return new WorkbenchData(scopeName, levels.GetValueOrDefault(OrgLevel.Community), levels.GetValueOrDefault(OrgLevel.Grid),
            await ScopeQueries.Units(db, caller).CountAsync(), await registrations.CountAsync(), await ScopeQueries.Seats(db, path).CountAsync(),
            await recentQuery.CountAsync(), recent, ending,
            await CommitteeRows.Meetings(db, meetings.Where(m => m.HeldAt >= now).OrderBy(m => m.HeldAt).Take(1)).FirstOrDefaultAsync(),
            await CommitteeRows.Meetings(db, meetings.Where(m => m.HeldAt < now).OrderByDescending(m => m.HeldAt).Take(1)).FirstOrDefaultAsync());
    }

}
