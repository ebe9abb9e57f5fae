using CoBuild.Matching;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Selection;

public sealed record RankNeeds(List<int> NeedIds);
public sealed record RankUnits(List<int> UnitIds);
/// <summary>How many reminders went out (0 when everyone has ranked or was reminded within the hour).</summary>
public sealed record RoundReminded(int Reminded);
public sealed record RoundNeedItem(int NeedId, string Title, string OrgUnit, int Capacity, bool Contested, List<string> Matched);
public sealed record RoundItem(int Id, int StreetId, string Title, RoundStatus Status, string StatusName, int MaxRanks, int UnitCapacity, Proposer Proposer,
    int Units, List<RoundNeedItem> Needs, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, DateTimeOffset? ConfirmedAt, List<int>? MyRanking,
    DateTimeOffset? RankingDeadline = null);
public sealed record OutcomeItem(int UnitId, string Unit, int NeedId, string Need, MissReason Reason, string ReasonText, int? OrderId);
public sealed record RoundResultItem(int RoundId, RoundStatus Status, int Pairs, List<OutcomeItem> Outcomes, List<RoundNeedItem> UnmatchedNeeds, List<RoundNeedItem> Contested,
    WelfareComparison? Welfare);
/// <summary>The stable matching beside the maximum-total-preference assignment (cost = sum of both ranks, 0 = first choice).</summary>
public sealed record WelfareComparison(int StablePairs, long StableCost, int WelfarePairs, long WelfareCost, int WelfareBlockingPairs);
/// <summary>Skipped: kept pairs that found no place; LeftForAuction: contested pairs not kept, whose places stay free.</summary>
public sealed record ConfirmResult(int OrdersCreated, List<string> Skipped, List<string> LeftForAuction);

