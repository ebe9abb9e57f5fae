using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.ErrorHandling;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Menus;

/// <summary>Writes to the lists shared by the API and the pages.</summary>
internal static class MenuEdits
{
    public static async Task<Need> CreateNeedAsync(AppDbContext db, Caller caller, CreateNeed request, DateTimeOffset now, CancellationToken ct)
    {
        var owner = await db.OrgUnits.FirstOrDefaultAsync(o => o.Id == (request.OrgUnitId ?? caller.ScopeOrgUnitId), ct) ?? throw new InvalidInput("orgUnitId", "组织节点不存在。");
        caller.Require(owner);
        var group = await MenusApi.GroupAsync(db, caller.DistrictId, request.GroupCode, ct);
        var need = new Need(owner, group, request.Title, request.Description, request.Capacity, now, caller.UserName);
        db.Needs.Add(need);
        await db.SaveChangesAsync(ct);
        return need;
    }

    public static async Task<Resource> CreateResourceAsync(AppDbContext db, Caller caller, CreateResource request, DateTimeOffset now, CancellationToken ct)
    {
        var owner = await db.OrgUnits.FirstOrDefaultAsync(o => o.Id == (request.OrgUnitId ?? caller.ScopeOrgUnitId), ct) ?? throw new InvalidInput("orgUnitId", "组织节点不存在。");
        caller.Require(owner);
        var group = await MenusApi.GroupAsync(db, caller.DistrictId, request.GroupCode, ct) ?? throw new InvalidInput("groupCode", "请选择分类。");
        var room = request.RoomId is { } roomId
            ? await db.Rooms.FirstOrDefaultAsync(r => r.Id == roomId && db.Venues.Any(v => v.Id == r.VenueId && v.OrgUnitId == owner.Id), ct) ?? throw new InvalidInput("roomId", "房间不存在或不属于该组织。")
            : null;
        if (room is not null && await db.Resources.AnyAsync(r => r.RoomId == room.Id, ct)) throw new RuleViolation($"房间“{room.Name}”已在资源清单中。");
        var resource = Resource.OfNode(owner, group, request.Kind, request.Title, request.Description, request.Amount, room, now);
        db.Resources.Add(resource);
        await db.SaveChangesAsync(ct);
        return resource;
    }

    public static async Task<Resource> CreateOfferAsync(AppDbContext db, Caller caller, CreateResource request, DateTimeOffset now, CancellationToken ct)
    {
        if (caller.UnitId is not { } unitId) throw new Forbidden("只有共建单位可以发布服务菜单。");
        var unit = await db.ResidentUnits.Include(u => u.Community).Include(u => u.Street).SingleAsync(u => u.Id == unitId, ct);
        var group = await MenusApi.GroupAsync(db, caller.DistrictId, request.GroupCode, ct) ?? throw new InvalidInput("groupCode", "请选择分类。");
        var place = unit.Community?.Path ?? unit.Street?.Path
            ?? await db.OrgUnits.Where(o => o.ParentId == null && o.DistrictId == unit.DistrictId).Select(o => o.Path).SingleAsync(ct);
        var offer = Resource.OfUnit(unit, place, group, request.Kind, request.Title, request.Description, request.Amount, now);
        db.Resources.Add(offer);
        await db.SaveChangesAsync(ct);
        return offer;
    }

    /// <summary>Takes an item off the menu: no new orders; orders already made run on.</summary>
    public static async Task WithdrawAsync(AppDbContext db, Caller caller, int id, bool offer, CancellationToken ct)
    {
        var resource = await db.Resources.Include(r => r.OwnerOrgUnit).FirstOrDefaultAsync(r => r.Id == id && (r.OwnerUnitId != null) == offer, ct)
            ?? throw new UnknownId(offer ? "服务项目不存在。" : "资源不存在。");
        var owns = resource.OwnerUnitId is { } unit ? caller.UnitId == unit : resource.OwnerOrgUnit is { } node && caller.Covers(node);
        if (!owns) throw new Forbidden("只有提供方可以下架。");
        resource.Withdraw();
        await db.SaveChangesAsync(ct);
    }
}
