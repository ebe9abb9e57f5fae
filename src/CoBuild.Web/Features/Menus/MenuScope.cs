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

    /// <summary>A street's menu: its own resources and its units' offers, plus the district departments' offers (no street), which serve every street. No street: everything.</summary>
    public static IQueryable<Resource> OfStreet(this IQueryable<Resource> query, int? street) =>
        street is null ? query : query.Where(r => r.StreetId == street || r.StreetId == null);
}
