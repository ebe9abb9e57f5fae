using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Public;

public sealed record PublicUnit(string Name, UnitKind Kind);
public sealed record PublicSeat(string Holder, SeatPost Post, string Unit, DateOnly TermEnd);
public sealed record PublicRoom(string Name, int Capacity);
public sealed record PublicVenue(string Name, VenueKind Kind, string? Address, string? OpenHours, List<PublicRoom> Rooms);

/// <summary>
/// What anyone may see of a community: names and figures, never members' personal data or internal notes.
/// A fixed number of statements whatever the community's size.
/// </summary>
internal sealed record PublicCommunity(OrgUnit Community, string Street, List<string> Grids, int RegisteredMembers, int PartyOrganizations,
    List<PublicUnit> Units, List<PublicSeat> Seats, List<PublicVenue> Venues)
{
    public static async Task<PublicCommunity?> LoadAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var community = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id && o.Level == OrgLevel.Community, ct);
        if (community is null) return null;
        var street = await db.OrgUnits.Where(o => o.Id == community.ParentId).Select(o => o.Name).SingleAsync(ct);
        var grids = await db.OrgUnits.Where(o => o.ParentId == id).OrderBy(o => o.Code).Select(o => o.Name).ToListAsync(ct);
        var members = await db.MemberRegistrations.CountAsync(r => r.CommunityId == id, ct);
        var party = await db.PartyOrganizations.CountAsync(p => (p.OrgUnit!.Path.CompareTo(community.Path) >= 0 && p.OrgUnit!.Path.CompareTo(PathRange.End(community.Path)) < 0), ct);
        var units = await db.ResidentUnits.Where(u => u.CommunityId == id).OrderBy(u => u.Name).Select(u => new PublicUnit(u.Name, u.Kind)).ToListAsync(ct);
        var seats = await db.CommitteeSeats.Where(s => s.OrgUnitId == id).OrderBy(s => s.Post).ThenBy(s => s.Id)
            .Select(s => new PublicSeat(s.HolderName, s.Post, s.ResidentUnit!.Name, s.TermEnd)).ToListAsync(ct);
        var venues = await db.Venues.Where(v => v.OrgUnitId == id || v.OrgUnitId == community.ParentId).OrderBy(v => v.Kind == VenueKind.RedCube)
            .Select(v => new PublicVenue(v.Name, v.Kind, v.Address, v.OpenHours, v.Rooms.OrderBy(r => r.Id).Select(r => new PublicRoom(r.Name, r.Capacity)).ToList()))
            .ToListAsync(ct);
        return new PublicCommunity(community, street, grids, members, party, units, seats, venues);
    }
}
