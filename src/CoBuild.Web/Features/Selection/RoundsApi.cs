using CoBuild.Matching;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Selection;

public sealed record RankNeeds(List<int> NeedIds);
public sealed record RankUnits(List<int> UnitIds);
public sealed record RoundNeedItem(int NeedId, string Title, string OrgUnit, int Capacity, bool Contested, List<string> Matched);
public sealed record RoundItem(int Id, int StreetId, string Title, RoundStatus Status, string StatusName, int MaxRanks, int UnitCapacity, Proposer Proposer,
    int Units, List<RoundNeedItem> Needs, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt, DateTimeOffset? ConfirmedAt, List<int>? MyRanking);
public sealed record OutcomeItem(int UnitId, string Unit, int NeedId, string Need, MissReason Reason, string ReasonText, int? OrderId);
public sealed record RoundResultItem(int RoundId, RoundStatus Status, int Pairs, List<OutcomeItem> Outcomes, List<RoundNeedItem> UnmatchedNeeds, List<RoundNeedItem> Contested,
    WelfareComparison? Welfare);
/// <summary>The stable matching beside the maximum-total-preference assignment (cost = sum of both ranks, 0 = first choice).</summary>
public sealed record WelfareComparison(int StablePairs, long StableCost, int WelfarePairs, long WelfareCost, int WelfareBlockingPairs);
public sealed record ConfirmResult(int OrdersCreated, List<string> Skipped);

