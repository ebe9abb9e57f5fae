using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Auctions;

/// <summary>
/// Plays a finished ceremony again as a new auction, live: the same lots, the recorded paddles in their order at a
/// steady pace, the same hammers. For showing the hall screens without eighty people in the room.
/// </summary>
internal sealed class AuctionReplay(IServiceScopeFactory scopes, TimeProvider clock, ILogger<AuctionReplay> log)
{
    public static readonly TimeSpan PaddlePace = TimeSpan.FromMilliseconds(400);
    public static readonly TimeSpan LotPause = TimeSpan.FromSeconds(4);

    public async Task<int> StartAsync(AppDbContext db, Caller caller, int sourceId, CancellationToken ct)
    {
        var source = await AuctionEdits.ModeratedAsync(db, caller, sourceId, ct);
        if (source.Status != AuctionStatus.Finished) throw new RuleViolation("只能回放已结束的拍卖会。");
        var lots = await db.Lots.AsNoTracking().Where(l => l.AuctionId == sourceId).OrderBy(l => l.Number).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var copy = await AuctionEdits.CreateAsync(db, caller, new CreateAuction($"{source.Title}（回放）"[..Math.Min(80, source.Title.Length + 4)], now, source.StreetId), now, ct);
        var script = new List<(int LotId, List<(Caller Unit, PledgeInput? Pledge)> Paddles, HammerRequest? Hammer)>();
        foreach (var lot in lots)
        {
            var added = await AuctionEdits.AddLotAsync(db, caller, copy.Id, new CreateLot(lot.Title, lot.Description, lot.Capacity, lot.Mode, lot.TieRule, lot.PledgeUnit, lot.Increment), ct);
            var bids = await db.Bids.AsNoTracking().Where(b => b.LotId == lot.Id).OrderBy(b => b.FirstSeq)
                .Join(db.Users, b => b.ResidentUnitId, u => u.UnitId, (b, u) => new { b.Pledge, b.PledgeNote, u.UserName, u.UnitId }).ToListAsync(ct);
            var picks = lot.TieRule == TieRule.ModeratorPick
                ? await db.Awards.Where(a => a.LotId == lot.Id && a.RevokedAt == null).OrderBy(a => a.Place).Select(a => a.ResidentUnitId).ToListAsync(ct) : [];
            script.Add((added.Id, bids.DistinctBy(b => b.UnitId).Select(b => (new Caller(b.UserName!, Roles.UnitRep, copy.DistrictId, copy.StreetId, copy.Path, b.UnitId, null),
                b.Pledge is { } p ? new PledgeInput(p, b.PledgeNote) : null)).ToList(), picks.Count > 0 ? new HammerRequest(picks, "回放：按原场选定") : null));
        }
        _ = Task.Run(() => PlayAsync(copy.Id, caller, script));
        return copy.Id;
    }

    private async Task PlayAsync(int auctionId, Caller moderator, List<(int LotId, List<(Caller Unit, PledgeInput? Pledge)> Paddles, HammerRequest? Hammer)> script)
    {
        try
        {
            foreach (var (lotId, paddles, hammer) in script)
            {
                await Step(async (db, live) =>
                {
                    await AuctionEdits.OpenAsync(db, moderator, auctionId, lotId, clock.GetUtcNow(), default);
                    await live.LotAsync(db, auctionId, lotId, default);
                });
                await Task.Delay(LotPause);
                foreach (var (unit, pledge) in paddles)
                {
                    await Step(async (db, live) => await live.PaddleAsync(auctionId, await AuctionEdits.RaiseAsync(db, unit, auctionId, lotId, pledge, clock.GetUtcNow(), default)));
                    await Task.Delay(PaddlePace);
                }
                await Step(async (db, live) =>
                {
                    await AuctionEdits.HammerAsync(db, moderator, auctionId, lotId, hammer, clock.GetUtcNow(), default);
                    await live.LotAsync(db, auctionId, lotId, default);
                });
                await Task.Delay(LotPause);
            }
        }
        catch (Exception e) when (e is RuleViolation or InvalidInput or Forbidden or UnknownId)
        {
            log.LogInformation("Replay of auction {Id} stopped: {Reason}", auctionId, e.Message); // the moderator took over
        }
    }

    private async Task Step(Func<AppDbContext, AuctionBroadcast, Task> step)
    {
        await using var scope = scopes.CreateAsyncScope();
        await step(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<AuctionBroadcast>());
    }
}
