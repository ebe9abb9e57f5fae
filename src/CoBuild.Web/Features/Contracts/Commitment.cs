using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Contracts;

public enum CommitmentLink { None, Need, Order, AuctionLot, Project }

public enum DeliveryStatus { Pending, Confirmed, Rejected }

/// <summary>
/// What one side promises by a date. The rows hold the version in force; an amendment's text waits in its
/// <see cref="ContractVersion"/> until both sides sign, and a commitment it drops is kept as <see cref="Removed"/>
/// so its delivery records stay readable.
/// </summary>
public sealed class Commitment
{
    private Commitment() { }

    public Commitment(ContractSide side, string title, DateOnly dueOn, CommitmentLink link, int? linkId)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 200) throw new InvalidInput("commitments", "每项承诺须有内容，且不超过 200 个字。");
        if (!Enum.IsDefined(side)) throw new InvalidInput("commitments", "承诺方只能是 Party（甲方）或 Unit（乙方）。");
        if (!Enum.IsDefined(link) || (link == CommitmentLink.None) != (linkId is null)) throw new InvalidInput("commitments", "关联只能是 Need、Order、AuctionLot 或 Project，且须带编号。");
        Side = side;
        Title = title;
        DueOn = dueOn;
        Link = link;
        LinkId = linkId;
    }

    public int Id { get; private set; }
    public int ContractId { get; private set; }
    public ContractSide Side { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public CommitmentLink Link { get; private set; }
    public int? LinkId { get; private set; }
    /// <summary>Set when a delivery marked as completing it is confirmed by the other side.</summary>
    public DateOnly? DoneOn { get; private set; }
    /// <summary>The day the overdue job found it past due and not done.</summary>
    public DateOnly? OverdueSince { get; private set; }
    public bool Removed { get; private set; }

    internal void Amend(string title, DateOnly dueOn)
    {
        Title = title;
        DueOn = dueOn;
        OverdueSince = null;
    }

    internal void Remove() => Removed = true;

    internal void Complete(DateOnly on)
    {
        DoneOn ??= on;
        OverdueSince = null;
    }
}

/// <summary>A delivery against a commitment, recorded by the side that made it and confirmed by the other.</summary>
public sealed class Delivery
{
    private Delivery() { }

    public Delivery(OrgContract contract, Commitment commitment, DateOnly on, string description, decimal? quantity, string? quantityUnit, bool completes,
        DateOnly today, DateTimeOffset now, string by)
    {
        description = description?.Trim() ?? "";
        if (description.Length is 0 or > 1000) throw new InvalidInput("description", "请填写履约内容，不超过 1000 个字。");
        if (on > today) throw new InvalidInput("on", "履约日期不能晚于今天。");
        // Compared from the delivery's side: a start in year 1 (rows from before the term had bounds) cannot go a month back.
        if (on.AddMonths(1) < contract.StartsOn) throw new InvalidInput("on", "履约日期早于协议开始日期。");
        if (quantity is < 0 or > 100_000_000) throw new InvalidInput("quantity", "数量须在 0 到 1 亿之间。");
        if (quantity is not null && quantityUnit is not ("元" or "小时")) throw new InvalidInput("quantityUnit", "数量单位只能是“元”或“小时”。");
        ContractId = contract.Id;
        CommitmentId = commitment.Id;
        Side = commitment.Side;
        On = on;
        Description = description;
        Quantity = quantity;
        QuantityUnit = quantity is null ? null : quantityUnit;
        Completes = completes;
        CreatedAt = now;
        CreatedBy = by;
    }

    public int Id { get; private set; }
    public int ContractId { get; private set; }
    public int CommitmentId { get; private set; }
    public ContractSide Side { get; private set; }
    public DateOnly On { get; private set; }
    public string Description { get; private set; } = "";
    public decimal? Quantity { get; private set; }
    public string? QuantityUnit { get; private set; }
    /// <summary>The recorder says this delivery fulfils the commitment; confirming it marks the commitment done.</summary>
    public bool Completes { get; private set; }
    public DeliveryStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTimeOffset? AnsweredAt { get; private set; }
    public string? AnsweredBy { get; private set; }
    public string? AnswerNote { get; private set; }

    internal void Answer(bool confirm, string? note, DateTimeOffset now, string by)
    {
        if (Status != DeliveryStatus.Pending) throw new RuleViolation("该履约记录已确认或退回。");
        if (!confirm && string.IsNullOrWhiteSpace(note)) throw new InvalidInput("note", "退回时请写明原因。");
        Status = confirm ? DeliveryStatus.Confirmed : DeliveryStatus.Rejected;
        AnswerNote = note?.Trim();
        AnsweredAt = now;
        AnsweredBy = by;
    }

    public static string StatusName(DeliveryStatus s) => s switch { DeliveryStatus.Pending => "待确认", DeliveryStatus.Confirmed => "已确认", _ => "已退回" };
}
