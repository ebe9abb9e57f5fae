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
}