/// <summary>菜单式双向选择 under /api/v1/selection-rounds.</summary>
internal static class RoundsApi
{
    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/v1/selection-rounds").WithTags("Selection rounds").RequireAuthorization(Policies.SignedIn);
        rounds.MapGet("/", async (AppDbContext db, Caller caller, CancellationToken ct) => TypedResults.Ok(await RoundQueries.ListAsync(db, caller, ct)));
        rounds.MapPost("/", async (CreateRound request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var round = await RoundEdits.CreateAsync(db, caller, request, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/selection-rounds/{round.Id}", await RoundQueries.ItemAsync(db, caller, round.Id, ct));
        }).RequireAuthorization(Policies.StreetOrDistrict);
        rounds.MapGet("/{id:int}", async (int id, AppDbContext db, Caller caller, CancellationToken ct) => TypedResults.Ok(await RoundQueries.ItemAsync(db, caller, id, ct)));
        rounds.MapPut("/{id:int}/ranking-deadline", async (int id, SetRankingDeadline? request, AppDbContext db, Caller caller, CancellationToken ct) =>
        {
            await RoundEdits.SetDeadlineAsync(db, caller, id, (request ?? throw new InvalidInput("rankingDeadline", "请提交志愿截止时间（null 表示不设截止）。")).RankingDeadline, ct);
            return TypedResults.Ok(await RoundQueries.ItemAsync(db, caller, id, ct));
        }).RequireAuthorization(Policies.StreetOrDistrict);
        rounds.MapPut("/{id:int}/rankings", async (int id, RankNeeds request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await RoundEdits.RankNeedsAsync(db, caller, id, request.NeedIds ?? throw new InvalidInput("needIds", "请提交需求志愿列表。"), clock.GetUtcNow(), ct);
            return TypedResults.Ok(await RoundQueries.ItemAsync(db, caller, id, ct));
        }).RequireAuthorization(Policies.PartnerUnit);
        rounds.MapPut("/{id:int}/needs/{needId:int}/rankings", async Task<NoContent> (int id, int needId, RankUnits request, AppDbContext db, Caller caller, TimeProvider clock,
            CancellationToken ct) =>
        {
            await RoundEdits.RankUnitsAsync(db, caller, id, needId, request.UnitIds ?? throw new InvalidInput("unitIds", "请提交单位排序。"), clock.GetUtcNow(), ct);
            return TypedResults.NoContent();
        }).RequireAuthorization(Policies.Staff);
        rounds.MapPost("/{id:int}/close", async (int id, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            await RoundEdits.CloseAsync(db, caller, id, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await RoundQueries.ResultAsync(db, caller, id, ct));
        }).RequireAuthorization(Policies.StreetOrDistrict);
        rounds.MapPost("/{id:int}/remind", async (int id, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(new RoundReminded(await RoundNotices.RemindAsync(db, caller, id, clock.GetUtcNow(), ct)))).RequireAuthorization(Policies.StreetOrDistrict);
        rounds.MapGet("/{id:int}/result", async (int id, AppDbContext db, Caller caller, CancellationToken ct) => TypedResults.Ok(await RoundQueries.ResultAsync(db, caller, id, ct)));
        rounds.MapPost("/{id:int}/confirm", async (int id, ConfirmRound? request, AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
        {
            var (created, skipped, left) = await RoundEdits.ConfirmAsync(db, caller, id, request?.KeepContested, clock.GetUtcNow(), ct);
            return TypedResults.Ok(new ConfirmResult(created, skipped, left));
        }).RequireAuthorization(Policies.StreetOrDistrict);
        return app;
    }
}

internal static class RoundQueries
{
    public static string ReasonText(MissReason r) => r switch
    {
        MissReason.Matched => "匹配成功",
        MissReason.NotListedByOtherSide => "对方未选择",
        MissReason.FullWithPreferred => "名额已满，社区更倾向排序靠前的单位",
        _ => "本单位承接数已满（已匹配更靠前的志愿）",
    };

    /// <summary>Rounds the caller may read: units in the round; staff over the street, or over one of the round's needs.</summary>
    public static async Task<List<RoundItem>> ListAsync(AppDbContext db, Caller caller, CancellationToken ct)
    {
        var query = db.SelectionRounds.AsNoTracking().Where(r => r.DistrictId == caller.DistrictId);
        if (caller.UnitId is { } unitId) query = query.Where(r => r.Units.Any(u => u.ResidentUnitId == unitId));
        else if (caller.IsStaff && caller.ScopePath is { } path)
            query = query.Where(r => (r.Path.CompareTo(path) >= 0 && r.Path.CompareTo(PathRange.End(path)) < 0)
                || r.Needs.Any(n => db.Needs.Any(x => x.Id == n.NeedId && x.Path.CompareTo(path) >= 0 && x.Path.CompareTo(PathRange.End(path)) < 0)));
        else query = query.Where(r => false);
        var ids = await query.OrderByDescending(r => r.Id).Select(r => r.Id).Take(100).ToListAsync(ct);
        return await BuildAsync(db, caller, ids, ct);
    }

    /// <summary>Street staff over the street, community staff of its communities, and the units in the round may read it.</summary>
    private static async Task RequireReaderAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var round = await db.SelectionRounds.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Path, r.DistrictId }).FirstOrDefaultAsync(ct) ?? throw new UnknownId("双向选择轮次不存在。");
        if (round.DistrictId == caller.DistrictId)
        {
            if (caller.UnitId is { } unitId && await db.Set<RoundUnit>().AnyAsync(u => u.SelectionRoundId == id && u.ResidentUnitId == unitId, ct)) return;
            if (caller.Covers(round.DistrictId, round.Path)) return;
            var needPaths = await db.Set<RoundNeed>().Where(n => n.SelectionRoundId == id).Join(db.Needs, n => n.NeedId, x => x.Id, (n, x) => x.Path).ToListAsync(ct);
            if (needPaths.Any(p => caller.Covers(round.DistrictId, p))) return;
        }
        throw new UnknownId("双向选择轮次不存在。");
    }

    public static async Task<RoundItem> ItemAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        await RequireReaderAsync(db, caller, id, ct);
        return (await BuildAsync(db, caller, [id], ct)).Single();
    }

    /// <summary>Rounds with their needs, unit counts, matches and the caller's own choices: five statements for any number of rounds.</summary>
    private static async Task<List<RoundItem>> BuildAsync(AppDbContext db, Caller caller, List<int> ids, CancellationToken ct)
    {
        var rounds = await db.SelectionRounds.AsNoTracking().Where(r => ids.Contains(r.Id)).OrderByDescending(r => r.Id).ToListAsync(ct);
        var needs = await db.Set<RoundNeed>().AsNoTracking().Where(n => ids.Contains(n.SelectionRoundId))
            .Join(db.Needs, n => n.NeedId, x => x.Id, (n, x) => new { n.Id, n.SelectionRoundId, n.NeedId, n.Capacity, n.Contested, x.Title, OrgUnit = x.OrgUnit!.Name }).ToListAsync(ct);
        var unitCounts = await db.Set<RoundUnit>().Where(u => ids.Contains(u.SelectionRoundId)).GroupBy(u => u.SelectionRoundId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var matched = (await db.RoundOutcomes.AsNoTracking().Where(o => ids.Contains(o.SelectionRoundId) && o.Reason == MissReason.Matched)
                .Join(db.ResidentUnits, o => o.ResidentUnitId, u => u.Id, (o, u) => new { o.SelectionRoundId, o.NeedId, u.Name }).ToListAsync(ct))
            .ToLookup(x => (x.SelectionRoundId, x.NeedId), x => x.Name);
        var mine = caller.UnitId is { } unitId
            ? (await db.RoundRankings.AsNoTracking().Where(r => ids.Contains(r.SelectionRoundId) && r.Side == RankSide.Unit && r.ResidentUnitId == unitId).ToListAsync(ct))
                .GroupBy(r => r.SelectionRoundId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Rank).Select(r => r.NeedId).ToList())
            : null;
        return rounds.Select(r => new RoundItem(r.Id, r.StreetId, r.Title, r.Status, SelectionRound.StatusName(r.Status), r.MaxRanks, r.UnitCapacity, r.Proposer,
            unitCounts.GetValueOrDefault(r.Id), needs.Where(n => n.SelectionRoundId == r.Id).OrderBy(n => n.Id)
                .Select(n => new RoundNeedItem(n.NeedId, n.Title, n.OrgUnit, n.Capacity, n.Contested, matched[(r.Id, n.NeedId)].Order().ToList())).ToList(),
            r.CreatedAt, r.ClosedAt, r.ConfirmedAt, mine is null ? null : mine.GetValueOrDefault(r.Id) ?? [], r.RankingDeadline)).ToList();
    }

    /// <summary>The stored outcome: street and community staff see every pair; a unit sees its own.</summary>
    public static async Task<RoundResultItem> ResultAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var item = await ItemAsync(db, caller, id, ct);
        if (item.Status == RoundStatus.Open) throw new RuleViolation("本轮尚未截止，还没有匹配结果。");
        var query = db.RoundOutcomes.AsNoTracking().Where(o => o.SelectionRoundId == id);
        if (caller.UnitId is { } unitId) query = query.Where(o => o.ResidentUnitId == unitId);
        var rows = await query.Join(db.ResidentUnits, o => o.ResidentUnitId, u => u.Id, (o, u) => new { o, Unit = u.Name })
            .Join(db.Needs, x => x.o.NeedId, n => n.Id, (x, n) => new { x.o, x.Unit, Need = n.Title }).ToListAsync(ct);
        var outcomes = rows.OrderBy(r => r.o.NeedId).ThenBy(r => r.o.Reason).ThenBy(r => r.o.ResidentUnitId)
            .Select(r => new OutcomeItem(r.o.ResidentUnitId, r.Unit, r.o.NeedId, r.Need, r.o.Reason, ReasonText(r.o.Reason), r.o.OrderId)).ToList();
        return new RoundResultItem(id, item.Status, item.Needs.Sum(n => n.Matched.Count), outcomes,
            item.Needs.Where(n => n.Matched.Count == 0).ToList(), item.Needs.Where(n => n.Contested).ToList(),
            caller.IsStaff ? await WelfareAsync(db, id, ct) : null);
    }

    /// <summary>Recomputed from the stored rankings on request: the street compares, the stable matching stays the result.</summary>
    private static async Task<WelfareComparison> WelfareAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var round = await RoundEdits.LoadAsync(db, id, ct);
        var built = RoundInstance.Build(round, await db.RoundRankings.AsNoTracking().Where(r => r.SelectionRoundId == id).ToListAsync(ct));
        var stable = DeferredAcceptance.Solve(built.Instance, round.Proposer);
        var welfare = Welfare.Solve(built.Instance);
        return new WelfareComparison(stable.Pairs, Welfare.Cost(built.Instance, stable), welfare.Pairs, welfare.TotalCost,
            DeferredAcceptance.BlockingPairs(built.Instance, welfare.Matching).Count);
    }
}
