using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Phone;

public sealed record CommunityCard(int Id, string Name, string Path, int? StreetId, string? Street, string? Address, string? OfficePhone, List<VenueRow> Venues);
public sealed record RegistrationCard(string Name, string? Phone, string IdCard, string? WorkUnit, string Community, string? Grid, string[] Skills, string? Preferences, DateOnly ReportedOn);
public sealed record UnitCard(string Name, string Kind, string? Street, string? Community, string? Address, PartyOrgRow? PartyOrganization, List<SeatRow> Seats,
    List<UnitAuction> Auctions, int DraftContracts, List<UnitRound> Rounds, List<Public.PublicProject> Projects);
/// <summary>A selection round the unit is in and still open, and whether the unit has ranked its needs.</summary>
public sealed record UnitRound(int Id, string Title, bool Ranked);
/// <summary>An auction the unit is registered for, with the co-building rights it won there.</summary>
public sealed record UnitAuction(int Id, string Title, AuctionStatus Status, DateTimeOffset StartsAt, int Won);

/// <summary>The phone home of the signed-in person: everything is found from their own claims, never from the URL.</summary>
internal sealed record PhoneHomeData(CommunityCard? Community, RegistrationCard? Registration, UnitCard? Unit)
{
    public static async Task<PhoneHomeData> LoadAsync(AppDbContext db, Caller caller, CancellationToken ct)
    {
        var registration = caller.PartyMemberId is { } memberId ? await LoadRegistration(db, memberId, ct) : null;
        var unit = caller.UnitId is { } unitId ? await LoadUnit(db, unitId, ct) : null;
        int? communityId = registration is not null
            ? await db.MemberRegistrations.Where(r => r.PartyMemberId == caller.PartyMemberId).Select(r => (int?)r.CommunityId).FirstOrDefaultAsync(ct)
            : caller.UnitId is not null
                ? await db.ResidentUnits.Where(u => u.Id == caller.UnitId).Select(u => u.CommunityId).FirstOrDefaultAsync(ct)
                : await db.OrgUnits.Where(o => o.Id == caller.ScopeOrgUnitId && o.Level == OrgLevel.Community).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        var community = communityId is { } id ? await LoadCommunity(db, id, ct) : null;
        return new PhoneHomeData(community, registration, unit);
    }

    private static async Task<RegistrationCard?> LoadRegistration(AppDbContext db, int memberId, CancellationToken ct)
    {
        var row = await db.MemberRegistrations.AsNoTracking().Where(r => r.PartyMemberId == memberId)
            .Select(r => new
            {
                r.PartyMember!.Name, r.PartyMember.Phone, r.PartyMember.IdCardMasked,
                WorkUnit = r.PartyMember.WorkUnit != null ? r.PartyMember.WorkUnit.Name : null,
                Community = r.Community!.Name, Grid = r.Grid != null ? r.Grid.Name : null, r.Skills, r.ServicePreferences, r.ReportedOn,
            }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var skills = (row.Skills ?? "").Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return new RegistrationCard(row.Name, PhoneNumber.Mask(row.Phone), row.IdCardMasked, row.WorkUnit, row.Community, row.Grid, skills, row.ServicePreferences, row.ReportedOn);
    }

    private static async Task<UnitCard?> LoadUnit(AppDbContext db, int unitId, CancellationToken ct)
    {
        var unit = await db.ResidentUnits.AsNoTracking().Where(u => u.Id == unitId)
            .Select(u => new { u.Name, u.Kind, Street = u.Street != null ? u.Street.Name : null, Community = u.Community != null ? u.Community.Name : null, u.Address })
            .FirstOrDefaultAsync(ct);
        if (unit is null) return null;
        var party = await OrgNodeView.PartyOrgRows(db.PartyOrganizations.AsNoTracking().Where(p => p.ResidentUnitId == unitId)).FirstOrDefaultAsync(ct);
        var seats = await CommitteeRows.Seats(db.CommitteeSeats.AsNoTracking().Where(s => s.ResidentUnitId == unitId).OrderBy(s => s.OrgUnit!.Code)).ToListAsync(ct);
        var auctions = await db.AuctionBidders.AsNoTracking().Where(b => b.ResidentUnitId == unitId)
            .Join(db.Auctions, b => b.AuctionId, a => a.Id, (b, a) => a)
            .OrderBy(a => a.Status == AuctionStatus.Finished).ThenByDescending(a => a.StartsAt).Take(5)
            .Select(a => new UnitAuction(a.Id, a.Title, a.Status, a.StartsAt, db.Awards.Count(w => w.AuctionId == a.Id && w.ResidentUnitId == unitId && w.RevokedAt == null)))
            .ToListAsync(ct);
        var drafts = await db.OrgContracts.CountAsync(c => c.ResidentUnitId == unitId && c.Status == ContractStatus.Draft, ct);
        var rounds = await db.SelectionRounds.AsNoTracking().Where(r => r.Status == Selection.RoundStatus.Open && r.Units.Any(u => u.ResidentUnitId == unitId))
            .OrderBy(r => r.Id).Select(r => new UnitRound(r.Id, r.Title,
                db.RoundRankings.Any(x => x.SelectionRoundId == r.Id && x.Side == Selection.RankSide.Unit && x.ResidentUnitId == unitId))).Take(10).ToListAsync(ct);
        var projects = await db.Projects.AsNoTracking().Where(p => p.Participants.Any(x => x.ResidentUnitId == unitId))
            .OrderBy(p => p.Status == Projects.ProjectStatus.Completed).ThenByDescending(p => p.StartsOn).Take(10)
            .Select(p => new Public.PublicProject(p.Id, p.Title, p.Status, p.Progress, p.StartsOn, p.EndsOn)).ToListAsync(ct);
        return new UnitCard(unit.Name, ResidentUnit.KindName(unit.Kind), unit.Street, unit.Community, unit.Address, party, seats, auctions, drafts, rounds, projects);
    }

    private static async Task<CommunityCard?> LoadCommunity(AppDbContext db, int communityId, CancellationToken ct)
    {
        var c = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == communityId, ct);
        if (c is null) return null;
        var street = await db.OrgUnits.AsNoTracking().Where(o => o.Id == c.ParentId).Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
        // The community's own service centre first, then the street's Red Cube that its residents also use.
        var venues = await VenueRow.Project(db.Venues.AsNoTracking().Where(v => v.OrgUnitId == c.Id || (street != null && v.OrgUnitId == street.Id))
            .OrderByDescending(v => v.OrgUnitId == c.Id)).ToListAsync(ct);
        return new CommunityCard(c.Id, c.Name, c.Path, street?.Id, street?.Name, c.Address, c.OfficePhone, venues);
    }
}
