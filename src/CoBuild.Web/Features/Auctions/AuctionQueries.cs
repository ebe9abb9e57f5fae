using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Auctions;

public sealed record PaddleItem(int LotId, int UnitId, string Unit, int PaddleNo, int Seq, int FirstSeq, decimal? Pledge, string? PledgeNote, DateTimeOffset RaisedAt);
public sealed record AwardItem(int UnitId, string Unit, int PaddleNo, int? ContractId, int Place, decimal? Pledge, string Reason);
public sealed record HammerResult(int LotId, int HammerNo, List<AwardItem> Awards);
public sealed record LotState(int Id, int Number, string Title, string Description, int Capacity, LotMode Mode, string ModeName, TieRule TieRule, string TieRuleName,
    PledgeUnit PledgeUnit, string PledgeUnitName, decimal Increment, int? NeedId, int? ProjectId, LotStatus Status, string StatusName,
    DateTimeOffset? OpenedAt, DateTimeOffset? CountdownEndsAt, DateTimeOffset? ClosedAt, int Raises, int PaddleCount, decimal? BestPledge,
    List<PaddleItem>? Paddles, List<AwardItem> Awards);
/// <summary>Everything a screen needs to draw the hall; <see cref="ServerNow"/> lets a client follow the server's clock.</summary>
public sealed record AuctionState(int Id, string Title, int StreetId, string Street, AuctionStatus Status, string StatusName, DateTimeOffset StartsAt,
    int? CurrentLotId, int Bidders, DateTimeOffset ServerNow, List<LotState> Lots, LotMode Mode = LotMode.Intent, string ModeName = "");
/// <summary>One lot changed (opened, timed, hammered, passed, added): a client replaces that lot and keeps the rest.</summary>
public sealed record LotChange(int AuctionId, AuctionStatus Status, string StatusName, int? CurrentLotId, DateTimeOffset ServerNow, LotState Lot);
public sealed record AuctionItem(int Id, string Title, int StreetId, string Street, AuctionStatus Status, string StatusName, DateTimeOffset StartsAt, int Lots, int Hammered,
    LotMode Mode = LotMode.Intent, string ModeName = "");
public sealed record BidderItem(int UnitId, string Unit, int PaddleNo);
public sealed record EntryItem(long Id, int? LotId, string Action, string Detail, string Actor, DateTimeOffset At);

/// <summary>Reads of the ceremony. Auctions are public: the hall, the projector and the results page show them to anyone.</summary>
internal static class AuctionQueries
{
    public static async Task<List<AuctionItem>> ListAsync(AppDbContext db, int? streetId, CancellationToken ct)
    {
        var query = db.Auctions.AsNoTracking();
        if (streetId is { } s) query = query.Where(a => a.StreetId == s);
        var rows = await query.OrderByDescending(a => a.StartsAt).ThenByDescending(a => a.Id).Take(100)
            .Select(a => new { a, Street = a.Street!.Name, Lots = db.Lots.Count(l => l.AuctionId == a.Id), Hammered = db.Lots.Count(l => l.AuctionId == a.Id && l.Status == LotStatus.Hammered) })
            .ToListAsync(ct);
        return rows.Select(r => new AuctionItem(r.a.Id, r.a.Title, r.a.StreetId, r.Street, r.a.Status, Auction.StatusName(r.a.Status), r.a.StartsAt, r.Lots, r.Hammered,
            r.a.Mode, Auction.ModeName(r.a.Mode))).ToList();
    }

    /// <summary>The hall's state in six statements: paddles are listed for the current lot only, the other lots carry counts and awards.</summary>
    public static async Task<AuctionState> StateAsync(AppDbContext db, int auctionId, DateTimeOffset now, CancellationToken ct)
    {
        var a = await db.Auctions.AsNoTracking().Where(x => x.Id == auctionId)
            .Select(x => new { x.Id, x.Title, x.StreetId, Street = x.Street!.Name, x.Status, x.StartsAt, x.CurrentLotId, x.Mode, Bidders = db.AuctionBidders.Count(b => b.AuctionId == x.Id) })
            .FirstOrDefaultAsync(ct) ?? throw new UnknownId("拍卖会不存在。");
        var lots = await db.Lots.AsNoTracking().Where(l => l.AuctionId == auctionId).OrderBy(l => l.Number).ToListAsync(ct);
        var counts = await db.Bids.Where(b => b.AuctionId == auctionId).GroupBy(b => b.LotId)
            .Select(g => new { g.Key, Count = g.Count(), Best = g.Max(b => b.Pledge) }).ToDictionaryAsync(x => x.Key, ct);
        var paddles = a.CurrentLotId is { } current ? await PaddlesAsync(db, auctionId, current, ct) : [];
        var awards = (await AwardsAsync(db, db.Awards.Where(w => w.AuctionId == auctionId), ct)).ToLookup(x => x.LotId, x => x.Item);
        return new AuctionState(a.Id, a.Title, a.StreetId, a.Street, a.Status, Auction.StatusName(a.Status), a.StartsAt, a.CurrentLotId, a.Bidders, now,
            lots.Select(l => ToState(l, counts.GetValueOrDefault(l.Id)?.Count ?? 0, counts.GetValueOrDefault(l.Id)?.Best,
                l.Id == a.CurrentLotId ? paddles : null, awards[l.Id].ToList())).ToList(), a.Mode, Auction.ModeName(a.Mode));
    }

