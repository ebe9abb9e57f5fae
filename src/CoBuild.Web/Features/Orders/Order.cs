using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Orders;

/// <summary>Claim: a unit takes a community need (认领). Order: a community orders a resource or a unit's offer (点单).</summary>
public enum OrderKind { Claim, Order }

public enum OrderStatus { Requested, Accepted, Declined, Scheduled, Delivered, Confirmed, Cancelled }

public enum OrderAction { Accept, Decline, Schedule, Deliver, Confirm, Cancel }

/// <summary>
/// One order or claim between two sides: the beneficiary (a community or street that receives) and the provider
/// (a unit, or the street that owns a resource). Its life is requested -> accepted | declined -> scheduled ->
/// delivered -> confirmed; the initiator may cancel before delivery. Every step is kept in <see cref="Events"/>.
/// </summary>
public sealed class Order
{
    private readonly List<OrderEvent> _events = [];

    private Order() { }

    internal Order(OrderKind kind, int districtId, int beneficiaryOrgUnitId, string beneficiaryPath, int? providerUnitId, int? providerOrgUnitId,
        int? needId, int? resourceId, string title, string? note, int? amount, DateTimeOffset? slotStart, DateTimeOffset? slotEnd, DateTimeOffset now, string actor)
    {
        if (note is { Length: > 500 }) throw new InvalidInput("note", "留言不超过 500 字。");
        Kind = kind;
        DistrictId = districtId;
        BeneficiaryOrgUnitId = beneficiaryOrgUnitId;
        BeneficiaryPath = beneficiaryPath;
        ProviderUnitId = providerUnitId;
        ProviderOrgUnitId = providerOrgUnitId;
        NeedId = needId;
        ResourceId = resourceId;
        Title = title;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Amount = amount;
        SlotStart = slotStart?.ToUniversalTime();
        SlotEnd = slotEnd?.ToUniversalTime();
        CreatedAt = UpdatedAt = now;
        _events.Add(new OrderEvent(OrderStatus.Requested, now, actor, Note));
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public OrderKind Kind { get; private set; }
    public OrderStatus Status { get; private set; }
    public int BeneficiaryOrgUnitId { get; private set; }
    public string BeneficiaryPath { get; private set; } = "";
    public int? ProviderUnitId { get; private set; }
    public int? ProviderOrgUnitId { get; private set; }
    public int? NeedId { get; private set; }
    public int? ResourceId { get; private set; }
    public int? SelectionRoundId { get; internal set; }
    /// <summary>Title of the need or resource when ordered, so the order reads the same after an edit of the menu.</summary>
    public string Title { get; private set; } = "";
    public string? Note { get; private set; }
    public int? Amount { get; private set; }
    public DateTimeOffset? SlotStart { get; private set; }
    public DateTimeOffset? SlotEnd { get; private set; }
    public DateOnly? ScheduledOn { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyList<OrderEvent> Events => _events;

    /// <summary>Declined and cancelled orders no longer hold a claim slot, a booking or an amount.</summary>
    public bool IsLive => Status is not (OrderStatus.Declined or OrderStatus.Cancelled);

    public static bool Releases(OrderAction action) => action is OrderAction.Decline or OrderAction.Cancel;

    /// <summary>Applies one step allowed from the current status (<see cref="OrderSides.Leads"/>); the caller has checked which side may take it.</summary>
    public void Apply(OrderAction action, DateTimeOffset now, string actor, string? note, DateOnly? scheduledOn)
    {
        if (note is { Length: > 500 }) throw new InvalidInput("note", "留言不超过 500 字。");
        if (!OrderSides.Leads(Status, action)) throw new RuleViolation($"当前状态为“{StatusName(Status)}”，不能{ActionName(action)}。");
        var next = action switch
        {
            OrderAction.Accept => OrderStatus.Accepted,
            OrderAction.Decline => OrderStatus.Declined,
            OrderAction.Schedule => OrderStatus.Scheduled,
            OrderAction.Deliver => OrderStatus.Delivered,
            OrderAction.Confirm => OrderStatus.Confirmed,
            _ => OrderStatus.Cancelled,
        };
        if (action == OrderAction.Schedule)
            ScheduledOn = scheduledOn ?? throw new InvalidInput("scheduledOn", "请填写安排的服务日期。");
        Status = next;
        UpdatedAt = now;
        _events.Add(new OrderEvent(next, now, actor, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
    }

    public static string StatusName(OrderStatus s) => s switch
    {
        OrderStatus.Requested => "待受理",
        OrderStatus.Accepted => "已接受",
        OrderStatus.Declined => "已婉拒",
        OrderStatus.Scheduled => "已排期",
        OrderStatus.Delivered => "已交付",
        OrderStatus.Confirmed => "已确认",
        _ => "已撤回",
    };

    public static string ActionName(OrderAction a) => a switch
    {
        OrderAction.Accept => "接受",
        OrderAction.Decline => "婉拒",
        OrderAction.Schedule => "排期",
        OrderAction.Deliver => "标记交付",
        OrderAction.Confirm => "确认完成",
        _ => "撤回",
    };

    public static string KindName(OrderKind k) => k == OrderKind.Claim ? "认领" : "点单";
}

public sealed class OrderEvent
{
    private OrderEvent() { }
    internal OrderEvent(OrderStatus status, DateTimeOffset at, string actor, string? note) { Status = status; At = at; Actor = actor; Note = note; }
    public int Id { get; private set; }
    public int OrderId { get; private set; }
    public OrderStatus Status { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string Actor { get; private set; } = "";
    public string? Note { get; private set; }
}
