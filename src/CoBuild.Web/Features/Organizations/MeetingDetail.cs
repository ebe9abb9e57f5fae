using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

/// <summary>Present is null until attendance is recorded for the meeting.</summary>
public sealed record AttendanceRow(int SeatId, string Holder, string Post, string Unit, bool? Present);

internal sealed record MeetingDetail(int Id, string Title, string Committee, DateTimeOffset HeldAt, string? Location, string Agenda, string? Minutes, List<AttendanceRow> Attendance)
{
    /// <summary>Null when the meeting does not exist or its committee is outside the caller's scope.</summary>
    public static async Task<MeetingDetail?> LoadAsync(AppDbContext db, Caller caller, int id)
    {
        var meeting = await ScopeQueries.Meetings(db, caller.PathPrefix).FirstOrDefaultAsync(m => m.Id == id);
        if (meeting is null) return null;
        var committee = await db.OrgUnits.Where(o => o.Id == meeting.OrgUnitId).Select(o => o.Name + (o.Level == OrgLevel.Street ? "大工委" : "大党委")).FirstAsync();
        // Every seat of the committee is invited; the recorded attendance says who came.
        var attendance = await db.CommitteeSeats.AsNoTracking().Where(s => s.OrgUnitId == meeting.OrgUnitId).OrderBy(s => s.Post).ThenBy(s => s.Id)
            .Select(s => new AttendanceRow(s.Id, s.HolderName, s.Post == SeatPost.DeputySecretary ? "兼职副书记" : "兼职委员", s.ResidentUnit!.Name,
                db.Set<MeetingAttendance>().Where(a => a.CommitteeMeetingId == id && a.CommitteeSeatId == s.Id).Select(a => (bool?)a.Present).FirstOrDefault()))
            .ToListAsync();
        return new MeetingDetail(meeting.Id, meeting.Title, committee, meeting.HeldAt, meeting.Location, meeting.Agenda, meeting.Minutes, attendance);
    }
}
