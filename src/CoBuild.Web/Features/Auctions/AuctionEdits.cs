using CoBuild.Web.Features.Audit;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Auctions;

/// <summary>Mode: how paddles count at the whole ceremony (Intent, the default, or Pledge).</summary>
public sealed record CreateAuction(string Title, DateTimeOffset? StartsAt, int? StreetId = null, int? SelectionRoundId = null, LotMode Mode = LotMode.Intent);
/// <summary>A lot as the street describes it, to add or (while pending) to edit. Mode may be left out: the lot follows its auction.</summary>
public sealed record CreateLot(string Title, string? Description, int Capacity, LotMode? Mode = null, TieRule TieRule = TieRule.EarliestPaddle,
    PledgeUnit PledgeUnit = PledgeUnit.Yuan, decimal Increment = 0, int? NeedId = null);
public sealed record RaisePaddle(PledgeInput? Pledge);
public sealed record PledgeInput(decimal Value, [property: System.ComponentModel.DataAnnotations.StringLength(200)] string? Note);
public sealed record HammerRequest(List<int>? Picks, [property: System.ComponentModel.DataAnnotations.StringLength(200)] string? Reason);
public sealed record StartCountdown(int Seconds);
public sealed record ReasonRequest([property: System.ComponentModel.DataAnnotations.StringLength(200)] string? Reason);

/// <summary>
/// The ceremony's rules. Every change to a lot starts, inside a transaction, with a guarded UPDATE of the lot's row:
/// PostgreSQL locks the row and SQLite takes its single writer lock, so raises and hammers on one lot queue there,
/// on whichever app node they arrive, and each sees what the one before it wrote.
/// </summary>
internal static class AuctionEdits
{
    public static async Task<Auction> CreateAsync(AppDbContext db, Caller caller, CreateAuction request, DateTimeOffset now, CancellationToken ct, int? replayOf = null)
    {
        var streetId = request.StreetId ?? (caller.Role == Roles.StreetAdmin ? caller.ScopeOrgUnitId : null)
            ?? throw new InvalidInput("streetId", "请选择举办拍卖会的街道。");
        var street = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == streetId, ct) ?? throw new InvalidInput("streetId", "街道不存在。");
        caller.Require(street);
        if (request.StartsAt is not { } startsAt) throw new InvalidInput("startsAt", "请填写举办时间。");
        SelectionRound? round = null;
        if (request.SelectionRoundId is { } roundId)
        {
            round = await db.SelectionRounds.AsNoTracking().Include(r => r.Needs).FirstOrDefaultAsync(r => r.Id == roundId && r.StreetId == street.Id, ct)
                ?? throw new InvalidInput("selectionRoundId", "本街道没有这个双向选择轮次。");
            if (round.Status == RoundStatus.Open) throw new InvalidInput("selectionRoundId", "双向选择尚未截止，还没有竞争性需求。");
            if (request.Mode != LotMode.Intent) throw new InvalidInput("mode", "从双向选择生成的拍品按举牌表达共建意向；承诺竞拍请手工添加拍品。");
        }
        var auction = new Auction(street, request.Title, startsAt, round?.Id, now, caller.UserName, replayOf, request.Mode);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Auctions.Add(auction);
        await db.SaveChangesAsync(ct);
        var units = await db.ResidentUnits.Where(u => u.StreetId == street.Id).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        db.AuctionBidders.AddRange(units.Select((u, i) => new AuctionBidder(auction.Id, u, i + 1)));
        if (round is not null)
        {
            // A contested need goes up with the places still free: the round's confirmed pairs and any direct claims keep theirs.
            var contested = round.Needs.Where(n => n.Contested).OrderBy(n => n.Id).Select(n => n.NeedId).ToList();
            var needs = await db.Needs.AsNoTracking().Where(n => contested.Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
            var free = contested.Where(id => needs[id].Capacity - needs[id].Claimed > 0).ToList();
            db.Lots.AddRange(free.Select((id, i) => new Lot(auction.Id, i + 1, needs[id].Title, needs[id].Description, needs[id].Capacity - needs[id].Claimed,
                LotMode.Intent, TieRule.RoundRank, PledgeUnit.Yuan, 0, id)));
            if (free.Count < contested.Count)
                db.AuctionEntries.Add(new AuctionEntry(auction.Id, null, "拍品", $"{contested.Count - free.Count} 项争议需求已无剩余名额，未列为拍品", caller.UserName, now));
        }
        db.AuctionEntries.Add(new AuctionEntry(auction.Id, null, "创建", $"{street.Name}：{auction.Title}，登记竞拍单位 {units.Count} 家", caller.UserName, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return auction;
    }

    public static async Task<Lot> AddLotAsync(AppDbContext db, Caller caller, int auctionId, CreateLot request, CancellationToken ct)
    {
        var auction = await ModeratedAsync(db, caller, auctionId, ct);
        var mode = await CheckLotAsync(db, auction, request, ct);
        for (var attempt = 0; ; attempt++)
        {
            var number = (await db.Lots.Where(l => l.AuctionId == auctionId).MaxAsync(l => (int?)l.Number, ct) ?? 0) + 1;
            var lot = new Lot(auctionId, number, request.Title, request.Description, request.Capacity, mode, request.TieRule,
                request.PledgeUnit, request.Increment, request.NeedId);
            db.Lots.Add(lot);
            try
            {
                await db.SaveChangesAsync(ct);
                // Every lot was decided, then the street adds one more: the ceremony goes on.
                await db.Auctions.Where(a => a.Id == auctionId && a.Status == AuctionStatus.Finished)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AuctionStatus.Live), ct);
                return lot;
            }
            catch (DbUpdateException e) when (attempt < 5 && UniqueViolation.Is(e))
            {
                db.Entry(lot).State = EntityState.Detached; // two lots added at once took the same number: take the next
            }
        }
    }