/// <summary>菜单式双向选择 under /api/v1/selection-rounds.</summary>
internal static class RoundsApi
{
    public static IEndpointRouteBuilder MapRounds(this IEndpointRouteBuilder app)
    {
        var rounds = app.MapGroup("/api/v1/selection-rounds").WithTags("Selection rounds").RequireAuthorization();
        rounds.MapGet("/", async (AppDbContext db, HttpContext http, CancellationToken ct) => TypedResults.Ok(await RoundQueries.ListAsync(db, Caller.From(http.User)!, ct)));
        rounds.MapPost("/", async (CreateRound request, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        {
            var caller = Caller.From(http.User)!;
            var round = await RoundEdits.CreateAsync(db, caller, request, clock.GetUtcNow(), ct);
            return TypedResults.Created($"/api/v1/selection-rounds/{round.Id}", await RoundQueries.ItemAsync(db, caller, round.Id, ct));
        });
        rounds.MapGet("/{id:int}", async (int id, AppDbContext db, HttpContext http, CancellationToken ct) => TypedResults.Ok(await RoundQueries.ItemAsync(db, Caller.From(http.User)!, id, ct)));
        rounds.MapPut("/{id:int}/rankings", async (int id, RankNeeds request, AppDbContext db, HttpContext http, CancellationToken ct) =>
        {
            var caller = Caller.From(http.User)!;
            await RoundEdits.RankNeedsAsync(db, caller, id, request.NeedIds ?? throw new InvalidInput("needIds", "请提交需求志愿列表。"), ct);
            return TypedResults.Ok(await RoundQueries.ItemAsync(db, caller, id, ct));
        });
        rounds.MapPut("/{id:int}/needs/{needId:int}/rankings", async Task<NoContent> (int id, int needId, RankUnits request, AppDbContext db, HttpContext http, CancellationToken ct) =>
        {
            await RoundEdits.RankUnitsAsync(db, Caller.From(http.User)!, id, needId, request.UnitIds ?? throw new InvalidInput("unitIds", "请提交单位排序。"), ct);
            return TypedResults.NoContent();
        });
        rounds.MapPost("/{id:int}/close", async (int id, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        {
            var caller = Caller.From(http.User)!;
            await RoundEdits.CloseAsync(db, caller, id, clock.GetUtcNow(), ct);
            return TypedResults.Ok(await RoundQueries.ResultAsync(db, caller, id, ct));
        });
        rounds.MapGet("/{id:int}/result", async (int id, AppDbContext db, HttpContext http, CancellationToken ct) => TypedResults.Ok(await RoundQueries.ResultAsync(db, Caller.From(http.User)!, id, ct)));
        rounds.MapPost("/{id:int}/confirm", async (int id, AppDbContext db, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        {
            var (created, skipped) = await RoundEdits.ConfirmAsync(db, Caller.From(http.User)!, id, clock.GetUtcNow(), ct);
            return TypedResults.Ok(new ConfirmResult(created, skipped));
        });
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

    public static async Task<List<RoundItem>> ListAsync(AppDbContext db, Caller caller, CancellationToken ct)
    {
        var query = db.SelectionRounds.AsNoTracking();
        query = caller.UnitId is { } unitId ? query.Where(r => r.Units.Any(u => u.ResidentUnitId == unitId))
            : caller.IsStaff ? query.Where(r => r.DistrictId == caller.DistrictId && (caller.Role == Roles.DistrictAdmin || r.Path.StartsWith(caller.PathPrefix)
                || caller.PathPrefix.StartsWith(r.Path)))
            : query.Where(r => false);
        var ids = await query.OrderByDescending(r => r.Id).Select(r => r.Id).Take(100).ToListAsync(ct);
        var items = new List<RoundItem>();
        foreach (var id in ids) items.Add(await ItemAsync(db, caller, id, ct));
        return items;
    }

    /// <summary>Street staff over the street, community staff of its communities, and the units in the round may read it.</summary>
    private static void RequireReader(Caller caller, SelectionRound round, IReadOnlyCollection<string> needPaths)
    {
        if (caller.UnitId is { } unitId && round.Units.Any(u => u.ResidentUnitId == unitId)) return;
        if (caller.Covers(round.Path) || needPaths.Any(caller.Covers)) return;
        throw new UnknownId("双向选择轮次不存在。");
    }

    public static async Task<RoundItem> ItemAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var round = await RoundEdits.LoadAsync(db, id, ct);
        var needIds = round.Needs.Select(n => n.NeedId).ToList();
        var needs = await db.Needs.AsNoTracking().Where(n => needIds.Contains(n.Id)).Select(n => new { n.Id, n.Title, n.Path, OrgUnit = n.OrgUnit!.Name }).ToDictionaryAsync(n => n.Id, ct);
        RequireReader(caller, round, needs.Values.Select(n => n.Path).ToList());
        var matched = await Matched(db, id, ct);
        List<int>? mine = null;
        if (caller.UnitId is { } unitId)
            mine = await db.RoundRankings.Where(r => r.SelectionRoundId == id && r.Side == RankSide.Unit && r.ResidentUnitId == unitId).OrderBy(r => r.Rank).Select(r => r.NeedId).ToListAsync(ct);
        return new RoundItem(round.Id, round.StreetId, round.Title, round.Status, SelectionRound.StatusName(round.Status), round.MaxRanks, round.UnitCapacity, round.Proposer,
            round.Units.Count, round.Needs.OrderBy(n => n.Id).Select(n => new RoundNeedItem(n.NeedId, needs[n.NeedId].Title, needs[n.NeedId].OrgUnit, n.Capacity, n.Contested,
                matched.GetValueOrDefault(n.NeedId) ?? [])).ToList(), round.CreatedAt, round.ClosedAt, round.ConfirmedAt, mine);
    }

    private static async Task<Dictionary<int, List<string>>> Matched(AppDbContext db, int id, CancellationToken ct) =>
        (await db.RoundOutcomes.AsNoTracking().Where(o => o.SelectionRoundId == id && o.Reason == MissReason.Matched)
            .Join(db.ResidentUnits, o => o.ResidentUnitId, u => u.Id, (o, u) => new { o.NeedId, u.Name }).ToListAsync(ct))
        .GroupBy(x => x.NeedId).ToDictionary(g => g.Key, g => g.Select(x => x.Name).Order().ToList());

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
