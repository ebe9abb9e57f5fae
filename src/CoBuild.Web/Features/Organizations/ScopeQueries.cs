using CoBuild.Web.Infrastructure.ErrorHandling;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

/// <summary>A street or community offered in a place filter or picker.</summary>
public sealed record NodeChoice(int Id, string Name, OrgLevel Level);

/// <summary>
/// The rows of each list that lie under an org path, as SQL filters. Pages pass either the caller's scope path
/// or the path of a node they have already checked with <see cref="Caller.Require(OrgUnit)"/>.
/// </summary>
internal static class ScopeQueries
{
    /// <summary>The path to filter by: a requested node the caller covers, else the caller's whole scope.</summary>
    public static async Task<string> PathAsync(AppDbContext db, Caller caller, int? orgUnitId, CancellationToken ct)
    {
        if (orgUnitId is null) return caller.PathPrefix;
        var node = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == orgUnitId, ct) ?? throw new UnknownId("组织节点不存在。");
        caller.Require(node);
        return node.Path;
    }

    public static IQueryable<OrgUnit> OrgUnits(AppDbContext db, string path) =>
        db.OrgUnits.AsNoTracking().Under(o => o.Path, path);

    /// <summary>The district's nodes of the given levels at or below a path, in tree order.</summary>
    public static Task<List<NodeChoice>> NodesAsync(AppDbContext db, int districtId, string path, OrgLevel[] levels, CancellationToken ct) =>
        OrgUnits(db, path).Where(o => o.DistrictId == districtId && levels.Contains(o.Level)).OrderBy(o => o.Path)
            .Select(o => new NodeChoice(o.Id, o.Name, o.Level)).ToListAsync(ct);

    /// <summary>A unit belongs where its community is, or its street when it has no community; district departments only to the district.</summary>
    public static IQueryable<ResidentUnit> Units(AppDbContext db, string path, bool wholeDistrict) =>
        db.ResidentUnits.AsNoTracking().Where(u => (u.Community!.Path.CompareTo(path) >= 0 && u.Community!.Path.CompareTo(PathRange.End(path)) < 0)
            || (u.CommunityId == null && (u.Street!.Path.CompareTo(path) >= 0 && u.Street!.Path.CompareTo(PathRange.End(path)) < 0))
            || (wholeDistrict && u.StreetId == null));

    public static IQueryable<ResidentUnit> Units(AppDbContext db, Caller caller) => Units(db, caller.PathPrefix, caller.Role == Roles.DistrictAdmin);

    public static IQueryable<PartyOrganization> PartyOrganizations(AppDbContext db, string path, bool wholeDistrict)
    {
        var units = Units(db, path, wholeDistrict).Select(u => u.Id);
        return db.PartyOrganizations.AsNoTracking().Where(p => (p.OrgUnit!.Path.CompareTo(path) >= 0 && p.OrgUnit!.Path.CompareTo(PathRange.End(path)) < 0) || (p.ResidentUnitId != null && units.Contains(p.ResidentUnitId.Value)));
    }

    public static IQueryable<CommitteeSeat> Seats(AppDbContext db, string path) =>
        db.CommitteeSeats.AsNoTracking().Under(s => s.OrgUnit!.Path, path);

    public static IQueryable<CommitteeMeeting> Meetings(AppDbContext db, string path) =>
        db.CommitteeMeetings.AsNoTracking().Where(m => db.OrgUnits.Any(o => o.Id == m.OrgUnitId && (o.Path.CompareTo(path) >= 0 && o.Path.CompareTo(PathRange.End(path)) < 0)));

    public static IQueryable<Venue> Venues(AppDbContext db, string path) =>
        db.Venues.AsNoTracking().Under(v => v.OrgUnit!.Path, path);
}
