using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

/// <summary>
/// The party organization that signs for a street, a community or a unit: a 党建共建协议 is between the street's
/// 党工委 or the community's 党组织 and the unit's 党组织, not between the places themselves. Read from the
/// organization register; a place without a registered one gets the name its committee carries by rule.
/// </summary>
internal static class PartyNames
{
    /// <summary>"中共府山街道工作委员会", "中共蕺山社区委员会".</summary>
    public static string Derived(string place, OrgLevel level) => level == OrgLevel.Street ? $"中共{place}工作委员会" : $"中共{place}委员会";

    /// <summary>"中共蕺山社区委员会（蕺山社区）": the party organization with the organization it belongs to.</summary>
    public static string WithOrganization(string party, string organization) => party == organization ? party : $"{party}（{organization}）";

    /// <summary>The party organization of each street or community (its own, not a grid branch below it).</summary>
    public static async Task<Dictionary<int, string>> OfPlacesAsync(AppDbContext db, IEnumerable<int> orgUnitIds, CancellationToken ct)
    {
        var ids = orgUnitIds.Distinct().ToList();
        var places = await db.OrgUnits.AsNoTracking().Where(o => ids.Contains(o.Id)).Select(o => new { o.Id, o.Name, o.Level }).ToListAsync(ct);
        var registered = (await db.PartyOrganizations.AsNoTracking().Where(p => p.OrgUnitId != null && ids.Contains(p.OrgUnitId.Value))
                .OrderBy(p => p.ParentId == null ? 0 : 1).ThenBy(p => p.Id).Select(p => new { OrgUnitId = p.OrgUnitId!.Value, p.Name }).ToListAsync(ct))
            .GroupBy(p => p.OrgUnitId).ToDictionary(g => g.Key, g => g.First().Name);
        return places.ToDictionary(p => p.Id, p => WithOrganization(registered.GetValueOrDefault(p.Id) ?? Derived(p.Name, p.Level), p.Name));
    }

    /// <summary>The top party organization of each unit; a unit without one signs in its own name.</summary>
    public static async Task<Dictionary<int, string>> OfUnitsAsync(AppDbContext db, IEnumerable<int> unitIds, CancellationToken ct)
    {
        var ids = unitIds.Distinct().ToList();
        var units = await db.ResidentUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        var registered = (await db.PartyOrganizations.AsNoTracking().Where(p => p.ResidentUnitId != null && ids.Contains(p.ResidentUnitId.Value))
                .OrderBy(p => p.ParentId == null ? 0 : 1).ThenBy(p => p.Id).Select(p => new { UnitId = p.ResidentUnitId!.Value, p.Name }).ToListAsync(ct))
            .GroupBy(p => p.UnitId).ToDictionary(g => g.Key, g => g.First().Name);
        return units.ToDictionary(u => u.Id, u => WithOrganization(registered.GetValueOrDefault(u.Id) ?? u.Name, u.Name));
    }

    public static async Task<string> OfPlaceAsync(AppDbContext db, int orgUnitId, CancellationToken ct) =>
        (await OfPlacesAsync(db, [orgUnitId], ct))[orgUnitId];

    public static async Task<string> OfUnitAsync(AppDbContext db, int unitId, CancellationToken ct) =>
        (await OfUnitsAsync(db, [unitId], ct))[unitId];
}
