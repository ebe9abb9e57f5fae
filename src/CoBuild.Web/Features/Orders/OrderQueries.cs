using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Orders;

public sealed record OrderEventItem(OrderStatus Status, string StatusName, DateTimeOffset At, string Actor, string? Note);
public sealed record OrderItem(int Id, OrderKind Kind, string KindName, OrderStatus Status, string StatusName, string Title, int BeneficiaryOrgUnitId, string Beneficiary,
    int? ProviderUnitId, int? ProviderOrgUnitId, string Provider, int? NeedId, int? ResourceId, int? SelectionRoundId, string? Note, int? Amount,
    DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd, DateOnly? ScheduledOn, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, List<OrderEventItem> Events);

/// <summary>The step an order waits for from the caller: answer a request or claim, deliver, or confirm a delivery.</summary>
public enum OrderWaiting { Answer, Deliver, Confirm }

internal static class OrderQueries
{
    /// <summary>
    /// Orders whose next step is the caller's to take (the table of <see cref="OrderSides.Taker"/>, written as SQL):
    /// the side that did not start an order answers it, the provider delivers, the beneficiary confirms. When a
    /// scope covers both sides it speaks for its own node as <see cref="OrderSides.Of"/> decides.
    /// </summary>
    public static IQueryable<Order> Waiting(AppDbContext db, Caller caller, OrderWaiting waiting)
    {
        var query = Mine(db, caller);
        if (caller.UnitId is not null)
            return waiting switch
            {
                OrderWaiting.Answer => query.Where(o => o.Status == OrderStatus.Requested && o.Kind == OrderKind.Order),
                OrderWaiting.Deliver => query.Where(o => o.Status == OrderStatus.Accepted || o.Status == OrderStatus.Scheduled),
                _ => query.Where(o => false),
            };
        if (!caller.IsStaff) return query.Where(o => false);
        var path = caller.PathPrefix;
        var end = PathRange.End(path);
        var sides = query.Select(o => new
        {
            Order = o,
            Beneficiary = o.BeneficiaryPath.CompareTo(path) >= 0 && o.BeneficiaryPath.CompareTo(end) < 0,
            Provider = db.OrgUnits.Any(n => n.Id == o.ProviderOrgUnitId && n.Path.CompareTo(path) >= 0 && n.Path.CompareTo(end) < 0),
        }).Select(x => new
        {
            x.Order,
            Beneficiary = x.Beneficiary && !(x.Provider && x.Order.BeneficiaryPath != path),
            Provider = x.Provider && !(x.Beneficiary && x.Order.BeneficiaryPath == path),
        });
        return (waiting switch
        {
            OrderWaiting.Answer => sides.Where(x => x.Order.Status == OrderStatus.Requested
                && ((x.Order.Kind == OrderKind.Claim && x.Beneficiary) || (x.Order.Kind == OrderKind.Order && x.Provider))),
            OrderWaiting.Deliver => sides.Where(x => (x.Order.Status == OrderStatus.Accepted || x.Order.Status == OrderStatus.Scheduled) && x.Provider),
            _ => sides.Where(x => x.Order.Status == OrderStatus.Delivered && x.Beneficiary),
        }).Select(x => x.Order);
    }

    public static OrderWaiting? ParseWaiting(string? value) =>
        Enum.TryParse<OrderWaiting>(value, true, out var w) && Enum.IsDefined(w) && !int.TryParse(value, out _) ? w : null;

    /// <summary>Orders where the caller is one of the two sides: its unit provides, or its scope covers the beneficiary or the providing street.</summary>
    public static IQueryable<Order> Mine(AppDbContext db, Caller caller)
    {
        var query = db.Orders.AsNoTracking();
        if (caller.UnitId is { } unitId) return query.Where(o => o.ProviderUnitId == unitId);
        if (!caller.IsStaff) return query.Where(o => false);
        if (caller.Role == Roles.DistrictAdmin) return query.Where(o => o.DistrictId == caller.DistrictId);
        var path = caller.PathPrefix;
        return query.Where(o => (o.BeneficiaryPath.CompareTo(path) >= 0 && o.BeneficiaryPath.CompareTo(PathRange.End(path)) < 0)
            || db.OrgUnits.Any(n => n.Id == o.ProviderOrgUnitId && n.Path.CompareTo(path) >= 0 && n.Path.CompareTo(PathRange.End(path)) < 0));
    }

    public static IQueryable<OrderItem> Project(AppDbContext db, IQueryable<Order> query) => query.Select(o => new OrderItem(o.Id, o.Kind,
        Order.KindName(o.Kind), o.Status, Order.StatusName(o.Status), o.Title, o.BeneficiaryOrgUnitId,
        db.OrgUnits.Where(n => n.Id == o.BeneficiaryOrgUnitId).Select(n => n.Name).First(), o.ProviderUnitId, o.ProviderOrgUnitId,
        o.ProviderUnitId != null ? db.ResidentUnits.Where(u => u.Id == o.ProviderUnitId).Select(u => u.Name).First() : db.OrgUnits.Where(n => n.Id == o.ProviderOrgUnitId).Select(n => n.Name).First(),
        o.NeedId, o.ResourceId, o.SelectionRoundId, o.Note, o.Amount, o.SlotStart, o.SlotEnd, o.ScheduledOn, o.CreatedAt, o.UpdatedAt, new List<OrderEventItem>()));

    public static async Task<OrderItem> ItemAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var item = await Project(db, db.Orders.Where(o => o.Id == id)).SingleAsync(ct);
        var events = await db.OrderEvents.AsNoTracking().Where(e => e.OrderId == id).OrderBy(e => e.Id).ToListAsync(ct);
        var who = await ActorNames.ResolveAsync(db, events.Select(e => e.Actor), ct);
        return item with { Events = events.Select(e => new OrderEventItem(e.Status, Order.StatusName(e.Status), e.At, who.GetValueOrDefault(e.Actor) ?? e.Actor, e.Note)).ToList() };
    }

    /// <summary>One order for a side of it, with the path of a providing street; anyone else gets a 404 so that ids reveal nothing.</summary>
    public static async Task<(Order Order, string? ProviderPath)> FindVisibleAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct) ?? throw new UnknownId("订单不存在。");
        var providerPath = await OrderEdits.ProviderPathAsync(db, order, ct);
        if (!OrderSides.CanSee(caller, order, providerPath)) throw new UnknownId("订单不存在。");
        return (order, providerPath);
    }

    public static async Task<OrderItem> VisibleAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        await FindVisibleAsync(db, caller, id, ct);
        return await ItemAsync(db, id, ct);
    }
}
