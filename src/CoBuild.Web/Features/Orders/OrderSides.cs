using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Orders;

/// <summary>Which side of an order a caller speaks for, and which steps each side takes.</summary>
internal static class OrderSides
{
    public static bool IsBeneficiary(Caller caller, Order o) => caller.Covers(o.BeneficiaryPath);

    public static bool IsProvider(Caller caller, Order o, string? providerPath) =>
        (o.ProviderUnitId is { } unit && caller.UnitId == unit) || (providerPath is not null && caller.Covers(providerPath));

    /// <summary>Whether the step is possible from this status at all (the same table as <see cref="Order.Apply"/>).</summary>
    public static bool Leads(OrderStatus status, OrderAction action) => (status, action) switch
    {
        (OrderStatus.Requested, OrderAction.Accept or OrderAction.Decline) => true,
        (OrderStatus.Accepted or OrderStatus.Scheduled, OrderAction.Schedule or OrderAction.Deliver) => true,
        (OrderStatus.Delivered, OrderAction.Confirm) => true,
        (OrderStatus.Requested or OrderStatus.Accepted or OrderStatus.Scheduled, OrderAction.Cancel) => true,
        _ => false,
    };

    public static bool CanSee(Caller caller, Order o, string? providerPath) => IsBeneficiary(caller, o) || IsProvider(caller, o, providerPath);

    /// <summary>The side that did not start the order answers it; the provider schedules and delivers; the beneficiary confirms.</summary>
    public static void RequireMay(Caller caller, Order o, string? providerPath, OrderAction action)
    {
        var beneficiary = IsBeneficiary(caller, o);
        var provider = IsProvider(caller, o, providerPath);
        var initiator = o.Kind == OrderKind.Claim ? provider : beneficiary;
        var answerer = o.Kind == OrderKind.Claim ? beneficiary : provider;
        var allowed = action switch
        {
            OrderAction.Accept or OrderAction.Decline => answerer,
            OrderAction.Schedule or OrderAction.Deliver => provider,
            OrderAction.Confirm => beneficiary,
            _ => initiator,
        };
        if (!allowed)
        {
            if (!beneficiary && !provider) throw new UnknownId("订单不存在。");
            throw new Forbidden($"您不能对此{Order.KindName(o.Kind)}执行“{Order.ActionName(action)}”。");
        }
    }
}
