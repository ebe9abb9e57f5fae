using CoBuild.Web.Components;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Orders;

/// <summary>
/// Claims, orders and their steps, shared by the API and the pages. Limits (a need's capacity, a fund's remainder,
/// a room's free slots) are checked inside a transaction that first takes the row of the need or resource with a
/// guarded UPDATE: PostgreSQL locks that row, SQLite holds its single writer lock, so parallel requests queue
/// there and each sees what the one before it wrote.
/// </summary>
internal static class OrderEdits
{
    public static async Task<Order> ClaimAsync(AppDbContext db, Caller caller, int needId, string? note, DateTimeOffset now, CancellationToken ct)
    {
        if (caller.UnitId is not { } unitId) throw new Forbidden("只有共建单位可以认领需求。");
        var need = await db.Needs.AsNoTracking().Include(n => n.OrgUnit).FirstOrDefaultAsync(n => n.Id == needId, ct) ?? throw new UnknownId("需求不存在。");
        var unit = await db.ResidentUnits.AsNoTracking().SingleAsync(u => u.Id == unitId, ct);
        var needStreet = need.OrgUnit!.Level == OrgLevel.Street ? need.OrgUnitId : need.OrgUnit.ParentId;
        if (unit.StreetId is not null && unit.StreetId != needStreet) throw new Forbidden("只能认领本街道共建范围内的需求。");
        if (need.Status == NeedStatus.Closed) throw new RuleViolation("该需求已关闭，不能认领。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await TakeNeedPlaceAsync(db, needId, ct)) throw new RuleViolation($"该需求已认满（可共建单位 {need.Capacity} 家）。");
        if (await db.Orders.AnyAsync(o => o.NeedId == needId && o.ProviderUnitId == unitId, ct)) throw new RuleViolation("本单位已认领过该需求。");
        var order = new Order(OrderKind.Claim, need.DistrictId, need.OrgUnitId, need.Path, unitId, null, need.Id, null, need.Title, note, null, null, null, now, caller.UserName);
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        Notify(db, order, toBeneficiary: true, $"{unit.Name} 认领了需求“{need.Title}”", note ?? "请在认领记录中接受或婉拒。", now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return order;
    }

    public static async Task<Order> OrderAsync(AppDbContext db, Caller caller, int resourceId, int? beneficiaryId, string? note, int? amount,
        DateTimeOffset? slotStart, DateTimeOffset? slotEnd, DateTimeOffset now, CancellationToken ct)
    {
        var beneficiary = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == (beneficiaryId ?? caller.ScopeOrgUnitId), ct);
        if (beneficiary is null) throw new Forbidden("只有社区或街道可以点单。");
        caller.Require(beneficiary);
        if (beneficiary.Level is not (OrgLevel.Street or OrgLevel.Community)) throw new InvalidInput("orgUnitId", "请以社区或街道的名义点单。");
        var resource = await db.Resources.AsNoTracking().Include(r => r.OwnerUnit).Include(r => r.OwnerOrgUnit).FirstOrDefaultAsync(r => r.Id == resourceId, ct)
            ?? throw new UnknownId("资源不存在。");
        var street = beneficiary.Level == OrgLevel.Street ? beneficiary.Id : beneficiary.ParentId;
        if (resource.StreetId is not null && resource.StreetId != street) throw new Forbidden("只能向本街道的资源和共建单位点单。");
        if (!resource.Active) throw new RuleViolation("该资源已下架。");
        if (resource.OwnerOrgUnitId == beneficiary.Id) throw new RuleViolation("不能向自己的资源点单。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (resource.Mode == BookingMode.Amount)
        {
            if (amount is null or < 1) throw new InvalidInput("amount", $"请填写申请的数量（{Resource.AmountUnit(resource.Kind)}），至少为 1。");
            slotStart = slotEnd = null;
            var took = await db.Resources.Where(r => r.Id == resourceId && r.Active && r.Remaining >= amount)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Remaining, r => r.Remaining - amount), ct);
            if (took == 0)
            {
                var left = await db.Resources.Where(r => r.Id == resourceId).Select(r => new { r.Remaining, r.Active }).SingleAsync(ct);
                if (!left.Active) throw new RuleViolation("该资源已下架。");
                throw new RuleViolation($"申请 {amount} {Resource.AmountUnit(resource.Kind)}超出剩余额度：仅剩 {left.Remaining} {Resource.AmountUnit(resource.Kind)}。");
            }
        }
        else
        {
            if (slotStart is null || slotEnd is null) throw new InvalidInput("slotStart", "请填写预约的开始和结束时间。");
            if (slotEnd <= slotStart) throw new InvalidInput("slotEnd", "结束时间必须晚于开始时间。");
            if (slotEnd - slotStart > TimeSpan.FromDays(7)) throw new InvalidInput("slotEnd", "一次预约不超过 7 天。");
            if (slotStart < now.AddMinutes(-5)) throw new InvalidInput("slotStart", "不能预约已经过去的时间。");
            amount = null;
            if (await db.Resources.Where(r => r.Id == resourceId && r.Active).ExecuteUpdateAsync(s => s.SetProperty(r => r.Version, r => r.Version + 1), ct) == 0)
                throw new RuleViolation("该资源已下架。");
            var (start, end) = (slotStart.Value.ToUniversalTime(), slotEnd.Value.ToUniversalTime());
            var clash = await db.Orders.Where(o => o.ResourceId == resourceId && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled
                    && o.SlotStart < end && o.SlotEnd > start)
                .Select(o => new { o.SlotStart, o.SlotEnd }).FirstOrDefaultAsync(ct);
            if (clash is not null)
                throw new RuleViolation($"与已预约的时段 {Display.Slot(clash.SlotStart!.Value, clash.SlotEnd!.Value)} 冲突，请换一个时间。");
        }
        var order = new Order(OrderKind.Order, beneficiary.DistrictId, beneficiary.Id, beneficiary.Path, resource.OwnerUnitId, resource.OwnerOrgUnitId,
            null, resource.Id, resource.Title, note, amount, slotStart, slotEnd, now, caller.UserName);
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        var what = amount is null ? Display.Slot(order.SlotStart!.Value, order.SlotEnd!.Value) : $"{amount} {Resource.AmountUnit(resource.Kind)}";
        Notify(db, order, toBeneficiary: false, $"{beneficiary.Name} 点单“{resource.Title}”", $"{what}。{note}".TrimEnd(), now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return order;
    }

    public static async Task<Order> StepAsync(AppDbContext db, Caller caller, int orderId, OrderAction action, string? note, DateOnly? scheduledOn, DateTimeOffset now, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Events).FirstOrDefaultAsync(o => o.Id == orderId, ct) ?? throw new UnknownId("订单不存在。");
        var providerPath = await ProviderPathAsync(db, order, ct);
        OrderSides.RequireMay(caller, order, providerPath, action);
        var wasLive = order.IsLive;
        order.Apply(action, now, caller.UserName, note, scheduledOn);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (wasLive && !order.IsLive) await ReleaseAsync(db, order, ct);
        var toBeneficiary = OrderSides.NotifiesBeneficiary(order, action);
        var text = action == OrderAction.Schedule ? $"服务日期：{Display.Date(order.ScheduledOn!.Value)}。{note}" : note ?? "";
        Notify(db, order, toBeneficiary, $"“{order.Title}”{Order.StatusName(order.Status)}", text.TrimEnd(), now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return order;
    }

    /// <summary>One place of an open need, if one is free; under the row lock, so parallel claims queue here.</summary>
    public static async Task<bool> TakeNeedPlaceAsync(AppDbContext db, int needId, CancellationToken ct) =>
        await db.Needs.Where(n => n.Id == needId && n.Status == NeedStatus.Open && n.Claimed < n.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Claimed, n => n.Claimed + 1), ct) > 0;

