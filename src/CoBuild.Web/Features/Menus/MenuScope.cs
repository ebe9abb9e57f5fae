using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Menus;

internal static class MenuScope
{
    /// <summary>The street whose resource menu a caller orders from: its own street, the street of its community, or none for the district.</summary>
    public static Task<int?> StreetIdAsync(AppDbContext db, Caller caller) =>
        db.OrgUnits.Where(o => o.Id == caller.ScopeOrgUnitId)
            .Select(o => o.Level == OrgLevel.Community ? o.ParentId : o.Level == OrgLevel.Street ? (int?)o.Id : null).FirstOrDefaultAsync();
}
