using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

public sealed record OrgLink(int Id, string Name);
public sealed record UnitRow(int Id, string Name, string Kind, string? Street, string? Community, string? PartyOrganization, int Seats);
public sealed record PartyOrgRow(int Id, string Name, string Kind, string Owner, string? Secretary, bool OfUnit);

/// <summary>Everything the org node page shows. Call only for a node the caller covers.</summary>
internal sealed record OrgNodeView(OrgUnitDetail Detail, List<OrgLink> Ancestors, List<OrgLink> Children, List<UnitRow> Units,
    List<PartyOrgRow> PartyOrganizations, List<SeatRow> Seats, string MemberPath, int? GridId)
{
    public static async Task<OrgNodeView> LoadAsync(AppDbContext db, OrgUnit node, Caller caller)
    {
        caller.Require(node);
        var ct = CancellationToken.None;
        var detail = await OrganizationsApi.Detail(db, node, caller, ct);
        var ancestorCodes = node.Path.Trim('/').Split('/')[..^1];
        var ancestors = await db.OrgUnits.AsNoTracking().Where(o => ancestorCodes.Contains(o.Code) && caller.PathPrefix.Length <= o.Path.Length)
            .OrderBy(o => o.Level).Select(o => new OrgLink(o.Id, o.Name)).ToListAsync(ct);
        var children = await db.OrgUnits.AsNoTracking().Where(o => o.ParentId == node.Id).OrderBy(o => o.Code).Select(o => new OrgLink(o.Id, o.Name)).ToListAsync(ct);
        var wholeDistrict = node.Level == OrgLevel.District;
        var units = await UnitRows(db, ScopeQueries.Units(db, node.Path, wholeDistrict)).ToListAsync(ct);
        var party = await PartyOrgRows(ScopeQueries.PartyOrganizations(db, node.Path, wholeDistrict)).ToListAsync(ct);
        var seats = await CommitteeRows.Seats(ScopeQueries.Seats(db, node.Path).OrderBy(s => s.OrgUnit!.Code).ThenBy(s => s.Id)).ToListAsync(ct);
        // Registrations are made to a community; a grid page shows its community's members filtered by grid.
        var (memberPath, gridId) = node.Level == OrgLevel.Grid
            ? (await db.OrgUnits.Where(o => o.Id == node.ParentId).Select(o => o.Path).FirstAsync(ct), (int?)node.Id)
            : (node.Path, null);
        return new OrgNodeView(detail, ancestors, children, units, party, seats, memberPath, gridId);
    }

    public static IQueryable<UnitRow> UnitRows(AppDbContext db, IQueryable<ResidentUnit> units) =>
        units.OrderBy(u => u.StreetId).ThenBy(u => u.Name).Select(u => new UnitRow(u.Id, u.Name, KindName(u.Kind),
            u.Street != null ? u.Street.Name : null, u.Community != null ? u.Community.Name : null,
            db.PartyOrganizations.Where(p => p.ResidentUnitId == u.Id).Select(p => p.Name).FirstOrDefault(),
            db.CommitteeSeats.Count(s => s.ResidentUnitId == u.Id)));

    public static IQueryable<PartyOrgRow> PartyOrgRows(IQueryable<PartyOrganization> orgs) =>
        orgs.OrderBy(p => p.OrgUnitId == null).ThenBy(p => p.Name).Select(p => new PartyOrgRow(p.Id, p.Name,
            p.Kind == PartyOrgKind.Committee ? "党委" : p.Kind == PartyOrgKind.GeneralBranch ? "党总支" : "党支部",
            p.OrgUnit != null ? p.OrgUnit.Name : p.ResidentUnit!.Name, p.SecretaryName, p.ResidentUnitId != null));

    private static string KindName(UnitKind kind) => ResidentUnit.KindName(kind);
}
