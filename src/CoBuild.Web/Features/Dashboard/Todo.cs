using CoBuild.Web.Components;
using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Projects;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Dashboard;

/// <summary>
/// One thing that asks for attention today: how many, and the page that shows exactly those (the link carries the
/// filter). <see cref="Note"/> names the one item when the count is about one thing (the next auction).
/// </summary>
public sealed record TodoItem(string Key, string Title, int Count, string Link, string? Note = null);

/// <summary>
/// What needs attention today, per role (journey 1): one small count per item over the caller's own side, never
/// lists. The rules that decide "waiting for me" live with their features (contracts, orders, rounds); this handler
/// only picks them per role and names the page that applies the same filter.
/// </summary>
internal static class Todo
{
    public static async Task<List<TodoItem>> ForAsync(AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var items = caller.IsStaff ? await StaffAsync(db, caller, clock, ct)
            : caller.UnitId is not null ? await UnitAsync(db, caller, clock, ct)
            : caller.Role == Roles.PartyMember ? await MemberAsync(db, caller, clock, ct)
            : await ResidentAsync(db, caller, ct);
        items.Add(new TodoItem("inbox", "未读消息", await Inbox.InboxApi.UnreadAsync(db, caller, ct), "/m/inbox"));
        return items;
    }

    private static async Task<List<TodoItem>> StaffAsync(AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var path = caller.PathPrefix;
        var contracts = ContractQueries.Mine(db, caller).Where(c => c.Status != ContractStatus.Voided);
        var items = new List<TodoItem>
        {
            new("contracts-to-sign", "待本方签署的共建协议", await ContractQueries.AwaitingSignature(db, caller, contracts).CountAsync(ct), "/admin/contracts?tosign=true"),
            new("contracts-overdue", "有逾期承诺的共建协议", await contracts.CountAsync(c => c.OverdueCount > 0, ct), "/admin/contracts?overdue=true"),
            new("logs-to-confirm", "待确认的党员服务记录",
                await db.ServiceLogs.Where(l => l.DistrictId == caller.DistrictId).Under(l => l.Path, path).CountAsync(l => l.Status == ServiceLogStatus.Pending, ct),
                "/admin/personal-contracts#logs"),
            await OrdersAsync(db, caller, OrderWaiting.Answer, caller.Role == Roles.CommunityCadre ? "单位认领本社区需求与点单，待受理" : "待受理的点单与认领", "/admin/orders", ct),
            await OrdersAsync(db, caller, OrderWaiting.Confirm, "对方已交付，待确认", "/admin/orders", ct),
        };
        var rounds = db.SelectionRounds.Where(r => r.DistrictId == caller.DistrictId);
        if (caller.Role == Roles.CommunityCadre)
        {
            var end = PathRange.End(path);
            var open = await rounds.CountAsync(r => r.Status == RoundStatus.Open
                && r.Needs.Any(n => db.Needs.Any(x => x.Id == n.NeedId && x.Path.CompareTo(path) >= 0 && x.Path.CompareTo(end) < 0)), ct);
            items.Add(new("rounds-to-rank", "填报中的双向选择（为本社区需求给单位排序）", open, "/admin/rounds?status=open"));
        }
        else
        {
            var own = rounds.Under(r => r.Path, path);
            items.Add(new("rounds-to-close", "填报中的双向选择（到期后截止）", await own.CountAsync(r => r.Status == RoundStatus.Open, ct), "/admin/rounds?status=open"));
            items.Add(new("rounds-to-confirm", "已截止、待确认结果的双向选择", await own.CountAsync(r => r.Status == RoundStatus.Closed, ct), "/admin/rounds?status=closed"));
        }
        items.Add(await UnsignedAsync(db, caller, clock, ct));
        var auctions = db.Auctions.Under(a => a.Path, path).Where(a => a.Status != AuctionStatus.Finished);
        var next = await auctions.OrderByDescending(a => a.Status == AuctionStatus.Live).ThenBy(a => a.StartsAt).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Title, a.StartsAt, a.Status }).FirstOrDefaultAsync(ct);
        items.Add(next is null
            ? new("auctions", "即将举行的项目拍卖会", 0, "/admin/auctions")
            : new("auctions", next.Status == AuctionStatus.Live ? "正在进行的项目拍卖会" : "即将举行的项目拍卖会", await auctions.CountAsync(ct),
                $"/admin/auctions/{next.Id}", $"{next.Title} · {Display.Local(next.StartsAt)}"));
        return items;
    }

    private static async Task<TodoItem> OrdersAsync(AppDbContext db, Caller caller, OrderWaiting waiting, string title, string page, CancellationToken ct) =>
        new("orders-" + waiting.ToString().ToLowerInvariant(), title, await OrderQueries.Waiting(db, caller, waiting).CountAsync(ct),
            $"{page}?waiting={waiting.ToString().ToLowerInvariant()}");

    /// <summary>Members of the caller's scope who have not signed this year's campaign of its street or community.</summary>
    private static async Task<TodoItem> UnsignedAsync(AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var year = Display.Today(clock).Year;
        var path = caller.PathPrefix;
        // A handful of campaigns a year: the nearest one at or above the caller's node, else the first below it.
        var campaigns = await db.SigningCampaigns.Where(c => c.DistrictId == caller.DistrictId && c.Year == year).Select(c => new { c.Id, c.Path }).ToListAsync(ct);
        var campaign = campaigns.Where(c => path.StartsWith(c.Path, StringComparison.Ordinal)).OrderByDescending(c => c.Path.Length)
            .Concat(campaigns.Where(c => c.Path.StartsWith(path, StringComparison.Ordinal)).OrderBy(c => c.Path, StringComparer.Ordinal))
            .Select(c => (int?)c.Id).FirstOrDefault();
        if (campaign is not { } id) return new("campaign-unsigned", $"{year} 年度人人契约尚未签署的党员", 0, "/admin/personal-contracts#campaign");
        var total = (await PersonalQueries.UnsignedAsync(db, caller, id, 1, 1, ct)).Total;
        return new("campaign-unsigned", $"{year} 年度人人契约尚未签署的党员", total, $"/admin/personal-contracts?campaign={id}#campaign");
    }

    private static async Task<List<TodoItem>> UnitAsync(AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var unit = caller.UnitId!.Value;
        var contracts = ContractQueries.Mine(db, caller).Where(c => c.Status != ContractStatus.Voided);
        var until = Display.Today(clock).AddDays(ContractQueries.DueWithinDays);
        var items = new List<TodoItem>
        {
            new("contracts-to-sign", "待本单位签署的共建协议", await ContractQueries.AwaitingSignature(db, caller, contracts).CountAsync(ct), "/m/contracts?tosign=true"),
            new("commitments-due", $"{ContractQueries.DueWithinDays} 天内到期或已逾期、待交付承诺的协议",
                await ContractQueries.CommitmentsDue(db, caller, contracts, until).CountAsync(ct), "/m/contracts?due=true"),
            await OrdersAsync(db, caller, OrderWaiting.Answer, "社区点单，待本单位受理", "/m/orders", ct),
            await OrdersAsync(db, caller, OrderWaiting.Deliver, "已受理、待本单位交付的订单", "/m/orders", ct),
        };
        var unranked = await db.SelectionRounds.Where(r => r.Status == RoundStatus.Open && r.Units.Any(u => u.ResidentUnitId == unit)
                && !db.RoundRankings.Any(x => x.SelectionRoundId == r.Id && x.Side == RankSide.Unit && x.ResidentUnitId == unit))
            .OrderBy(r => r.Id).Select(r => new { r.Id, r.Title }).ToListAsync(ct);
        items.Add(new("rounds-to-rank", "待填报志愿的双向选择", unranked.Count,
            unranked.Count == 1 ? RoundNotices.UnitLink(unranked[0].Id) : "/m#rounds", unranked.Count == 1 ? unranked[0].Title : null));
        var auctions = await db.AuctionBidders.Where(b => b.ResidentUnitId == unit).Join(db.Auctions, b => b.AuctionId, a => a.Id, (b, a) => a)
            .Where(a => a.Status != AuctionStatus.Finished).OrderBy(a => a.StartsAt).Select(a => new { a.Id, a.Title, a.StartsAt }).Take(5).ToListAsync(ct);
        items.Add(new("auctions", "待参加的项目拍卖会", auctions.Count, auctions.Count == 1 ? $"/live/{auctions[0].Id}/paddle" : "/m#auctions",
            auctions.Count > 0 ? $"{auctions[0].Title} · {Display.Local(auctions[0].StartsAt)}" : null));
        // The same list as the phone's needs page: open needs of the area the unit works in (a department's is the district).
        var needs = await MenuQueries.NeedsAsync(db, new MenuFilter(Status: "open"), ct);
        if (caller.ScopePath is { } area) needs = needs.Under(n => n.Path, area);
        items.Add(new("needs-open", "可认领的社区需求", await needs.CountAsync(ct), "/m/needs"));
        items.Add(new("projects", "本单位参与、正在推进的共建项目",
            await db.Projects.CountAsync(p => p.Status != ProjectStatus.Completed && p.Participants.Any(x => x.ResidentUnitId == unit), ct), "/m#projects"));
        return items;
    }

    private static async Task<List<TodoItem>> MemberAsync(AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct)
    {
        var member = caller.PartyMemberId!.Value;
        var year = Display.Today(clock).Year;
        var reg = await db.MemberRegistrations.Where(r => r.PartyMemberId == member).Select(r => new { r.CommunityId, Street = r.Community!.ParentId }).FirstOrDefaultAsync(ct);
        var contract = await db.PersonalContracts.Where(p => p.PartyMemberId == member && p.Year == year && p.Status != PersonalContractStatus.Terminated)
            .Select(p => (int?)p.Id).FirstOrDefaultAsync(ct);
        var campaign = reg is null || contract is not null ? null
            : await db.SigningCampaigns.Where(c => c.Year == year && (c.OrgUnitId == reg.CommunityId || c.OrgUnitId == reg.Street))
                .OrderBy(c => c.OrgUnitId == reg.CommunityId ? 0 : 1).Select(c => c.Title).FirstOrDefaultAsync(ct);
        return
        [
            new("campaign-invitation", $"邀请签署 {year} 年度人人契约", campaign is null ? 0 : 1, "/m/pledge", campaign),
            new("logs-returned", "被社区退回的服务记录",
                contract is { } id ? await db.ServiceLogs.CountAsync(l => l.ContractId == id && l.Status == ServiceLogStatus.Rejected, ct) : 0, "/m/pledge?logs=returned#logs"),
            new("logs-pending", "等待社区确认的服务记录",
                contract is { } pending ? await db.ServiceLogs.CountAsync(l => l.ContractId == pending && l.Status == ServiceLogStatus.Pending, ct) : 0, "/m/pledge#logs"),
        ];
    }

    /// <summary>A resident acts on nothing: what there is to follow in their community, and where to ask.</summary>
    private static async Task<List<TodoItem>> ResidentAsync(AppDbContext db, Caller caller, CancellationToken ct)
    {
        var community = await db.OrgUnits.Where(o => o.Id == caller.ScopeOrgUnitId && o.Level == OrgLevel.Community)
            .Select(o => new { o.Id, o.Path, o.ParentId }).FirstOrDefaultAsync(ct);
        if (community is null) return [];
        return
        [
            new("projects", "本社区正在推进的共建项目", await db.Projects.Under(p => p.Path, community.Path).CountAsync(p => p.Status != ProjectStatus.Completed, ct),
                $"/communities/{community.Id}#projects"),
            new("auction-results", "本社区需求在拍卖会上的结果",
                await db.Lots.CountAsync(l => l.NeedId != null && db.Needs.Any(n => n.Id == l.NeedId && n.OrgUnitId == community.Id)
                    && db.Auctions.Any(a => a.Id == l.AuctionId && a.Status == AuctionStatus.Finished), ct),
                $"/communities/{community.Id}#auctions"),
        ];
    }
}

internal static class TodoApi
{
    public static IEndpointRouteBuilder MapTodo(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/todo", async (AppDbContext db, Caller caller, TimeProvider clock, CancellationToken ct) =>
            TypedResults.Ok(await Todo.ForAsync(db, caller, clock, ct))).WithTags("Dashboard").RequireAuthorization(Policies.SignedIn);
        return app;
    }
}
