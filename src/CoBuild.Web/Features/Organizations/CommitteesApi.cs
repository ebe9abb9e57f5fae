using System.ComponentModel.DataAnnotations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

public sealed record SeatItem(int Id, int OrgUnitId, string Committee, int ResidentUnitId, string Unit, string HolderName, SeatPost Post, string PostName, DateOnly TermStart, DateOnly TermEnd);
public sealed record CreateSeat([property: Required] int OrgUnitId, [property: Required] int ResidentUnitId,
    [property: Required(ErrorMessage = "请填写委员姓名。"), StringLength(32, MinimumLength = 1)] string HolderName,
    SeatPost Post, [property: Required] DateOnly TermStart, [property: Required] DateOnly TermEnd);
public sealed record MeetingItem(int Id, int OrgUnitId, string Title, DateTimeOffset HeldAt, string? Location, string Agenda, string? Minutes, int Present, int Absent);
public sealed record CreateMeeting([property: Required] int OrgUnitId, [property: Required, StringLength(120, MinimumLength = 1)] string Title,
    [property: Required] DateTimeOffset HeldAt, [property: StringLength(120)] string? Location, [property: Required, StringLength(4000, MinimumLength = 1)] string Agenda);
public sealed record RecordMinutes([property: Required, StringLength(20000, MinimumLength = 1)] string Minutes);
public sealed record AttendanceMark(int SeatId, bool Present);

/// <summary>大工委/大党委: seats of unit leaders on street and community committees, and their meetings.</summary>
internal static class CommitteesApi
{
    public static IEndpointRouteBuilder MapCommittees(this IEndpointRouteBuilder app)
    {
        var seats = app.MapGroup("/api/v1/committee-seats").WithTags("Committees");
        seats.MapGet("/", ListSeats).AllowAnonymous(); // who sits on which committee is public
        seats.MapPost("/", CreateSeatAsync).RequireAuthorization(Policies.Staff);

        var meetings = app.MapGroup("/api/v1/committee-meetings").WithTags("Committees").RequireAuthorization(Policies.Staff);
        meetings.MapGet("/", ListMeetings);
        meetings.MapPost("/", CreateMeetingAsync);
        meetings.MapPut("/{id:int}/minutes", Minutes);
        meetings.MapPut("/{id:int}/attendance", Attendance);
        return app;
    }

    private static async Task<Ok<List<SeatItem>>> ListSeats(AppDbContext db, int? orgUnitId, CancellationToken ct)
    {
        var query = db.CommitteeSeats.AsNoTracking();
        if (orgUnitId is not null) query = query.Where(s => s.OrgUnitId == orgUnitId);
        var rows = await query.OrderBy(s => s.OrgUnit!.Code).ThenBy(s => s.Post).ThenBy(s => s.Id)
            .Select(s => new { s, Committee = s.OrgUnit!.Name, Unit = s.ResidentUnit!.Name }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new SeatItem(r.s.Id, r.s.OrgUnitId, r.Committee, r.s.ResidentUnitId, r.Unit, r.s.HolderName, r.s.Post,
            CommitteeSeat.PostName(r.s.Post), r.s.TermStart, r.s.TermEnd)).ToList());
    }

    private static async Task<Created<SeatItem>> CreateSeatAsync(CreateSeat request, AppDbContext db, Caller caller, CancellationToken ct)
    {
        var committee = await db.OrgUnits.FirstOrDefaultAsync(o => o.Id == request.OrgUnitId, ct) ?? throw new InvalidInput("orgUnitId", "组织节点不存在。");
        caller.Require(committee);
        var unit = await db.ResidentUnits.FirstOrDefaultAsync(u => u.Id == request.ResidentUnitId, ct) ?? throw new InvalidInput("residentUnitId", "驻区单位不存在。");
        var streetId = committee.Level == OrgLevel.Street ? committee.Id : committee.ParentId;
        if (unit.Kind != UnitKind.DistrictDepartment && unit.StreetId != streetId)
            throw new RuleViolation($"“{unit.Name}”不在{committee.Name}所在街道，不能在此任职。");
        if (await db.CommitteeSeats.AnyAsync(s => s.OrgUnitId == committee.Id && s.HolderName == request.HolderName.Trim() && s.ResidentUnitId == unit.Id && s.TermStart <= request.TermEnd && s.TermEnd >= request.TermStart, ct))
            throw new RuleViolation($"{request.HolderName.Trim()}在该委员会已有任期重叠的席位。");
        var seat = new CommitteeSeat(committee, unit.Id, request.HolderName, request.Post, request.TermStart, request.TermEnd);
        db.CommitteeSeats.Add(seat);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/committee-seats/{seat.Id}", new SeatItem(seat.Id, committee.Id, committee.Name, unit.Id, unit.Name,
            seat.HolderName, seat.Post, CommitteeSeat.PostName(seat.Post), seat.TermStart, seat.TermEnd));
    }

    private static async Task<Ok<List<MeetingItem>>> ListMeetings(AppDbContext db, Caller caller, int? orgUnitId, CancellationToken ct)
    {
        var path = await ScopeQueries.PathAsync(db, caller, orgUnitId, ct);
        return TypedResults.Ok(await ScopeQueries.Meetings(db, path).OrderByDescending(m => m.HeldAt)
            .Select(m => new MeetingItem(m.Id, m.OrgUnitId, m.Title, m.HeldAt, m.Location, m.Agenda, m.Minutes,
                m.Attendance.Count(a => a.Present), m.Attendance.Count(a => !a.Present))).ToListAsync(ct));
    }

    private static async Task<Created<MeetingItem>> CreateMeetingAsync(CreateMeeting request, AppDbContext db, Caller caller, CancellationToken ct)
    {
        var meeting = await MeetingEdits.CreateAsync(db, caller, request.OrgUnitId, request.Title, request.HeldAt, request.Location, request.Agenda, ct);
        return TypedResults.Created($"/api/v1/committee-meetings/{meeting.Id}", ToItem(meeting));
    }

    private static async Task<Ok<MeetingItem>> Minutes(int id, RecordMinutes request, AppDbContext db, Caller caller, CancellationToken ct) =>
        TypedResults.Ok(ToItem(await MeetingEdits.RecordAsync(db, caller, id, request.Minutes, null, ct)));

    private static async Task<Ok<MeetingItem>> Attendance(int id, List<AttendanceMark> marks, AppDbContext db, Caller caller, CancellationToken ct) =>
        TypedResults.Ok(ToItem(await MeetingEdits.RecordAsync(db, caller, id, null, marks, ct)));

    private static MeetingItem ToItem(CommitteeMeeting m) =>
        new(m.Id, m.OrgUnitId, m.Title, m.HeldAt, m.Location, m.Agenda, m.Minutes, m.Attendance.Count(a => a.Present), m.Attendance.Count(a => !a.Present));
}
