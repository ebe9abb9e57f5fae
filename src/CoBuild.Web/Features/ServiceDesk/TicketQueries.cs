using CoBuild.Web.Features.Menus;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceDesk;

public sealed record TicketRow(int Id, string Number, int CommunityId, string CommunityName, string CategoryCode, string CategoryName, string Description,
    TicketStatus Status, TicketLevel Level, TicketChannel Channel, bool Urgent, string? ResidentName, string? Phone, string? Assignee, Platform? Platform,
    DateTimeOffset ReceivedAt, DateTimeOffset AcceptBy, DateTimeOffset DueBy, DateTimeOffset? ClosedAt, bool Overdue, Satisfaction? Rating);

public sealed record TicketStep(TicketAction Action, DateTimeOffset At, string Actor, TicketLevel Level, string? Text, bool Public);

public sealed record TicketDetail(TicketRow Ticket, string? Address, double? Lat, double? Long, IReadOnlyDictionary<string, string[]> Fields,
    string? Result, string? DepartmentName, string? HelperUnitName, int? HelperContractId, int? DeliveryId, IReadOnlyList<TicketStep> Steps);

/// <summary>Intake answer: the number on the receipt and the deadlines; <c>RateUrl</c> is the receipt's rating link for the resident.</summary>
public sealed record IntakeReceipt(int Id, string Number, TicketStatus Status, DateTimeOffset AcceptBy, DateTimeOffset DueBy, string RateUrl);

internal static class TicketQueries
{
    /// <summary>Requests the caller may see: staff by scope, a department or helping unit the ones sent to it, a resident their own.</summary>
    public static IQueryable<Ticket> Visible(AppDbContext db, Caller caller)
    {
        var q = db.Tickets.AsNoTracking();
        if (caller.IsStaff) return q.Under(t => t.Path, caller.PathPrefix);
        if (caller.UnitId is { } u) return q.Where(t => t.DepartmentUnitId == u || t.HelperUnitId == u);
        if (caller.Role == Roles.Resident) return q.Where(t => t.CreatedBy == caller.UserName);
        return q.Where(t => false);
    }

    public static async Task<MenuPage<TicketRow>> ListAsync(AppDbContext db, Caller caller, int? community, TicketStatus? status, TicketLevel? level,
        bool? overdue, string? q, int? page, int? pageSize, DateTimeOffset now, CancellationToken ct)
    {
        var query = Visible(db, caller);
        if (community is { } c) query = query.Where(t => t.CommunityId == c);
        if (status is { } s) query = query.Where(t => t.Status == s);
        if (level is { } l) query = query.Where(t => t.Level == l);
        if (overdue == true) query = query.Where(t => t.Status != TicketStatus.Closed && t.DueBy <= now);
        if (!string.IsNullOrWhiteSpace(q))
        {
            var k = q.Trim()[..Math.Min(q.Trim().Length, 40)];
            query = query.Where(t => t.Number.Contains(k) || t.Description.Contains(k) || t.CategoryName.Contains(k));
        }
        var f = new MenuFilter(Page: page, PageSize: pageSize);
        var result = await MenuQueries.PageAsync(Rows(db, query.OrderByDescending(t => t.ReceivedAt).ThenByDescending(t => t.Id), now), f, ct);
        return result with { Items = [.. result.Items.Select(r => Masked(caller, r, fullPhone: false))] };
    }

    public static async Task<TicketDetail> DetailAsync(AppDbContext db, Caller caller, int id, DateTimeOffset now, CancellationToken ct)
    {
        var t = await db.Tickets.AsNoTracking().Include(x => x.Events).FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new UnknownId("事项不存在。");
        if (!TicketEdits.MaySee(caller, t)) throw new UnknownId("事项不存在。");
        var row = Masked(caller, await Rows(db, db.Tickets.AsNoTracking().Where(x => x.Id == id), now).SingleAsync(ct), fullPhone: caller.Covers(t.DistrictId, t.Path));
        var units = await db.ResidentUnits.Where(u => u.Id == t.DepartmentUnitId || u.Id == t.HelperUnitId).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var steps = t.Events.OrderBy(e => e.At).ThenBy(e => e.Id)
            .Where(e => e.Public || caller.IsStaff || caller.UnitId is not null)
            .Select(e => new TicketStep(e.Action, e.At, e.Actor, e.Level, e.Text, e.Public)).ToList();
        return new TicketDetail(row, t.Address, t.Lat, t.Long, t.Answers, t.Result,
            t.DepartmentUnitId is { } d ? units.GetValueOrDefault(d) : null, t.HelperUnitId is { } h ? units.GetValueOrDefault(h) : null,
            t.HelperContractId, t.DeliveryId, steps);
    }

    public static IQueryable<TicketRow> Rows(AppDbContext db, IQueryable<Ticket> q, DateTimeOffset now) =>
        q.Join(db.OrgUnits, t => t.CommunityId, o => o.Id, (t, o) => new TicketRow(t.Id, t.Number, t.CommunityId, o.Name, t.CategoryCode, t.CategoryName,
            t.Description, t.Status, t.Level, t.Channel, t.Urgent, t.ResidentName, t.Phone, t.Assignee, t.Platform,
            t.ReceivedAt, t.AcceptBy, t.DueBy, t.ClosedAt, t.Status != TicketStatus.Closed && t.DueBy <= now, t.Rating));

    /// <summary>Staff see the resident's name and, on the request itself, the phone; units and departments a masked name; the resident their own.</summary>
    public static TicketRow Masked(Caller caller, TicketRow r, bool fullPhone)
    {
        if (caller.Role == Roles.Resident) return r;
        var name = caller.IsStaff || r.ResidentName is null ? r.ResidentName : r.ResidentName[..1] + new string('*', r.ResidentName.Length - 1);
        return r with { ResidentName = name, Phone = fullPhone ? r.Phone : PhoneNumber.Mask(r.Phone) };
    }
}