    /// <summary>
    /// A lot made from a need carries at most the need's free places (capacity less live claims and live awards, both
    /// counted in <see cref="Need.Claimed"/>); a need with none left cannot become a lot. The hammer checks again.
    /// </summary>
    private static async Task<LotMode> CheckLotAsync(AppDbContext db, Auction auction, CreateLot request, CancellationToken ct)
    {
        if (request is null) throw new InvalidInput("body", "请提交拍品。");
        var mode = auction.LotModeFor(request.Mode);
        if (request.NeedId is { } needId)
        {
            var need = await db.Needs.AsNoTracking().FirstOrDefaultAsync(n => n.Id == needId, ct);
            if (need is null || !need.Path.StartsWith(auction.Path, StringComparison.Ordinal)) throw new InvalidInput("needId", "拍品只能来自本街道的需求。");
            var free = need.Capacity - need.Claimed;
            if (free <= 0) throw new RuleViolation($"需求“{need.Title}”的 {need.Capacity} 个名额已全部认领或授予，不能作为拍品。");
            if (request.Capacity > free) throw new InvalidInput("capacity", $"需求“{need.Title}”只剩 {free} 个名额，拍品份数不能超过 {free}。");
        }
        if (request.TieRule == TieRule.RoundRank && mode == LotMode.Intent)
        {
            if (auction.SelectionRoundId is not { } roundId || request.NeedId is not { } need
                || !await db.Set<RoundNeed>().AnyAsync(n => n.SelectionRoundId == roundId && n.NeedId == need, ct))
                throw new InvalidInput("tieRule", "按双向选择排序，须是本场关联轮次中的需求。");
        }
        return mode;
    }

