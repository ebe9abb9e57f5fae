using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Stats;

public sealed record Overview(
    int Streets, int Communities, int Grids, int PartyOrganizations, int UnitPartyOrganizations, int ResidentUnits,
    int DistrictDepartments, int RedCubes, int ServiceCentres, int CommitteeSeats, int PartyMembers, int MemberRegistrations,
    int Resources, int ResourceCategories, int ResourceGroups, int Needs, int Offers, int Projects,
    int OrgContracts, int PersonalContracts, decimal ServiceHours);

/// <summary>Public district figures.</summary>
internal static class StatsApi
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/stats/overview", (AppDbContext db, CancellationToken ct) => GetOverview(db, ct))
            .WithTags("Stats").AllowAnonymous().CacheOutput(p => p.Expire(TimeSpan.FromSeconds(10)));
        return app;
    }

    public static async Task<Overview> GetOverview(AppDbContext db, CancellationToken ct)
    {
        var levels = await db.OrgUnits.GroupBy(o => o.Level).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var units = await db.ResidentUnits.GroupBy(u => u.Kind == UnitKind.DistrictDepartment).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        // Community-level (community and grid) and unit party organizations; a street's 党工委 is neither.
        var party = await db.PartyOrganizations.GroupBy(p => p.OrgUnitId == null ? 0 : p.OrgUnit!.Level >= OrgLevel.Community ? 1 : 2)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var resources = await db.Resources.Where(r => r.Active).GroupBy(r => r.OwnerUnitId != null).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var categories = await db.MenuCategories.GroupBy(c => c.ParentId != null).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var venues = await db.Venues.GroupBy(v => v.Kind).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return new Overview(
            levels.GetValueOrDefault(OrgLevel.Street), levels.GetValueOrDefault(OrgLevel.Community), levels.GetValueOrDefault(OrgLevel.Grid),
            party.GetValueOrDefault(1), party.GetValueOrDefault(0), units.GetValueOrDefault(false), units.GetValueOrDefault(true),
            venues.GetValueOrDefault(VenueKind.RedCube), venues.GetValueOrDefault(VenueKind.ServiceCentre),
            await db.CommitteeSeats.CountAsync(ct), await db.PartyMembers.CountAsync(ct), await db.MemberRegistrations.CountAsync(ct),
            resources.GetValueOrDefault(false), categories.GetValueOrDefault(false), categories.GetValueOrDefault(true),
            await db.Needs.CountAsync(ct), resources.GetValueOrDefault(true), await db.Projects.CountAsync(ct),
            // Signed ones: drafts and withdrawn drafts are not contracts yet.
            await db.OrgContracts.CountAsync(c => c.Status != ContractStatus.Draft && c.Status != ContractStatus.Voided, ct),
            await db.PersonalContracts.CountAsync(c => c.Status != PersonalContractStatus.Terminated, ct),
            await db.ServiceLogs.Where(l => l.Status == ServiceLogStatus.Confirmed).SumAsync(l => (decimal?)l.Hours, ct) ?? 0);
    }
}
