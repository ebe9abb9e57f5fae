using CoBuild.Matching;
using CoBuild.Web.Components;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Selection;

/// <summary>A (need, unit) pair of a round, as the street names it when keeping a contested match.</summary>
public sealed record RoundPair(int NeedId, int UnitId);
/// <summary>Confirm's body: the matched pairs of contested needs the street keeps; the others are left for the auction.</summary>
public sealed record ConfirmRound(List<RoundPair>? KeepContested);

/// <summary>RankingDeadline: rankings are taken until then (optional; the street may set or move it later).</summary>
public sealed record CreateRound(int? StreetId, string Title, List<int> NeedIds, List<int>? UnitIds, int MaxRanks = 5, int UnitCapacity = 1, Proposer Proposer = Proposer.Units,
    DateTimeOffset? RankingDeadline = null);
public sealed record SetRankingDeadline(DateTimeOffset? RankingDeadline);

/// <summary>The round's life: open with needs and units, take both sides' rankings, close (match), confirm into orders.</summary>
internal static class RoundEdits
{
    public static async Task<SelectionRound> CreateAsync(AppDbContext db, Caller caller, CreateRound request, DateTimeOffset now, CancellationToken ct)
    {
        var street = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == (request.StreetId ?? caller.ScopeOrgUnitId), ct) ?? throw new InvalidInput("streetId", "街道不存在。");
        caller.Require(street);
        var round = new SelectionRound(street, request.Title, request.MaxRanks, request.UnitCapacity, request.Proposer, now, caller.UserName, request.RankingDeadline);
        if (request.NeedIds is not { Count: > 0 }) throw new InvalidInput("needIds", "请至少选择一项需求。");
        if (request.NeedIds.Distinct().Count() != request.NeedIds.Count) throw new InvalidInput("needIds", "需求重复出现。");
        var needs = await db.Needs.AsNoTracking().Where(n => request.NeedIds.Contains(n.Id)).ToListAsync(ct);
        foreach (var id in request.NeedIds)
        {
            var need = needs.FirstOrDefault(n => n.Id == id);
            if (need is null || !need.Path.StartsWith(street.Path, StringComparison.Ordinal)) throw new InvalidInput("needIds", $"需求 {id} 不存在或不属于{street.Name}。");
            if (need.Status == NeedStatus.Closed || need.IsFull) throw new InvalidInput("needIds", $"需求“{need.Title}”已关闭或已认满。");
            round.AddNeed(id, need.Capacity - need.Claimed);
        }
        var streetUnits = await db.ResidentUnits.AsNoTracking().Where(u => u.StreetId == street.Id).OrderBy(u => u.Id).Select(u => u.Id).ToListAsync(ct);
        var unitIds = request.UnitIds ?? streetUnits;
        if (unitIds.Count == 0) throw new InvalidInput("unitIds", "请至少选择一家共建单位。");
        if (unitIds.Distinct().Count() != unitIds.Count) throw new InvalidInput("unitIds", "单位重复出现。");
        if (unitIds.Where(u => !streetUnits.Contains(u)).Select(u => (int?)u).FirstOrDefault() is { } bad) throw new InvalidInput("unitIds", $"单位 {bad} 不是{street.Name}的共建单位。");
        // Tie rule: units in the order they joined the alliance (their registration id).
        foreach (var (id, i) in unitIds.Order().Select((id, i) => (id, i))) round.AddUnit(id, i);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.SelectionRounds.Add(round);
        await db.SaveChangesAsync(ct);
        await RoundNotices.OpenedAsync(db, round, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return round;
    }

