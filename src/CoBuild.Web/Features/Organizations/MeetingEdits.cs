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
        if (committee.Level is not (OrgLevel.Street or OrgLevel.Community)) throw new RuleViolation("只有街道大工委和社区大党委召开联席会议。");
        if (string.IsNullOrWhiteSpace(agenda)) throw new InvalidInput("agenda", "请填写会议议程。");
        if (title?.Trim() is not { Length: > 0 and <= 120 }) throw new InvalidInput("title", "会议名称不能为空，且不超过 120 个字。");
        if (location is { Length: > 120 }) throw new InvalidInput("location", "地点不超过 120 个字。");
        if (agenda.Length > 4000) throw new InvalidInput("agenda", "议程不超过 4000 个字。");
        var meeting = new CommitteeMeeting(committee, title, heldAt.ToUniversalTime(), string.IsNullOrWhiteSpace(location) ? null : location.Trim(), agenda.Trim());
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
            var seatIds = await db.CommitteeSeats.Where(s => s.OrgUnitId == meeting.OrgUnitId).Select(s => s.Id).ToListAsync(ct);
            if (marks.FirstOrDefault(m => !seatIds.Contains(m.SeatId)) is { } bad) throw new InvalidInput("seatId", $"席位 {bad.SeatId} 不属于本委员会。");
            if (marks.GroupBy(m => m.SeatId).FirstOrDefault(g => g.Count() > 1) is { } dup) throw new InvalidInput("seatId", $"席位 {dup.Key} 重复出现。");
            foreach (var m in marks) meeting.MarkAttendance(m.SeatId, m.Present);
        }
        if (minutes is not null)
        {
            minutes = minutes.Trim();
            if (minutes.Length is 0 or > 20000) throw new InvalidInput("minutes", "纪要不能为空，且不超过 20000 字。");
            meeting.RecordMinutes(minutes);
        }
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}