    /// <summary>
    /// The small push after a lot change: the auction's header and that one lot. Its paddles are listed only when the
    /// lot has none yet (just opened); otherwise clients keep the list the paddle pushes built.
    /// </summary>
    public static async Task<LotChange> LotChangeAsync(AppDbContext db, int auctionId, int lotId, DateTimeOffset now, CancellationToken ct)
    {
        var a = await db.Auctions.AsNoTracking().Where(x => x.Id == auctionId).Select(x => new { x.Status, x.CurrentLotId }).SingleAsync(ct);
        var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId, ct);
        var count = await db.Bids.Where(b => b.LotId == lotId).GroupBy(b => b.LotId).Select(g => new { Count = g.Count(), Best = g.Max(b => b.Pledge) }).FirstOrDefaultAsync(ct);
        var awards = (await AwardsAsync(db, db.Awards.Where(w => w.LotId == lotId), ct)).Select(x => x.Item).ToList();
        return new LotChange(auctionId, a.Status, Auction.StatusName(a.Status), a.CurrentLotId, now,
            ToState(lot, count?.Count ?? 0, count?.Best, lot.Raises == 0 ? [] : null, awards));
    }

    private static LotState ToState(Lot l, int count, decimal? best, List<PaddleItem>? paddles, List<AwardItem> awards) =>
        new(l.Id, l.Number, l.Title, l.Description, l.Capacity, l.Mode, Lot.ModeName(l.Mode), l.TieRule, Lot.TieRuleName(l.TieRule), l.PledgeUnit,
            Lot.UnitName(l.PledgeUnit), l.Increment, l.NeedId, l.ProjectId, l.Status, Lot.StatusName(l.Status), l.OpenedAt, l.CountdownEndsAt, l.ClosedAt,
            l.Raises, count, best, paddles, awards);

    public static Task<List<PaddleItem>> PaddlesAsync(AppDbContext db, int auctionId, int lotId, CancellationToken ct) =>
        PaddlesOfAsync(db, auctionId, db.Bids.Where(b => b.LotId == lotId), ct);

    /// <summary>Every paddle of the auction in one statement (the export).</summary>
    public static Task<List<PaddleItem>> AllPaddlesAsync(AppDbContext db, int auctionId, CancellationToken ct) =>
        PaddlesOfAsync(db, auctionId, db.Bids.Where(b => b.AuctionId == auctionId), ct);

    private static async Task<List<PaddleItem>> PaddlesOfAsync(AppDbContext db, int auctionId, IQueryable<Bid> bids, CancellationToken ct)
    {
        var rows = await bids.AsNoTracking()
            .Join(db.AuctionBidders.Where(x => x.AuctionId == auctionId), b => b.ResidentUnitId, x => x.ResidentUnitId, (b, x) => new { b, x.PaddleNo, Unit = x.Unit!.Name })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.b.Pledge).ThenBy(r => r.b.FirstSeq)
            .Select(r => new PaddleItem(r.b.LotId, r.b.ResidentUnitId, r.Unit, r.PaddleNo, r.b.Seq, r.b.FirstSeq, r.b.Pledge, r.b.PledgeNote, r.b.RaisedAt)).ToList();
    }

    /// <summary>The standing awards of a lot: those of its last hammer that no undo revoked.</summary>
    public static async Task<HammerResult> HammerResultAsync(AppDbContext db, int lotId, CancellationToken ct)
    {
        var hammerNo = await db.Lots.Where(l => l.Id == lotId).Select(l => l.HammerNo).SingleAsync(ct);
        var awards = await AwardsAsync(db, db.Awards.Where(w => w.LotId == lotId), ct);
        return new HammerResult(lotId, hammerNo, awards.Select(x => x.Item).ToList());
    }

    private static async Task<List<(int LotId, AwardItem Item)>> AwardsAsync(AppDbContext db, IQueryable<Award> awards, CancellationToken ct)
    {
        var rows = await awards.AsNoTracking().Where(w => w.RevokedAt == null)
            .Join(db.AuctionBidders, w => new { w.AuctionId, w.ResidentUnitId }, x => new { x.AuctionId, x.ResidentUnitId }, (w, x) => new { w, x.PaddleNo, Unit = x.Unit!.Name })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.w.LotId).ThenBy(r => r.w.Place)
            .Select(r => (r.w.LotId, new AwardItem(r.w.ResidentUnitId, r.Unit, r.PaddleNo, r.w.OrgContractId, r.w.Place, r.w.Pledge, r.w.Reason))).ToList();
    }

    public static async Task<List<BidderItem>> BiddersAsync(AppDbContext db, int auctionId, CancellationToken ct) =>
        await db.AuctionBidders.AsNoTracking().Where(b => b.AuctionId == auctionId).OrderBy(b => b.PaddleNo)
            .Select(b => new BidderItem(b.ResidentUnitId, b.Unit!.Name, b.PaddleNo)).ToListAsync(ct);

    public static async Task<List<EntryItem>> EntriesAsync(AppDbContext db, int auctionId, CancellationToken ct) =>
        await db.AuctionEntries.AsNoTracking().Where(e => e.AuctionId == auctionId).OrderBy(e => e.Id)
            .Select(e => new EntryItem(e.Id, e.LotId, e.Action, e.Detail, e.Actor, e.At)).ToListAsync(ct);
}