    /// <summary>Edits a lot still waiting for its turn; once opened (or decided) the catalogue line stands: 409.</summary>
    public static async Task<Lot> EditLotAsync(AppDbContext db, Caller caller, int auctionId, int lotId, CreateLot request, DateTimeOffset now, CancellationToken ct)
    {
        var (auction, _) = await LotAsync(db, caller, auctionId, lotId, ct);
        var mode = await CheckLotAsync(db, auction, request, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockPendingAsync(db, lotId, "修改", ct);
        var lot = await db.Lots.SingleAsync(l => l.Id == lotId, ct);
        lot.Edit(request.Title, request.Description, request.Capacity, mode, request.TieRule, request.PledgeUnit, request.Increment, request.NeedId);
        db.AuctionEntries.Add(new AuctionEntry(auctionId, lotId, "修改拍品", $"第 {lot.Number} 号拍品：{lot.Title}，{lot.Capacity} 份", caller.UserName, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return lot;
    }

    public static async Task RemoveLotAsync(AppDbContext db, Caller caller, int auctionId, int lotId, DateTimeOffset now, CancellationToken ct)
    {
        var (_, lot) = await LotAsync(db, caller, auctionId, lotId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockPendingAsync(db, lotId, "撤下", ct);
        await db.Lots.Where(l => l.Id == lotId).ExecuteDeleteAsync(ct);
        db.AuctionEntries.Add(new AuctionEntry(auctionId, lotId, "撤下拍品", $"第 {lot.Number} 号拍品：{lot.Title}", caller.UserName, now));
        // Removing the last lot waiting after others were decided ends the ceremony, as deciding it would have.
        if (await db.Lots.AnyAsync(l => l.AuctionId == auctionId && (l.Status == LotStatus.Hammered || l.Status == LotStatus.Passed), ct))
            await FinishIfDoneAsync(db, auctionId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Takes the lot's row only while it is pending, so an edit or removal cannot cross an open.</summary>
    private static async Task LockPendingAsync(AppDbContext db, int lotId, string what, CancellationToken ct)
    {
        if (await db.Lots.Where(l => l.Id == lotId && l.Status == LotStatus.Pending).ExecuteUpdateAsync(s => s.SetProperty(l => l.Raises, l => l.Raises), ct) == 0)
        {
            var status = await db.Lots.Where(l => l.Id == lotId).Select(l => (LotStatus?)l.Status).SingleOrDefaultAsync(ct) ?? throw new UnknownId("拍品不存在。");
            throw new RuleViolation($"该拍品{Lot.StatusName(status)}，只有待拍的拍品可以{what}。");
        }
    }

    public static async Task OpenAsync(AppDbContext db, Caller caller, int auctionId, int lotId, DateTimeOffset now, CancellationToken ct)
    {
        var (auction, lot) = await LotAsync(db, caller, auctionId, lotId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAuctionAsync(db, auctionId, lotId, ct);
        if (await db.Lots.AnyAsync(l => l.AuctionId == auctionId && l.Status == LotStatus.Open, ct))
            throw new RuleViolation(lot.Status == LotStatus.Open ? "该拍品已在举牌中。" : "另一件拍品正在举牌，请先落槌或流拍。");
        if (await db.Lots.Where(l => l.Id == lotId && l.Status == LotStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LotStatus.Open).SetProperty(l => l.OpenedAt, now), ct) == 0)
            throw new RuleViolation($"该拍品{Lot.StatusName(lot.Status)}，不能再开拍；误落槌请用“撤销上一槌”。");
        db.AuctionEntries.Add(new AuctionEntry(auctionId, lotId, "开拍", $"第 {lot.Number} 号拍品：{lot.Title}", caller.UserName, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    public static async Task CountdownAsync(AppDbContext db, Caller caller, int auctionId, int lotId, int? seconds, DateTimeOffset now, CancellationToken ct)
    {
        var (_, lot) = await LotAsync(db, caller, auctionId, lotId, ct);
        if (seconds is < 3 or > 600) throw new InvalidInput("seconds", "倒计时为 3 到 600 秒。");
        DateTimeOffset? ends = seconds is { } s ? now.AddSeconds(s) : null;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Lots.Where(l => l.Id == lotId && l.Status == LotStatus.Open).ExecuteUpdateAsync(x => x.SetProperty(l => l.CountdownEndsAt, ends), ct) == 0)
            throw new RuleViolation($"该拍品{Lot.StatusName(lot.Status)}，不能计时。");
        db.AuctionEntries.Add(new AuctionEntry(auctionId, lotId, seconds is null ? "停止计时" : "开始计时", seconds is null ? "" : $"{seconds} 秒", caller.UserName, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>A unit raises its paddle; the raise is stored before it is acknowledged, so an acknowledged paddle survives a restart.</summary>
    public static async Task<PaddleItem> RaiseAsync(AppDbContext db, Caller caller, int auctionId, int lotId, PledgeInput? pledge, DateTimeOffset now, CancellationToken ct)
    {
        if (caller.UnitId is not { } unitId) throw new Forbidden("只有共建单位的代表可以举牌。");
        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId && l.AuctionId == auctionId, ct) ?? throw new UnknownId("拍品不存在。");
        var bidder = await db.AuctionBidders.AsNoTracking().Where(b => b.AuctionId == auctionId && b.ResidentUnitId == unitId)
            .Select(b => new { b.PaddleNo, b.Unit!.Name }).FirstOrDefaultAsync(ct) ?? throw new Forbidden("本单位未登记参加这场拍卖会。");
        string? note = null;
        if (lot.Mode == LotMode.Pledge)
        {
            if (pledge is null) throw new InvalidInput("pledge", $"承诺竞拍须填写承诺（{Lot.UnitName(lot.PledgeUnit)}）。");
            if (pledge.Value <= 0 || pledge.Value > 100_000_000 || decimal.Round(pledge.Value, 2) != pledge.Value)
                throw new InvalidInput("pledge.value", "承诺数额须大于 0，最多两位小数。");
            note = pledge.Note?.Trim();
            if (note?.Length > 200) throw new InvalidInput("pledge.note", "承诺说明不超过 200 个字。");
        }
        else if (pledge is not null) throw new InvalidInput("pledge", "意向举牌不带承诺数额。");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var took = await db.Lots.Where(l => l.Id == lotId && l.Status == LotStatus.Open && (l.CountdownEndsAt == null || l.CountdownEndsAt > now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Raises, l => l.Raises + 1), ct);
        if (took == 0)
        {
            var state = await db.Lots.Where(l => l.Id == lotId).Select(l => new { l.Status, l.CountdownEndsAt }).SingleAsync(ct);
            throw new RuleViolation(state.Status == LotStatus.Open ? "倒计时已结束，不能再举牌。" : $"该拍品{Lot.StatusName(state.Status)}，现在不能举牌。");
        }
        var seq = await db.Lots.Where(l => l.Id == lotId).Select(l => l.Raises).SingleAsync(ct);
        var bid = await db.Bids.FirstOrDefaultAsync(b => b.LotId == lotId && b.ResidentUnitId == unitId, ct);
        if (lot.Mode == LotMode.Intent)
        {
            if (bid is not null) throw new RuleViolation("本单位已经举过牌了。");
            bid = new Bid(auctionId, lotId, unitId, seq, null, null, now, caller.UserName);
            db.Bids.Add(bid);
        }
        else
        {
            var best = await db.Bids.Where(b => b.LotId == lotId).MaxAsync(b => b.Pledge, ct);
            var floor = (best ?? 0) + lot.Increment;
            if (pledge!.Value < floor)
                throw new RuleViolation($"承诺须不少于 {floor:0.##} {Lot.UnitName(lot.PledgeUnit)}（当前最高 {best ?? 0:0.##}，加价幅度 {lot.Increment:0.##}）。");
            if (bid is null) db.Bids.Add(bid = new Bid(auctionId, lotId, unitId, seq, pledge.Value, note, now, caller.UserName));
            else bid.Raise(seq, pledge.Value, note, now, caller.UserName);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PaddleItem(lotId, unitId, bidder.Name, bidder.PaddleNo, seq, bid.FirstSeq, bid.Pledge, bid.PledgeNote, now);
    }

    /// <summary>
    /// Strikes the hammer once: the first call turns the lot to Hammered and writes the awards, a draft contract per
    /// winner, the project and the winners' messages; every later or parallel call finds the lot hammered and gets the
    /// same awards back. A replay's hammer writes the awards only.
    /// </summary>
    public static async Task<HammerResult> HammerAsync(AppDbContext db, Caller caller, int auctionId, int lotId, HammerRequest? request,
        DateTimeOffset now, CancellationToken ct)
    {
        var (auction, lot) = await LotAsync(db, caller, auctionId, lotId, ct);
        if (lot.Status == LotStatus.Hammered) return await AuctionQueries.HammerResultAsync(db, lotId, ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var took = await db.Lots.Where(l => l.Id == lotId && l.Status == LotStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LotStatus.Hammered).SetProperty(l => l.HammerNo, l => l.HammerNo + 1)
                .SetProperty(l => l.ClosedAt, now).SetProperty(l => l.CountdownEndsAt, (DateTimeOffset?)null), ct);
        if (took == 0)
        {
            await tx.RollbackAsync(ct);
            var status = await db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync(ct);
            if (status == LotStatus.Hammered) return await AuctionQueries.HammerResultAsync(db, lotId, ct);
            throw new RuleViolation($"该拍品{Lot.StatusName(status)}，不能落槌。");
        }
        // Read under the lock: the hammer number just taken, and a project an undone hammer may have left on the lot.
        var locked = await db.Lots.Where(l => l.Id == lotId).Select(l => new { l.HammerNo, l.ProjectId }).SingleAsync(ct);
        var bids = await db.Bids.Where(b => b.LotId == lotId).ToListAsync(ct);
        if (bids.Count == 0) throw new RuleViolation("还没有单位举牌，不能落槌；可以选择流拍。");
        var grants = auction.ReplayOfId is null;
        var places = lot.Capacity;
        if (grants && lot.NeedId is { } guarded)
        {
            // The need's row is where every allocation of it meets (claims, a round's confirmation, this hammer), so the
            // hammer awards at most what is free there now, however many shares the lot was put up with.
            places = Math.Min(places, await OrderEdits.FreeNeedPlacesAsync(db, guarded, ct));
            if (places <= 0) throw new RuleViolation("该需求的名额已全部认领或授予，不能落槌；可以选择流拍。");
        }
        var winners = await WinnersAsync(db, auction, lot, places, bids, request, ct);
        if (grants && lot.NeedId is { } taken && !await OrderEdits.TakeNeedPlacesAsync(db, taken, winners.Count, ct))
            throw new RuleViolation("该需求的名额不足，不能落槌。");

        OrgUnit? party = null;
        Project? project = null;
        if (grants)
        {
            var need = lot.NeedId is { } needId ? await db.Needs.AsNoTracking().Include(n => n.OrgUnit).SingleAsync(n => n.Id == needId, ct) : null;
            party = need?.OrgUnit ?? await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == auction.StreetId, ct);
            project = locked.ProjectId is { } pid ? await db.Projects.SingleAsync(p => p.Id == pid, ct) : null;
            if (project is null)
            {
                project = new Project(party, need?.CategoryId, lot.Title, lot.Description, ProjectSource.AuctionLot, lot.Id, DateOnly.FromDateTime(now.UtcDateTime.AddHours(8)), now);
                db.Projects.Add(project);
                await db.SaveChangesAsync(ct);
                await db.Lots.Where(l => l.Id == lotId).ExecuteUpdateAsync(s => s.SetProperty(l => l.ProjectId, project.Id), ct);
            }
        }
        var drafts = new List<(Award Award, OrgContract Contract)>();
        foreach (var (bid, place, reason) in winners)
        {
            var award = new Award(auctionId, lotId, locked.HammerNo, bid.ResidentUnitId, bid.Id, place, bid.Pledge, reason, now);
            db.Awards.Add(award);
            if (!grants) continue;
            var commitment = lot.Mode == LotMode.Pledge
                ? $"承诺 {bid.Pledge:0.##} {Lot.UnitName(lot.PledgeUnit)}{(string.IsNullOrEmpty(bid.PledgeNote) ? "" : "：" + bid.PledgeNote)}，共建“{lot.Title}”"
                : $"共建“{lot.Title}”（共 {lot.Capacity} 份，第 {place} 份）";
            var contract = OrgContract.FromAward(party!, bid.ResidentUnitId, $"{lot.Title} 共建协议", commitment, bid.Pledge,
                lot.Mode == LotMode.Pledge ? Lot.UnitName(lot.PledgeUnit) : null, lot.Id, project!.Id, now, caller.UserName);
            db.OrgContracts.Add(contract);
            drafts.Add((award, contract));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (award, contract) in drafts)
        {
            award.OrgContractId = contract.Id;
            db.Notifications.Add(new Notification(auction.DistrictId, null, award.ResidentUnitId, $"共建权已获得：{lot.Title}",
                $"{auction.Title} 第 {lot.Number} 号拍品落槌，协议草稿 {contract.Number} 已生成，请查看并签署。", $"/contracts/{contract.Id}", now));
        }
        await AuditTrail.AppendAsync(db, auction.DistrictId, caller.UserName, now,
            drafts.Select(d => new AuditEvent("OrgContract", d.Contract.Id, "draft-from-auction", null, ContractText.Summary(d.Contract))).ToList(), ct);
        db.AuctionEntries.Add(new AuctionEntry(auctionId, lotId, "落槌",
            $"第 {lot.Number} 号拍品第 {locked.HammerNo} 槌：{string.Join("、", winners.Select(w => w.Bid.ResidentUnitId))}（{request?.Reason?.Trim()}）", caller.UserName, now));
        await FinishIfDoneAsync(db, auctionId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return await AuctionQueries.HammerResultAsync(db, lotId, ct);
    }

    /// <summary>Who wins: pledges by size; intent lots within capacity all; over capacity by the lot's tie rule.</summary>
    private static async Task<List<(Bid Bid, int Place, string Reason)>> WinnersAsync(AppDbContext db, Auction auction, Lot lot, int places, List<Bid> bids,
        HammerRequest? request, CancellationToken ct)
    {
        if (lot.Mode == LotMode.Pledge)
            return bids.OrderByDescending(b => b.Pledge).ThenBy(b => b.Seq).Take(places)
                .Select((b, i) => (b, i + 1, $"承诺 {b.Pledge:0.##} {Lot.UnitName(lot.PledgeUnit)}，排名第 {i + 1}")).ToList();
        if (bids.Count <= places)
            return bids.OrderBy(b => b.FirstSeq).Select((b, i) => (b, i + 1, "举牌意向，名额未满")).ToList();
        switch (lot.TieRule)
        {
            case TieRule.ModeratorPick:
                var picks = request?.Picks ?? throw new InvalidInput("picks", $"举牌单位多于名额（{places}），请主持人选定 {places} 家。");
                var reason = request.Reason?.Trim() ?? "";
                if (reason.Length is 0 or > 100) throw new InvalidInput("reason", "请写明选定的理由（不超过 100 个字）。");
                if (picks.Count != places || picks.Distinct().Count() != picks.Count)
                    throw new InvalidInput("picks", $"请选定 {places} 家不重复的举牌单位。");
                var byUnit = bids.ToDictionary(b => b.ResidentUnitId);
                if (picks.Where(p => !byUnit.ContainsKey(p)).Select(p => (int?)p).FirstOrDefault() is { } missing) throw new InvalidInput("picks", $"单位 {missing} 没有举牌。");
                return picks.Select((p, i) => (byUnit[p], i + 1, $"主持人选定：{reason}")).ToList();
            case TieRule.RoundRank:
                var ranks = auction.SelectionRoundId is { } roundId && lot.NeedId is { } needId
                    ? await db.RoundRankings.Where(r => r.SelectionRoundId == roundId && r.NeedId == needId && r.Side == RankSide.Need)
                        .ToDictionaryAsync(r => r.ResidentUnitId, r => r.Rank, ct)
                    : [];
                return bids.OrderBy(b => ranks.GetValueOrDefault(b.ResidentUnitId, int.MaxValue)).ThenBy(b => b.FirstSeq).Take(places)
                    .Select((b, i) => (b, i + 1, ranks.TryGetValue(b.ResidentUnitId, out var r) ? $"社区排序第 {r + 1}" : "社区未排序，按举牌先后")).ToList();
            default:
                return bids.OrderBy(b => b.FirstSeq).Take(places).Select((b, i) => (b, i + 1, $"先举牌者优先（第 {i + 1} 个举牌）")).ToList();
        }
    }

    public static async Task PassAsync(AppDbContext db, Caller caller, int auctionId, int lotId, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var (_, lot) = await LotAsync(db, caller, auctionId, lotId, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Lots.Where(l => l.Id == lotId && l.Status == LotStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LotStatus.Passed).SetProperty(l => l.ClosedAt, now).SetProperty(l => l.CountdownEndsAt, (DateTimeOffset?)null), ct) == 0)
            throw new RuleViolation($"该拍品{Lot.StatusName(lot.Status)}，不能流拍。");
        db.AuctionEntries.Add(new AuctionEntry(auctionId, lotId, "流拍", $"第 {lot.Number} 号拍品{(string.IsNullOrWhiteSpace(reason) ? "" : "：" + reason.Trim())}", caller.UserName, now));
        await FinishIfDoneAsync(db, auctionId, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Undoes the last hammer (or pass) of the auction: awards revoked, draft contracts voided, the lot open again.</summary>
    public static async Task UndoAsync(AppDbContext db, Caller caller, int auctionId, int lotId, string? reason, DateTimeOffset now, CancellationToken ct)
    {
        var (auction, lot) = await LotAsync(db, caller, auctionId, lotId, ct);
        reason = reason?.Trim() ?? "";
        if (reason.Length is 0 or > 200) throw new InvalidInput("reason", "撤销须写明理由（不超过 200 个字）。");
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAuctionAsync(db, auctionId, lotId, ct);
        if (await db.Lots.AnyAsync(l => l.AuctionId == auctionId && l.Status == LotStatus.Open, ct)) throw new RuleViolation("另一件拍品正在举牌，不能撤销。");
        var last = await db.Lots.Where(l => l.AuctionId == auctionId && l.ClosedAt != null).OrderByDescending(l => l.ClosedAt).ThenByDescending(l => l.Id)
            .Select(l => l.Id).FirstOrDefaultAsync(ct);
        if (last != lotId) throw new RuleViolation("只能撤销最后一槌。");
        if (await db.Lots.Where(l => l.Id == lotId && l.Status == lot.Status && l.HammerNo == lot.HammerNo && (l.Status == LotStatus.Hammered || l.Status == LotStatus.Passed))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Status, LotStatus.Open).SetProperty(l => l.ClosedAt, (DateTimeOffset?)null), ct) == 0)
            throw new RuleViolation("该拍品尚未落槌或已被撤销。");
        var awards = await db.Awards.Where(a => a.LotId == lotId && a.HammerNo == lot.HammerNo && a.RevokedAt == null).ToListAsync(ct);
        var contractIds = awards.Select(a => a.OrgContractId).ToList();
        var voided = await db.OrgContracts.Where(c => contractIds.Contains(c.Id)).ToListAsync(ct);
        foreach (var contract in voided)
            if (!contract.Void()) throw new RuleViolation($"“{contract.Title}”已进入签署，不能撤销。");
        if (voided.Count > 0)
            await AuditTrail.AppendAsync(db, auction.DistrictId, caller.UserName, now,
                voided.Select(c => new AuditEvent("OrgContract", c.Id, "void", new { status = nameof(ContractStatus.Draft) }, new { status = nameof(ContractStatus.Voided), reason })).ToList(), ct);
        if (auction.ReplayOfId is null && lot.NeedId is { } needId && awards.Count > 0) await OrderEdits.ReleaseNeedPlacesAsync(db, needId, awards.Count, ct);
        foreach (var award in awards)
        {
            award.Revoke(reason, now);
            db.Notifications.Add(new Notification(auction.DistrictId, null, award.ResidentUnitId, $"落槌已撤销：{lot.Title}", $"主持人撤销了第 {lot.Number} 号拍品的落槌：{reason}", $"/live/{auctionId}/paddle", now));
        }
        db.AuctionEntries.Add(new AuctionEntry(auctionId, lotId, "撤销落槌", $"第 {lot.Number} 号拍品第 {lot.HammerNo} 槌：{reason}", caller.UserName, now));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// Takes the auction's row (PostgreSQL row lock; SQLite's writer lock) so that opens and undos of one auction queue.
    /// The check for an open lot must be a statement of its own after this: under READ COMMITTED a condition inside the
    /// waiting UPDATE would still read other rows as they were before the wait.
    /// </summary>
    private static Task LockAuctionAsync(AppDbContext db, int auctionId, int lotId, CancellationToken ct) =>
        db.Auctions.Where(a => a.Id == auctionId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.CurrentLotId, lotId).SetProperty(a => a.Status, AuctionStatus.Live), ct);

    private static async Task FinishIfDoneAsync(AppDbContext db, int auctionId, CancellationToken ct) =>
        await db.Auctions.Where(a => a.Id == auctionId && !db.Lots.Any(l => l.AuctionId == a.Id && (l.Status == LotStatus.Pending || l.Status == LotStatus.Open)))
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, AuctionStatus.Finished), ct);

    /// <summary>The auction, when the caller runs it: staff over the street (street or district admin).</summary>
    public static async Task<Auction> ModeratedAsync(AppDbContext db, Caller caller, int auctionId, CancellationToken ct)
    {
        var auction = await db.Auctions.AsNoTracking().FirstOrDefaultAsync(a => a.Id == auctionId, ct) ?? throw new UnknownId("拍卖会不存在。");
        if (!caller.Covers(auction.DistrictId, auction.Path)) throw new Forbidden("只有举办街道可以主持拍卖会。");
        return auction;
    }

    private static async Task<(Auction, Lot)> LotAsync(AppDbContext db, Caller caller, int auctionId, int lotId, CancellationToken ct)
    {
        var auction = await ModeratedAsync(db, caller, auctionId, ct);
        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId && l.AuctionId == auctionId, ct) ?? throw new UnknownId("拍品不存在。");
        return (auction, lot);
    }
}