    public static async Task<SelectionRound> LoadAsync(AppDbContext db, int id, CancellationToken ct) =>
        await db.SelectionRounds.Include(r => r.Needs).Include(r => r.Units).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct) ?? throw new UnknownId("双向选择轮次不存在。");

    /// <summary>The street sets, moves or (with null) lifts the deadline for rankings while the round is open.</summary>
    public static async Task SetDeadlineAsync(AppDbContext db, Caller caller, int roundId, DateTimeOffset? deadline, CancellationToken ct)
    {
        var round = await LoadAsync(db, roundId, ct);
        caller.Require(await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == round.StreetId, ct));
        round.SetRankingDeadline(deadline);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Seeds and older callers without a clock of their own read the system's.</summary>
    public static Task RankNeedsAsync(AppDbContext db, Caller caller, int roundId, IReadOnlyList<int> needIds, CancellationToken ct) =>
        RankNeedsAsync(db, caller, roundId, needIds, TimeProvider.System.GetUtcNow(), ct);

    public static Task RankUnitsAsync(AppDbContext db, Caller caller, int roundId, int needId, IReadOnlyList<int> unitIds, CancellationToken ct) =>
        RankUnitsAsync(db, caller, roundId, needId, unitIds, TimeProvider.System.GetUtcNow(), ct);

    /// <summary>A unit's choice of needs, best first; replaces its earlier list. After the deadline: 409.</summary>
    public static async Task RankNeedsAsync(AppDbContext db, Caller caller, int roundId, IReadOnlyList<int> needIds, DateTimeOffset now, CancellationToken ct)
    {
        var round = await LoadAsync(db, roundId, ct);
        if (caller.UnitId is not { } unitId || round.Units.All(u => u.ResidentUnitId != unitId)) throw new Forbidden("本单位不在这一轮双向选择中。");
        RequireTakesRankings(round, now);
        if (needIds.Count > round.MaxRanks) throw new InvalidInput("needIds", $"最多选择 {round.MaxRanks} 项需求。");
        Validate(needIds, round.Needs.Select(n => n.NeedId), "needIds", "需求");
        await ReplaceAsync(db, roundId, RankSide.Unit, r => r.ResidentUnitId == unitId, needIds.Select((n, i) => new RoundRanking(roundId, RankSide.Unit, n, unitId, i)), now, ct);
    }

    /// <summary>A community's order of the units for one of its needs, best first. After the deadline: 409.</summary>
    public static async Task RankUnitsAsync(AppDbContext db, Caller caller, int roundId, int needId, IReadOnlyList<int> unitIds, DateTimeOffset now, CancellationToken ct)
    {
        var round = await LoadAsync(db, roundId, ct);
        if (round.Needs.All(n => n.NeedId != needId)) throw new UnknownId("该需求不在本轮中。");
        var owner = await db.Needs.Where(n => n.Id == needId).Select(n => n.OrgUnit!).SingleAsync(ct);
        caller.Require(owner);
        RequireTakesRankings(round, now);
        Validate(unitIds, round.Units.Select(u => u.ResidentUnitId), "unitIds", "单位");
        await ReplaceAsync(db, roundId, RankSide.Need, r => r.NeedId == needId, unitIds.Select((u, i) => new RoundRanking(roundId, RankSide.Need, needId, u, i)), now, ct);
    }

    private static void RequireTakesRankings(SelectionRound round, DateTimeOffset now)
    {
        round.RequireOpen();
        if (!round.TakesRankings(now)) throw new RuleViolation(DeadlinePassed(round.RankingDeadline));
    }

    private static string DeadlinePassed(DateTimeOffset? deadline) => $"志愿填报已于 {(deadline is { } d ? Display.Local(d) : "")} 截止，不能再提交或修改。";

    private static void Validate(IReadOnlyList<int> ids, IEnumerable<int> allowed, string field, string what)
    {
        var set = allowed.ToHashSet();
        foreach (var id in ids)
            if (!set.Contains(id)) throw new InvalidInput(field, $"{what} {id} 不在本轮中。");
        if (ids.GroupBy(x => x).FirstOrDefault(g => g.Count() > 1) is { } dup) throw new InvalidInput(field, $"{what} {dup.Key} 重复出现。");
    }

    private static async Task ReplaceAsync(AppDbContext db, int roundId, RankSide side, System.Linq.Expressions.Expression<Func<RoundRanking, bool>> whose,
        IEnumerable<RoundRanking> rows, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Re-checked under the write lock: a ranking that arrives as the round closes (or its deadline moves) is refused, not half-counted.
        if (await db.SelectionRounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Open && (r.RankingDeadline == null || r.RankingDeadline > now))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Title, r => r.Title), ct) == 0)
        {
            var deadline = await db.SelectionRounds.Where(r => r.Id == roundId).Select(r => r.RankingDeadline).SingleAsync(ct);
            throw new RuleViolation(deadline is { } d && d <= now ? DeadlinePassed(d) : "本轮双向选择已截止，不能再修改志愿。");
        }
        await db.RoundRankings.Where(r => r.SelectionRoundId == roundId && r.Side == side).Where(whose).ExecuteDeleteAsync(ct);
        db.RoundRankings.AddRange(rows);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Closes the round and stores the matching with a reason for every pair either side listed. Closing twice is a 409.</summary>
    public static async Task CloseAsync(AppDbContext db, Caller caller, int roundId, DateTimeOffset now, CancellationToken ct)
    {
        var round = await LoadAsync(db, roundId, ct);
        caller.Require(await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == round.StreetId, ct));
        round.Close(now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.SelectionRounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Closed).SetProperty(r => r.ClosedAt, now), ct) == 0)
            throw new RuleViolation("本轮双向选择已经截止，不能重复截止。");
        db.Entry(round).State = EntityState.Unchanged;
        var rankings = await db.RoundRankings.AsNoTracking().Where(r => r.SelectionRoundId == roundId).ToListAsync(ct);
        var built = RoundInstance.Build(round, rankings);
        var result = DeferredAcceptance.Solve(built.Instance, round.Proposer);
        var listed = new HashSet<(int U, int N)>();
        for (var u = 0; u < built.UnitIds.Length; u++) foreach (var n in built.Instance.UnitPreferences[u]) listed.Add((u, n));
        for (var n = 0; n < built.NeedIds.Length; n++) foreach (var u in built.Instance.NeedPreferences[n]) listed.Add((u, n));
        foreach (var (u, n) in listed)
            db.RoundOutcomes.Add(new RoundOutcome(roundId, built.NeedIds[n], built.UnitIds[u], DeferredAcceptance.Explain(built.Instance, result, u, n)));
        var contested = Enumerable.Range(0, built.NeedIds.Length).Where(n => built.IsContested(result, n)).Select(n => built.NeedIds[n]).ToList();
        await db.Set<RoundNeed>().Where(n => n.SelectionRoundId == roundId && contested.Contains(n.NeedId)).ExecuteUpdateAsync(s => s.SetProperty(n => n.Contested, true), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear(); // the round row was changed in SQL; later reads in this request load it again
    }

    /// <summary>
    /// Turns the matched pairs into accepted claims: the pairs of uncontested needs, and of contested needs only those
    /// the street ticks in <paramref name="keepContested"/>; a contested need's other places stay free for the auction.
    /// A need filled by direct claims since the round opened keeps what it has; that pair is skipped and reported.
    /// </summary>
    public static async Task<(int Created, List<string> Skipped, List<string> LeftForAuction)> ConfirmAsync(AppDbContext db, Caller caller, int roundId,
        IReadOnlyList<RoundPair?>? keepContested, DateTimeOffset now, CancellationToken ct)
    {
        var round = await LoadAsync(db, roundId, ct);
        caller.Require(await db.OrgUnits.AsNoTracking().SingleAsync(o => o.Id == round.StreetId, ct));
        round.Confirm(now);
        var contestedNeeds = round.Needs.Where(n => n.Contested).Select(n => n.NeedId).ToHashSet();
        var matched = await db.RoundOutcomes.Where(o => o.SelectionRoundId == roundId && o.Reason == MissReason.Matched).ToListAsync(ct);
        var contestedPairs = matched.Where(p => contestedNeeds.Contains(p.NeedId)).Select(p => (p.NeedId, p.ResidentUnitId)).ToHashSet();
        var keep = new HashSet<(int, int)>();
        foreach (var pair in keepContested ?? [])
        {
            if (pair is null || !contestedPairs.Contains((pair.NeedId, pair.UnitId)))
                throw new InvalidInput("keepContested", pair is null ? "保留的匹配不能为空。" : $"需求 {pair.NeedId} 与单位 {pair.UnitId} 不是本轮争议需求的匹配结果。");
            if (!keep.Add((pair.NeedId, pair.UnitId))) throw new InvalidInput("keepContested", $"需求 {pair.NeedId} 与单位 {pair.UnitId} 重复出现。");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.SelectionRounds.Where(r => r.Id == roundId && r.Status == RoundStatus.Closed)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RoundStatus.Confirmed).SetProperty(r => r.ConfirmedAt, now), ct) == 0)
            throw new RuleViolation("本轮结果已经确认，不能重复确认。");
        // Pairs go need by need (a fixed lock order), each need's units in the community's order, so that when direct
        // claims have taken places since the round opened, the units the community preferred keep theirs.
        var built = RoundInstance.Build(round, await db.RoundRankings.AsNoTracking().Where(r => r.SelectionRoundId == roundId).ToListAsync(ct));
        int Rank(RoundOutcome p) => Array.IndexOf(built.Instance.NeedPreferences[Array.IndexOf(built.NeedIds, p.NeedId)], Array.IndexOf(built.UnitIds, p.ResidentUnitId));
        var pairs = matched.Where(p => !contestedNeeds.Contains(p.NeedId) || keep.Contains((p.NeedId, p.ResidentUnitId)))
            .OrderBy(p => p.NeedId).ThenBy(Rank).ToList();
        var left = matched.Where(p => !pairs.Contains(p)).ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => matched.Select(p => p.NeedId).Contains(n.Id)).ToDictionaryAsync(n => n.Id, ct);
        var units = await db.ResidentUnits.AsNoTracking().Where(u => matched.Select(p => p.ResidentUnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var skipped = new List<string>();
        var created = new List<(RoundOutcome Pair, Order Order)>();
        foreach (var pair in pairs)
        {
            var need = needs[pair.NeedId];
            if (await db.Orders.AnyAsync(o => o.NeedId == need.Id && o.ProviderUnitId == pair.ResidentUnitId, ct))
            {
                skipped.Add($"{units[pair.ResidentUnitId]} — {need.Title}（该单位已直接认领）");
                continue;
            }
            if (!await OrderEdits.TakeNeedPlaceAsync(db, need.Id, ct))
            {
                var closed = await db.Needs.AnyAsync(n => n.Id == need.Id && n.Status == NeedStatus.Closed, ct);
                skipped.Add($"{units[pair.ResidentUnitId]} — {need.Title}（{(closed ? "需求已关闭" : "名额已被直接认领占满")}）");
                continue;
            }
            var order = new Order(OrderKind.Claim, need.DistrictId, need.OrgUnitId, need.Path, pair.ResidentUnitId, null, need.Id, null, need.Title,
                $"双向选择“{round.Title}”匹配结果", null, null, null, now, caller.UserName) { SelectionRoundId = roundId };
            order.Apply(OrderAction.Accept, now, caller.UserName, "街道确认双向选择结果", null);
            db.Orders.Add(order);
            created.Add((pair, order));
        }
        await db.SaveChangesAsync(ct);
        foreach (var (pair, order) in created)
        {
            pair.OrderId = order.Id;
            var need = needs[pair.NeedId];
            OrderEdits.Notify(db, order, toBeneficiary: true, $"双向选择：{units[pair.ResidentUnitId]} 承接“{need.Title}”", "街道已确认匹配结果。", now);
            OrderEdits.Notify(db, order, toBeneficiary: false, $"双向选择：贵单位承接“{need.Title}”", "街道已确认匹配结果。", now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (created.Count, skipped, left.OrderBy(p => p.NeedId).ThenBy(p => p.ResidentUnitId)
            .Select(p => $"{units[p.ResidentUnitId]} — {needs[p.NeedId].Title}（争议需求，名额留待项目拍卖会）").ToList());
    }
}
