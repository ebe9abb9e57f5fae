using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

public sealed record AttendanceRow(string Holder, string Post, string Unit, bool Present);

internal sealed record MeetingDetail(int Id, string Title, string Committee, DateTimeOffset HeldAt, string? Location, string Agenda, string? Minutes, List<AttendanceRow> Attendance)
{
    /// <summary>Null when the meeting does not exist or its committee is outside the caller's scope.</summary>
    public static async Task<MeetingDetail?> LoadAsync(AppDbContext db, Caller caller, int id)
    {
        var meeting = await ScopeQueries.Meetings(db, caller.PathPrefix).FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return null;
        var committee = await db.OrgUnits.Where(o => o.Id == meeting.OrgUnitId).Select(o => o.Name).FirstAsync();
        var attendance = await (from a in db.Set<MeetingAttendance>()
                                join s in db.CommitteeSeats on a.CommitteeSeatId equals s.Id
                                where a.CommitteeMeetingId == id
                                orderby s.Post, s.Id
                                select new AttendanceRow(s.HolderName, s.Post == SeatPost.DeputySecretary ? "兼职副书记" : "兼职委员", s.ResidentUnit!.Name, a.Present)).ToListAsync();
        return new MeetingDetail(meeting.Id, meeting.Title, committee, meeting.HeldAt, meeting.Location, meeting.Agenda, meeting.Minutes, attendance);
    }
}
