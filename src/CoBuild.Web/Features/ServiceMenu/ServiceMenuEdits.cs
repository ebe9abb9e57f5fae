using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.ServiceMenu;

public sealed record ServiceItemRequest(int? CommunityId, string? Title, string? Description, string? Category, bool? Active);
public sealed record ServiceItemRow(int Id, int CommunityId, string Community, string Title, string? Description, string Category, bool Active, DateTimeOffset UpdatedAt);

/// <summary>
/// Who may do what with a community's service menu, and the reads and writes themselves. Read: the members registered
/// in the community and staff covering it. Write: staff covering it (the community's cadres, its street, the district).
/// </summary>
internal static class ServiceMenuEdits
{
    /// <summary>The community whose menu the caller reads: the one asked for, else the member's own, else the cadre's.</summary>
    public static async Task<OrgUnit> ReadableAsync(AppDbContext db, Caller caller, int? communityId, CancellationToken ct)
    {
        if (caller.PartyMemberId is { } memberId)
        {
            var own = await db.MemberRegistrations.AsNoTracking().Where(r => r.PartyMemberId == memberId).Select(r => r.Community).FirstOrDefaultAsync(ct)
                ?? throw new RuleViolation("您还没有到居住地社区报到（双报到）。");
            if (communityId is { } asked && asked != own.Id) throw new Forbidden("党员只能查看报到社区的服务菜单。");
            return own;
        }
        var id = communityId ?? caller.ScopeOrgUnitId ?? throw new InvalidInput("community", "请选择社区。");
        var community = await CommunityAsync(db, caller, id, ct);
        if (!caller.Covers(community)) throw new Forbidden($"“{community.Name}”不在您的管理范围内。");
        return community;
    }

    public static async Task<List<ServiceItemRow>> ListAsync(AppDbContext db, Caller caller, int? communityId, CancellationToken ct)
    {
        var community = await ReadableAsync(db, caller, communityId, ct);
        var q = db.ServiceItems.AsNoTracking().Where(s => s.CommunityId == community.Id);
        if (!caller.IsStaff) q = q.Where(s => s.Active);
        return await Rows(q.OrderByDescending(s => s.Active).ThenBy(s => s.Category).ThenBy(s => s.Id)).ToListAsync(ct);
    }

    public static IQueryable<ServiceItemRow> Rows(IQueryable<ServiceItem> q) =>
        q.Select(s => new ServiceItemRow(s.Id, s.CommunityId, s.Community!.Name, s.Title, s.Description, s.Category, s.Active, s.UpdatedAt));

    public static async Task<ServiceItem> AddAsync(AppDbContext db, Caller caller, ServiceItemRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var community = await WritableAsync(db, caller, request.CommunityId ?? caller.ScopeOrgUnitId, ct);
        var item = new ServiceItem(community, request.Title ?? "", request.Description, request.Category ?? "", now);
        if (request.Active == false) item.Edit(item.Title, item.Description, item.Category, false, now);
        await RefuseDuplicateAsync(db, item.CommunityId, item.Title, null, ct);
        db.ServiceItems.Add(item);
        await db.SaveChangesAsync(ct);
        return item;
    }

    public static async Task<ServiceItem> EditAsync(AppDbContext db, Caller caller, int id, ServiceItemRequest request, DateTimeOffset now, CancellationToken ct)
    {
        var item = await db.ServiceItems.FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw new UnknownId("服务项目不存在。");
        caller.Require(item.DistrictId, item.Path, "只有该社区及上级街道、区可以修改服务菜单。");
        if (request.CommunityId is { } moved && moved != item.CommunityId) throw new InvalidInput("communityId", "服务项目不能移到其他社区。");
        item.Edit(request.Title ?? "", request.Description, request.Category ?? "", request.Active ?? item.Active, now);
        await RefuseDuplicateAsync(db, item.CommunityId, item.Title, item.Id, ct);
        await db.SaveChangesAsync(ct);
        return item;
    }

    private static async Task<OrgUnit> WritableAsync(AppDbContext db, Caller caller, int? communityId, CancellationToken ct)
    {
        if (communityId is not { } id) throw new InvalidInput("communityId", "请选择社区。");
        var community = await CommunityAsync(db, caller, id, ct);
        if (!caller.Covers(community)) throw new Forbidden($"“{community.Name}”不在您的管理范围内。");
        return community;
    }

    private static async Task<OrgUnit> CommunityAsync(AppDbContext db, Caller caller, int id, CancellationToken ct)
    {
        var node = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.DistrictId == caller.DistrictId, ct) ?? throw new UnknownId("社区不存在。");
        if (node.Level != OrgLevel.Community) throw new InvalidInput("communityId", "服务菜单由社区维护，请选择一个社区。");
        return node;
    }

    private static async Task RefuseDuplicateAsync(AppDbContext db, int communityId, string title, int? self, CancellationToken ct)
    {
        if (await db.ServiceItems.AnyAsync(s => s.CommunityId == communityId && s.Title == title && s.Id != self, ct))
            throw new RuleViolation($"本社区的服务菜单已有“{title}”。");
    }
}
