using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Orders;

/// <summary>Which side of an order a caller speaks for, and which steps each side takes.</summary>
internal static class OrderSides
{
    [Flags]
    public enum Side { None = 0, Beneficiary = 1, Provider = 2 }

    /// <summary>
    /// The side a caller speaks for. A street covers both its community (beneficiary) and its own resource
    /// (provider); one account never plays both, so it speaks for the side that is its own node, and an account
    /// above both (the district) for the provider. Nobody delivers and confirms the same order.
    /// </summary>
    public static Side Of(Caller caller, Order o, string? providerPath)
    {
        var beneficiary = caller.Covers(o.DistrictId, o.BeneficiaryPath);
        var provider = (o.ProviderUnitId is { } unit && caller.UnitId == unit) || (providerPath is not null && caller.Covers(o.DistrictId, providerPath));
        if (beneficiary && provider)
        {
            if (caller.ScopePath == o.BeneficiaryPath) provider = false;
            else beneficiary = false;
        }
        return (beneficiary ? Side.Beneficiary : Side.None) | (provider ? Side.Provider : Side.None);
    }

    public static bool CanSee(Caller caller, Order o, string? providerPath) =>
        caller.Covers(o.DistrictId, o.BeneficiaryPath) || Of(caller, o, providerPath) != Side.None;

    /// <summary>Whether the step is possible from this status at all (the same table as <see cref="Order.Apply"/>).</summary>
    public static bool Leads(OrderStatus status, OrderAction action) => (status, action) switch
    {
        (OrderStatus.Requested, OrderAction.Accept or OrderAction.Decline) => true,
        (OrderStatus.Accepted or OrderStatus.Scheduled, OrderAction.Schedule or OrderAction.Deliver) => true,
        (OrderStatus.Delivered, OrderAction.Confirm) => true,
        (OrderStatus.Requested or OrderStatus.Accepted or OrderStatus.Scheduled, OrderAction.Cancel) => true,
        _ => false,
    };

    /// <summary>The side that takes a step: the one that did not start the order answers it; the provider schedules and delivers; the beneficiary confirms.</summary>
    public static Side Taker(Order o, OrderAction action) => action switch
    {
        OrderAction.Accept or OrderAction.Decline => o.Kind == OrderKind.Claim ? Side.Beneficiary : Side.Provider,
        OrderAction.Schedule or OrderAction.Deliver => Side.Provider,
        OrderAction.Confirm => Side.Beneficiary,
        _ => o.Kind == OrderKind.Claim ? Side.Provider : Side.Beneficiary,
    };

    /// <summary>Every step is told to the other side than the one that takes it.</summary>
    public static bool NotifiesBeneficiary(Order o, OrderAction action) => Taker(o, action) == Side.Provider;

    public static void RequireMay(Caller caller, Order o, string? providerPath, OrderAction action)
    {
        var side = Of(caller, o, providerPath);
        if (side.HasFlag(Taker(o, action))) return;
        if (!CanSee(caller, o, providerPath)) throw new UnknownId("订单不存在。");
        throw new Forbidden($"您不能对此{Order.KindName(o.Kind)}执行“{Order.ActionName(action)}”。");
    }
}
