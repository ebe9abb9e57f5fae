using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Auctions;

/// <summary>
/// Plays a finished ceremony again as a new auction, live: the same lots, the recorded paddles in their order at a
/// steady pace, the same outcome (hammer with the same picks, or pass). A replay's hammers grant nothing: no
/// contracts, projects or messages (<see cref="Auction.ReplayOfId"/>). For showing the hall screens without eighty
/// people in the room.
/// </summary>
internal sealed class AuctionReplay(IServiceScopeFactory scopes, TimeProvider clock, IHostApplicationLifetime lifetime, IConfiguration config, ILogger<AuctionReplay> log)
{
    /// <summary>Time between two paddles (<c>Auctions:ReplayPaceMs</c>, 400 ms); a lot rests ten paces after opening and after its hammer.</summary>
    private TimeSpan PaddlePace => TimeSpan.FromMilliseconds(config.GetValue("Auctions:ReplayPaceMs", 400));
    private TimeSpan LotPause => PaddlePace * 10;

    private sealed record Step(int LotId, List<(Caller Unit, PledgeInput? Pledge)> Paddles, bool Pass, HammerRequest? Hammer);

    public async Task<int> StartAsync(AppDbContext db, Caller caller, int sourceId, CancellationToken ct)
    {
        var source = await AuctionEdits.ModeratedAsync(db, caller, sourceId, ct);
        if (source.Status != AuctionStatus.Finished) throw new RuleViolation("只能回放已结束的拍卖会。");
        var lots = await db.Lots.AsNoTracking().Where(l => l.AuctionId == sourceId).OrderBy(l => l.Number).ToListAsync(ct);
        // Ceremonies held before every lot followed its auction may mix the two modes; the copy could not.
        if (lots.Any(l => l.Mode != source.Mode)) throw new RuleViolation("这场拍卖会的拍品方式不一致（升级前的记录），不能回放。");
        var now = clock.GetUtcNow();
        var copy = await AuctionEdits.CreateAsync(db, caller, new CreateAuction($"{source.Title}（回放）"[..Math.Min(80, source.Title.Length + 4)], now, source.StreetId, Mode: source.Mode),
            now, ct, replayOf: sourceId);
        var script = new List<Step>();
        foreach (var lot in lots)
        {
            // The copy has no selection round: the recorded winners are handed to the hammer as the moderator's pick.
            var tie = lot.TieRule == TieRule.RoundRank ? TieRule.ModeratorPick : lot.TieRule;
            var added = await AuctionEdits.AddLotAsync(db, caller, copy.Id, new CreateLot(lot.Title, lot.Description, lot.Capacity, lot.Mode, tie, lot.PledgeUnit, lot.Increment), ct);
            // Pledges in the order of their last raise: each beat the best before it, so the amounts rise.
            var bids = (await db.Bids.AsNoTracking().Where(b => b.LotId == lot.Id).OrderBy(b => lot.Mode == LotMode.Pledge ? b.Seq : b.FirstSeq)
                .Join(db.Users, b => b.ResidentUnitId, u => u.UnitId, (b, u) => new { b.Pledge, b.PledgeNote, User = u }).ToListAsync(ct))
                .DistinctBy(b => b.User.UnitId).ToList();
            var awarded = await db.Awards.Where(a => a.LotId == lot.Id && a.RevokedAt == null).OrderBy(a => a.Place).Select(a => a.ResidentUnitId).ToListAsync(ct);
            var picks = lot.TieRule != TieRule.EarliestPaddle && lot.Mode == LotMode.Intent && bids.Count > lot.Capacity ? awarded : [];
            script.Add(new Step(added.Id, bids.Select(b => (Caller.Of(b.User),
                    b.Pledge is { } p ? new PledgeInput(p, b.PledgeNote) : null)).ToList(),
                lot.Status == LotStatus.Passed || bids.Count == 0, picks.Count > 0 ? new HammerRequest(picks, "回放：按原场结果") : null));
        }
        // The replay outlives this request: it must not carry the request (its caller, its district) into a recycled
        // HttpContext, so it starts without the request's execution context and names the moderator's district itself.
        using (ExecutionContext.SuppressFlow()) _ = Task.Run(() => PlayAsync(copy.Id, caller, script, lifetime.ApplicationStopping));
        return copy.Id;
    }

    private async Task PlayAsync(int auctionId, Caller moderator, List<Step> script, CancellationToken stopping)
    {
        try
        {
            foreach (var step in script)
            {
                await Do(moderator, async (db, live) =>
                {
                    await AuctionEdits.OpenAsync(db, moderator, auctionId, step.LotId, clock.GetUtcNow(), stopping);
                    await live.LotAsync(db, auctionId, step.LotId, stopping);
                });
                await Task.Delay(LotPause, stopping);
                foreach (var (unit, pledge) in step.Paddles)
                {
                    await Do(moderator, async (db, live) => await live.PaddleAsync(auctionId, await AuctionEdits.RaiseAsync(db, unit, auctionId, step.LotId, pledge, clock.GetUtcNow(), stopping)));
                    await Task.Delay(PaddlePace, stopping);
                }
                await Do(moderator, async (db, live) =>
                {
                    if (step.Pass) await AuctionEdits.PassAsync(db, moderator, auctionId, step.LotId, "回放：原场流拍", clock.GetUtcNow(), stopping);
                    else await AuctionEdits.HammerAsync(db, moderator, auctionId, step.LotId, step.Hammer, clock.GetUtcNow(), stopping);
                    await live.LotAsync(db, auctionId, step.LotId, stopping);
                });
                await Task.Delay(LotPause, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested) { }
        catch (Exception e) when (e is RuleViolation or InvalidInput or Forbidden or UnknownId)
        {
            log.LogInformation("Replay of auction {Id} stopped: {Reason}", auctionId, e.Message); // the moderator took over
        }
        catch (Exception e)
        {
            log.LogError(e, "Replay of auction {Id} failed", auctionId);
        }
    }

    private async Task Do(Caller moderator, Func<AppDbContext, AuctionBroadcast, Task> step)
    {
        await using var scope = scopes.CreateAsyncScope();
        await step(scope.ServiceProvider.GetRequiredService<AppDbContext>().UseDistrict(moderator.DistrictId), scope.ServiceProvider.GetRequiredService<AuctionBroadcast>());
    }
}
