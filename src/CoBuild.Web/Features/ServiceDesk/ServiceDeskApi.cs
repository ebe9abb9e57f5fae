using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

public sealed record TakeHelpRequest(int CommitmentId, string? Description);

public sealed record CalendarDayInput(DateOnly Date, CalendarDayKind Kind, string Name);

public sealed record CalendarYear(int Year, bool Configured, IReadOnlyList<CalendarDayInput> Days);

/// <summary>The community living room under /api/v1: the catalogue, requests and their steps, the board, the working-day calendar.</summary>
internal static class ServiceDeskApi
{
    public static IEndpointRouteBuilder MapServiceDesk(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("ServiceDesk");
        api.MapGet("/service-catalogue", async (int? community, AppDbContext db, Caller caller, CancellationToken ct) =>
            TypedResults.Ok(await CatalogueEdits.CurrentAsync(db, community, caller, ct))).RequireAuthorization(Policies.SignedIn);
        api.MapPost("/service-catalogue", async (CatalogueInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var c = await CatalogueEdits.PublishAsync(db, caller, input, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/service-catalogue?community={c.CommunityId}", await CatalogueEdits.CurrentAsync(db, c.CommunityId, caller, ct));
        }).RequireAuthorization(Policies.Staff);

        var requests = api.MapGroup("/requests");
        requests.MapPost("/", Intake).RequireAuthorization(Policies.StaffOrResident);
        requests.MapGet("/", (AppDbContext db, Caller caller, TimeProvider clock, int? community, TicketStatus? status, TicketLevel? level, bool? overdue, string? q,
            int? page, int? pageSize, CancellationToken ct) => TicketQueries.ListAsync(db, caller, community, status, level, overdue, q, page, pageSize, clock.GetUtcNow(), ct))
            .RequireAuthorization(Policies.SignedIn);
        requests.MapGet("/{id:int}", (int id, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            TicketQueries.DetailAsync(db, caller, id, clock.GetUtcNow(), ct)).RequireAuthorization(Policies.SignedIn);
        Step(requests, "assign", TicketAction.Assign, Policies.StaffOrPartnerUnit);
        Step(requests, "note", TicketAction.Note, Policies.StaffOrPartnerUnit);
        Step(requests, "close", TicketAction.Close, Policies.StaffOrPartnerUnit);
        Step(requests, "escalate", TicketAction.Escalate, Policies.Staff);
        Step(requests, "route", TicketAction.Route, Policies.Staff);
        Step(requests, "return", TicketAction.Return, Policies.PartnerUnit);
        Step(requests, "help", TicketAction.AskHelp, Policies.Staff);
        // The resident rates from the receipt's link (its code) without an account, or signed in as the resident who filed it.
        Step(requests, "rate", TicketAction.Rate, null);
        requests.MapPost("/{id:int}/take", async (int id, TakeHelpRequest input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await TicketEdits.TakeHelpAsync(db, caller, id, input.CommitmentId, input.Description, clock, ct);
            return TypedResults.Ok(await TicketQueries.DetailAsync(db, caller, id, clock.GetUtcNow(), ct));
        }).RequireAuthorization(Policies.PartnerUnit);

        api.MapGet("/service-desk/board", (int? node, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            DeskBoard.ForAsync(db, caller, node, clock.GetUtcNow(), ct)).RequireAuthorization(Policies.Staff);
        api.MapPost("/grid-visits", async (GridVisitInput input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var row = await GridVisitEdits.LogAsync(db, caller, input, clock, ct);
            return TypedResults.Created($"/api/v1/grid-visits?node={row.GridId}", row);
        }).RequireAuthorization(Policies.Staff);
        api.MapGet("/grid-visits", (int? node, int? days, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) => GridVisitEdits.ListAsync(db, caller, node, days, clock, ct))
            .RequireAuthorization(Policies.Staff);
        api.MapGet("/work-calendar/{year:int}", (int year, AppDbContext db, Caller caller, CancellationToken ct) => CalendarAsync(db, caller, year, ct))
            .RequireAuthorization(Policies.Staff);
        api.MapPut("/work-calendar/{year:int}", SetCalendar).RequireAuthorization(Policies.DistrictAdmin);
        return app;
    }

    private static async Task<Created<IntakeReceipt>> Intake(IntakeRequest input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var t = await TicketEdits.IntakeAsync(db, caller, input, null, null, clock.GetUtcNow(), ct);
        return TypedResults.Created($"/api/v1/requests/{t.Id}", Receipt(t));
    }

    public static IntakeReceipt Receipt(Ticket t) => new(t.Id, t.Number, t.Status, t.AcceptBy, t.DueBy, $"/m/requests/{t.Id}?code={t.RatingCode}");

    private static void Step(RouteGroupBuilder requests, string name, TicketAction action, string? policy)
    {
        var route = requests.MapPost($"/{{id:int}}/{name}", async (int id, StepInput? input, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        {
            var caller = Caller.From(http.User);
            var now = clock.GetUtcNow();
            var t = await TicketEdits.StepAsync(db, caller, id, action, input ?? new StepInput(), now, ct);
            // The rater without an account, and a department that has just sent the request back, no longer see it.
            return caller is null || !TicketEdits.MaySee(caller, t) ? Results.NoContent() : Results.Ok(await TicketQueries.DetailAsync(db, caller, t.Id, now, ct));
        }).Produces<TicketDetail>().Produces(StatusCodes.Status204NoContent);
        if (policy is null) route.AllowAnonymous();
        else route.RequireAuthorization(policy);
    }

    private static async Task<CalendarYear> CalendarAsync(AppDbContext db, Caller caller, int year, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) throw new InvalidInput("year", "年份须在 2000–2100 之间。");
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var days = await db.WorkCalendarDays.AsNoTracking().Where(d => d.DistrictId == caller.DistrictId && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date).Select(d => new CalendarDayInput(d.Date, d.Kind, d.Name)).ToListAsync(ct);
        return new CalendarYear(year, days.Count > 0, days);
    }

    /// <summary>Replaces a year's holidays and make-up days; requests already filed keep the deadlines they were given.</summary>
    private static async Task<Ok<CalendarYear>> SetCalendar(int year, CalendarYear input, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        if (year is < 2000 or > 2100) throw new InvalidInput("year", "年份须在 2000–2100 之间。");
        if (input.Days is not { Count: <= 120 }) throw new InvalidInput("days", "一年最多 120 个特殊日期。");
        foreach (var d in input.Days)
        {
            if (d.Date.Year != year) throw new InvalidInput("days", $"{d.Date:yyyy-MM-dd} 不在 {year} 年内。");
            if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Trim().Length > 20) throw new InvalidInput("days", $"{d.Date:yyyy-MM-dd} 须有名称，且不超过 20 个字。");
        }
        if (input.Days.GroupBy(d => d.Date).Any(g => g.Count() > 1)) throw new InvalidInput("days", "同一日期只能出现一次。");
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var old = await db.WorkCalendarDays.Where(d => d.DistrictId == caller.DistrictId && d.Date >= from && d.Date <= to).ToListAsync(ct);
        db.WorkCalendarDays.RemoveRange(old);
        await db.SaveChangesAsync(ct);
        db.WorkCalendarDays.AddRange(input.Days.Select(d => new WorkCalendarDay(caller.DistrictId, d.Date, d.Kind, d.Name.Trim(), $"{caller.UserName} {now:yyyy-MM-dd}")));
        await db.SaveChangesAsync(ct);
        await Audit.AuditTrail.AppendAsync(db, caller.DistrictId, caller.UserName, now, new Audit.AuditEvent("work-calendar", year, "set",
            old.Select(d => new { d.Date, d.Kind }), input.Days.Select(d => new { d.Date, d.Kind })), ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(await CalendarAsync(db, caller, year, ct));
    }
}
