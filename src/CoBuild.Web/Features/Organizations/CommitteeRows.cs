using CoBuild.Web.Infrastructure.Data;

namespace CoBuild.Web.Features.Organizations;

public sealed record SeatRow(int Id, int CommitteeId, string Committee, string Holder, string Post, string Unit, DateOnly TermStart, DateOnly TermEnd);
/// <summary>Invited is the committee's seat count; Present counts the attendance recorded after the meeting.</summary>
public sealed record MeetingRow(int Id, int CommitteeId, string Committee, string Title, DateTimeOffset HeldAt, string? Location, int Present, int Invited);

/// <summary>Filter and order before projecting: EF cannot compose over a record constructor. Seat and meeting projections shared by the workbench, the committees page and the org page.</summary>
internal static class CommitteeRows
{
    public static IQueryable<SeatRow> Seats(IQueryable<CommitteeSeat> seats) =>
        seats.Select(s => new SeatRow(s.Id, s.OrgUnitId, s.OrgUnit!.Name + (s.OrgUnit.Level == OrgLevel.Street ? "大工委" : "大党委"), s.HolderName, s.Post == SeatPost.DeputySecretary ? "兼职副书记" : "兼职委员",
            s.ResidentUnit!.Name, s.TermStart, s.TermEnd));

    public static IQueryable<MeetingRow> Meetings(AppDbContext db, IQueryable<CommitteeMeeting> meetings) =>
        from m in meetings
        join o in db.OrgUnits on m.OrgUnitId equals o.Id
        select new MeetingRow(m.Id, o.Id, o.Name + (o.Level == OrgLevel.Street ? "大工委" : "大党委"), m.Title, m.HeldAt, m.Location, m.Attendance.Count(a => a.Present),
            db.CommitteeSeats.Count(s => s.OrgUnitId == o.Id));
}
