using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Web.Features.Organizations;

public sealed record UnitItem(int Id, string Name, UnitKind Kind, string KindName, int? StreetId, string? Street, int? CommunityId, string? Community);
public sealed record RoomItem(int Id, string Name, int Capacity, string? Facilities);
public sealed record VenueItem(int Id, string Name, VenueKind Kind, int OrgUnitId, string OrgUnit, string? Address, string? OpenHours, List<RoomItem> Rooms);

/// <summary>Public registers: unit names and venues are what the district publishes; contacts stay in the back office.</summary>
internal static class RegistersApi
{
    public static IEndpointRouteBuilder MapRegisters(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/resident-units", Units).WithTags("Registers").AllowAnonymous();
        app.MapGet("/api/v1/venues", Venues).WithTags("Registers").AllowAnonymous();
        return app;
    }

    private static async Task<Ok<List<UnitItem>>> Units(AppDbContext db, int? streetId, int? communityId, UnitKind? kind, string? q, CancellationToken ct)
    {
        var query = db.ResidentUnits.AsNoTracking();
        if (streetId is not null) query = query.Where(u => u.StreetId == streetId);
        if (communityId is not null) query = query.Where(u => u.CommunityId == communityId);
        if (kind is not null) query = query.Where(u => u.Kind == kind);
        if (!string.IsNullOrWhiteSpace(q)) query = query.Where(u => u.Name.Contains(q.Trim()));
        var rows = await query.OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Name, u.Kind, u.StreetId, Street = u.Street!.Name, u.CommunityId, Community = u.Community!.Name }).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(u => new UnitItem(u.Id, u.Name, u.Kind, ResidentUnit.KindName(u.Kind), u.StreetId, u.Street, u.CommunityId, u.Community)).ToList());
    }

    private static async Task<Ok<List<VenueItem>>> Venues(AppDbContext db, int? orgUnitId, VenueKind? kind, CancellationToken ct)
    {
        var query = db.Venues.AsNoTracking().Include(v => v.Rooms).Include(v => v.OrgUnit).AsQueryable();
        if (orgUnitId is not null)
        {
            var path = await db.OrgUnits.Where(o => o.Id == orgUnitId).Select(o => o.Path).FirstOrDefaultAsync(ct);
            if (path is null) return TypedResults.Ok(new List<VenueItem>());
            query = query.Where(v => (v.OrgUnit!.Path.CompareTo(path) >= 0 && v.OrgUnit!.Path.CompareTo(PathRange.End(path)) < 0));
        }
        if (kind is not null) query = query.Where(v => v.Kind == kind);
        var venues = await query.AsSplitQuery().OrderBy(v => v.OrgUnit!.Code).ToListAsync(ct);
        return TypedResults.Ok(venues.Select(v => new VenueItem(v.Id, v.Name, v.Kind, v.OrgUnitId, v.OrgUnit!.Name, v.Address, v.OpenHours,
            v.Rooms.Select(r => new RoomItem(r.Id, r.Name, r.Capacity, r.Facilities)).ToList())).ToList());
    }
}
