using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Auctions;

/// <summary>Intent: a paddle states "we will co-build this" (举牌表达共建意向). Pledge: a paddle carries a commitment that must beat the best.</summary>
public enum LotMode { Intent, Pledge }

/// <summary>How an Intent lot with more paddles than places is decided.</summary>
public enum TieRule { EarliestPaddle, RoundRank, ModeratorPick }

public enum PledgeUnit { Yuan, Hours }

public enum LotStatus { Pending, Open, Hammered, Passed }

/// <summary>A project put up at the auction (拍品), split into <see cref="Capacity"/> shares so several units co-build it.</summary>
public sealed class Lot
{
    private Lot() { }

    public Lot(int auctionId, int number, string title, string? description, int capacity, LotMode mode, TieRule tieRule,
        PledgeUnit pledgeUnit, decimal increment, int? needId)
    {
        AuctionId = auctionId;
        Number = number;
        Edit(title, description, capacity, mode, tieRule, pledgeUnit, increment, needId);
    }

    /// <summary>Sets what the catalogue says about the lot; only while it waits for its turn (the caller checks <see cref="LotStatus.Pending"/> under the row lock).</summary>
    public void Edit(string title, string? description, int capacity, LotMode mode, TieRule tieRule, PledgeUnit pledgeUnit, decimal increment, int? needId)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 80) throw new InvalidInput("title", "拍品名称不能为空，且不超过 80 个字。");
        description = description?.Trim() ?? "";
        if (description.Length > 2000) throw new InvalidInput("description", "拍品说明不超过 2000 个字。");
        if (capacity is < 1 or > 50) throw new InvalidInput("capacity", "可共建单位数必须在 1 到 50 之间。");
        if (!Enum.IsDefined(mode)) throw new InvalidInput("mode", "方式只能是 Intent（举牌表达共建意向）或 Pledge（承诺竞拍）。");
        if (!Enum.IsDefined(tieRule)) throw new InvalidInput("tieRule", "超额规则只能是 EarliestPaddle、RoundRank 或 ModeratorPick。");
        if (!Enum.IsDefined(pledgeUnit)) throw new InvalidInput("pledgeUnit", "承诺单位只能是 Yuan（元）或 Hours（小时）。");
        if (mode == LotMode.Pledge && increment is <= 0 or > 100_000_000) throw new InvalidInput("increment", "承诺模式须设置加价幅度（大于 0）。");
        if (decimal.Round(increment, 2) != increment) throw new InvalidInput("increment", "加价幅度最多两位小数。");
        Title = title;
        Description = description;
        Capacity = capacity;
        Mode = mode;
        TieRule = mode == LotMode.Pledge ? TieRule.EarliestPaddle : tieRule;
        PledgeUnit = pledgeUnit;
        Increment = mode == LotMode.Pledge ? increment : 0;
        NeedId = needId;
    }

    public int Id { get; private set; }
    public int AuctionId { get; private set; }
    /// <summary>Order in the catalogue (第 n 号拍品).</summary>
    public int Number { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int Capacity { get; private set; }
    public LotMode Mode { get; private set; }
    public TieRule TieRule { get; private set; }
    public PledgeUnit PledgeUnit { get; private set; }
    /// <summary>Pledge mode: a new pledge must reach the best one plus this (the first must reach this).</summary>
    public decimal Increment { get; private set; }
    public int? NeedId { get; private set; }
    public LotStatus Status { get; private set; }
    public DateTimeOffset? OpenedAt { get; private set; }
    /// <summary>Set by the moderator; paddles are refused once the server's clock passes it.</summary>
    public DateTimeOffset? CountdownEndsAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>Raises accepted so far; each paddle takes the next number, so clients see a gap and resync.</summary>
    public int Raises { get; private set; }
    /// <summary>How many times the hammer fell (an undo keeps the count); awards carry the number of their hammer.</summary>
    public int HammerNo { get; private set; }
    public int? ProjectId { get; internal set; }

    public static string StatusName(LotStatus s) => s switch
    {
        LotStatus.Pending => "待拍", LotStatus.Open => "举牌中", LotStatus.Hammered => "已落槌", _ => "流拍",
    };

    public static string ModeName(LotMode m) => Auction.ModeName(m);

    public static string TieRuleName(TieRule r) => r switch
    {
        TieRule.EarliestPaddle => "先举牌者优先", TieRule.RoundRank => "按双向选择排序", _ => "主持人选定",
    };

    public static string UnitName(PledgeUnit u) => u == PledgeUnit.Yuan ? "元" : "小时";
}

/// <summary>A raised paddle (举牌). One per unit and lot; in Pledge mode raising again raises the unit's pledge.</summary>
public sealed class Bid
{
    private Bid() { }
    public Bid(int auctionId, int lotId, int unitId, int seq, decimal? pledge, string? pledgeNote, DateTimeOffset at, string by)
    {
        AuctionId = auctionId;
        LotId = lotId;
        ResidentUnitId = unitId;
        Seq = seq;
        FirstSeq = seq;
        Pledge = pledge;
        PledgeNote = pledgeNote;
        RaisedAt = at;
        RaisedBy = by;
    }
    public long Id { get; private set; }
    public int AuctionId { get; private set; }
    public int LotId { get; private set; }
    public int ResidentUnitId { get; private set; }
    /// <summary>The raise number of the latest raise; <see cref="FirstSeq"/> orders "earliest paddle".</summary>
    public int Seq { get; private set; }
    public int FirstSeq { get; private set; }
    public decimal? Pledge { get; private set; }
    public string? PledgeNote { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public string RaisedBy { get; private set; } = "";

    public void Raise(int seq, decimal pledge, string? note, DateTimeOffset at, string by)
    {
        Seq = seq;
        Pledge = pledge;
        PledgeNote = note ?? PledgeNote;
        RaisedAt = at;
        RaisedBy = by;
    }
}

/// <summary>The co-building right a hammer granted to one unit; an undo revokes the set with a reason.</summary>
public sealed class Award
{
    private Award() { }
    public Award(int auctionId, int lotId, int hammerNo, int unitId, long bidId, int place, decimal? pledge, string reason, DateTimeOffset at)
    {
        AuctionId = auctionId;
        LotId = lotId;
        HammerNo = hammerNo;
        ResidentUnitId = unitId;
        BidId = bidId;
        Place = place;
        Pledge = pledge;
        Reason = reason;
        AwardedAt = at;
    }
    public int Id { get; private set; }
    public int AuctionId { get; private set; }
    public int LotId { get; private set; }
    public int HammerNo { get; private set; }
    public int ResidentUnitId { get; private set; }
    public long BidId { get; private set; }
    public int Place { get; private set; }
    public decimal? Pledge { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset AwardedAt { get; private set; }
    public int? OrgContractId { get; internal set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokeReason { get; private set; }

    public void Revoke(string reason, DateTimeOffset at)
    {
        RevokedAt = at;
        RevokeReason = reason;
    }
}