    /// <summary>
    /// Takes the need's row and returns its free places. <see cref="Need.Claimed"/> counts live claims and live auction
    /// awards, so what is free here is what neither a claim nor a hammer may exceed; call inside a transaction.
    /// </summary>
    public static async Task<int> FreeNeedPlacesAsync(AppDbContext db, int needId, CancellationToken ct)
    {
        await db.Needs.Where(n => n.Id == needId).ExecuteUpdateAsync(s => s.SetProperty(n => n.Claimed, n => n.Claimed), ct);
        return await db.Needs.Where(n => n.Id == needId).Select(n => n.Capacity - n.Claimed).SingleAsync(ct);
    }

    /// <summary>Places for a hammer's awards: all of them or none, whatever the need's status.</summary>
    public static async Task<bool> TakeNeedPlacesAsync(AppDbContext db, int needId, int count, CancellationToken ct) =>
        await db.Needs.Where(n => n.Id == needId && n.Claimed + count <= n.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.Claimed, n => n.Claimed + count), ct) > 0;

    public static async Task ReleaseNeedPlacesAsync(AppDbContext db, int needId, int count, CancellationToken ct) =>
        await db.Needs.Where(n => n.Id == needId && n.Claimed >= count).ExecuteUpdateAsync(s => s.SetProperty(n => n.Claimed, n => n.Claimed - count), ct);

    /// <summary>A declined or cancelled order gives back its claim slot or its amount; a slot is freed by its status alone.</summary>
    private static async Task ReleaseAsync(AppDbContext db, Order order, CancellationToken ct)
    {
        if (order.NeedId is { } needId)
            await db.Needs.Where(n => n.Id == needId).ExecuteUpdateAsync(s => s.SetProperty(n => n.Claimed, n => n.Claimed - 1), ct);
        if (order is { ResourceId: { } resourceId, Amount: { } amount })
            await db.Resources.Where(r => r.Id == resourceId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Remaining, r => r.Remaining + amount), ct);
    }

    public static async Task<string?> ProviderPathAsync(AppDbContext db, Order order, CancellationToken ct) =>
        order.ProviderOrgUnitId is { } id ? await db.OrgUnits.Where(o => o.Id == id).Select(o => o.Path).SingleAsync(ct) : null;

    public static void Notify(AppDbContext db, Order order, bool toBeneficiary, string title, string body, DateTimeOffset now)
    {
        var link = $"/m/orders/{order.Id}";
        db.Notifications.Add(toBeneficiary
            ? new Notification(order.DistrictId, order.BeneficiaryOrgUnitId, null, title, body, link, now)
            : new Notification(order.DistrictId, order.ProviderOrgUnitId, order.ProviderOrgUnitId is null ? order.ProviderUnitId : null, title, body, link, now));
    }
}
