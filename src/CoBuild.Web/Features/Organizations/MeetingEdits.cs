using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

/// <summary>Minutes and attendance of a committee meeting, shared by the API and the committees page.</summary>
internal static class MeetingEdits
{
    public static async Task<CommitteeMeeting> CreateAsync(AppDbContext db, Caller caller, int orgUnitId, string title, DateTimeOffset heldAt, string? location, string agenda, CancellationToken ct)
    {
        var committee = await db.OrgUnits.FirstOrDefaultAsync(o => o.Id == orgUnitId, ct) ?? throw new InvalidInput("orgUnitId", "组织节点不存在。");
        caller.Require(committee);
        var meeting = new CommitteeMeeting(committee, title, heldAt, location, agenda);
        db.CommitteeMeetings.Add(meeting);
        await db.SaveChangesAsync(ct);
        return meeting;
    }

    /// <summary>Records what is given (minutes, attendance or both) in one save; a seat of another committee rejects all of it.</summary>
    public static async Task<CommitteeMeeting> RecordAsync(AppDbContext db, Caller caller, int id, string? minutes, IReadOnlyList<AttendanceMark>? marks, CancellationToken ct)
    {
        var meeting = await db.CommitteeMeetings.Include(m => m.Attendance).FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw new UnknownId("会议不存在。");
        var node = await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == meeting.OrgUnitId, ct);
        caller.Require(node);
        if (marks is { Count: > 0 })
        {
            // A JSON body of [null] binds to a list with a null item: refuse it with the index.
            for (var i = 0; i < marks.Count; i++)
                if (marks[i] is null) throw new InvalidInput($"[{i}]", "出席记录不能为空。");
            var seatIds = await db.CommitteeSeats.Where(s => s.OrgUnitId == meeting.OrgUnitId).Select(s => s.Id).ToListAsync(ct);
            if (marks.FirstOrDefault(m => !seatIds.Contains(m.SeatId)) is { } bad) throw new InvalidInput("seatId", $"席位 {bad.SeatId} 不属于本委员会。");
            if (marks.GroupBy(m => m.SeatId).FirstOrDefault(g => g.Count() > 1) is { } dup) throw new InvalidInput("seatId", $"席位 {dup.Key} 重复出现。");
            foreach (var m in marks) meeting.MarkAttendance(m.SeatId, m.Present);
        }
        if (minutes is not null) meeting.RecordMinutes(minutes);
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
