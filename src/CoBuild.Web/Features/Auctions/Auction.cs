using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Auctions;

public enum AuctionStatus { Scheduled, Live, Finished }

/// <summary>
/// A street's project auction (项目拍卖会): lots put up one at a time, the street's units raise paddles, the hammer
/// grants the co-building right. Nothing lives in process memory: every rule is checked against the database rows.
/// </summary>
public sealed class Auction
{
    private Auction() { }

    public Auction(OrgUnit street, string title, DateTimeOffset startsAt, int? selectionRoundId, DateTimeOffset now, string createdBy, int? replayOfId = null,
        LotMode mode = LotMode.Intent)
    {
        ReplayOfId = replayOfId;
        if (!Enum.IsDefined(mode)) throw new InvalidInput("mode", "方式只能是 Intent（举牌表达共建意向）或 Pledge（承诺竞拍）。");
        Mode = mode;
        if (street.Level != OrgLevel.Street) throw new InvalidInput("streetId", "拍卖会由街道举办。");
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 80) throw new InvalidInput("title", "拍卖会名称不能为空，且不超过 80 个字。");
        if (startsAt < now.AddYears(-1) || startsAt > now.AddYears(2)) throw new InvalidInput("startsAt", "举办时间须在一年前到两年后之间。");
        DistrictId = street.DistrictId;
        StreetId = street.Id;
        Path = street.Path;
        Title = title;
        StartsAt = startsAt.ToUniversalTime(); // Npgsql writes timestamptz only from offset 0
        SelectionRoundId = selectionRoundId;
        CreatedAt = now;
        CreatedBy = createdBy;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int StreetId { get; private set; }
    public OrgUnit? Street { get; private set; }
    public string Path { get; private set; } = "";
    public string Title { get; private set; } = "";
    public DateTimeOffset StartsAt { get; private set; }
    public AuctionStatus Status { get; private set; }
    /// <summary>The lot on the projector: the open one, or the last one closed.</summary>
    public int? CurrentLotId { get; private set; }
    /// <summary>The selection round whose contested needs became lots; its rankings break ties.</summary>
    public int? SelectionRoundId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    /// <summary>Set on a replay of a finished ceremony: its hammers grant nothing (no contracts, projects or messages).</summary>
    public int? ReplayOfId { get; private set; }
    /// <summary>
    /// How paddles count at this ceremony, chosen when it is created: Intent (府山's way: a paddle states the will to
    /// co-build, nobody outbids anyone) or Pledge (a street's option: paddles carry commitments). Every lot follows it.
    /// </summary>
    public LotMode Mode { get; private set; }

    /// <summary>A lot takes the auction's mode; naming the other one is a mistake in the request (400), not a second kind of ceremony.</summary>
    public LotMode LotModeFor(LotMode? requested) =>
        requested is null || requested == Mode ? Mode
            : !Enum.IsDefined(requested.Value) ? throw new InvalidInput("mode", "方式只能是 Intent（举牌表达共建意向）或 Pledge（承诺竞拍）。")
            : throw new InvalidInput("mode", $"本场拍卖会为“{ModeName(Mode)}”，拍品不能设为“{ModeName(requested.Value)}”。");

    public static string ModeName(LotMode m) => m == LotMode.Intent ? "举牌表达共建意向" : "承诺竞拍";

    public static string StatusName(AuctionStatus s) => s switch { AuctionStatus.Scheduled => "筹备中", AuctionStatus.Live => "进行中", _ => "已结束" };
}

/// <summary>A unit registered to bid, with the paddle number it holds up in the hall.</summary>
public sealed class AuctionBidder
{
    private AuctionBidder() { }
    public AuctionBidder(int auctionId, int unitId, int paddleNo) { AuctionId = auctionId; ResidentUnitId = unitId; PaddleNo = paddleNo; }
    public int Id { get; private set; }
    public int AuctionId { get; private set; }
    public int ResidentUnitId { get; private set; }
    public ResidentUnit? Unit { get; private set; }
    public int PaddleNo { get; private set; }
}

/// <summary>What happened at the ceremony, in order: who opened, struck, passed or undid what, and why.</summary>
public sealed class AuctionEntry
{
    private AuctionEntry() { }
    public AuctionEntry(int auctionId, int? lotId, string action, string detail, string actor, DateTimeOffset at)
    {
        AuctionId = auctionId;
        LotId = lotId;
        Action = action;
        Detail = detail.Length > 500 ? detail[..500] : detail;
        Actor = actor;
        At = at;
    }
    public long Id { get; private set; }
    public int AuctionId { get; private set; }
    public int? LotId { get; private set; }
    public string Action { get; private set; } = "";
    public string Detail { get; private set; } = "";
    public string Actor { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}
