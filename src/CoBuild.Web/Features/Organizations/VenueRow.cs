namespace CoBuild.Web.Features.Organizations;

public sealed record RoomRow(string Name, int Capacity, string? Facilities);

public sealed record VenueRow(int Id, string Name, string Kind, string Owner, string? Address, string? OpenHours, List<RoomRow> Rooms)
{
    public int Capacity => Rooms.Sum(r => r.Capacity);

    /// <summary>Filter and order before projecting.</summary>
    public static IQueryable<VenueRow> Project(IQueryable<Venue> venues) =>
        venues.Select(v => new VenueRow(v.Id, v.Name, v.Kind == VenueKind.RedCube ? "红立方" : "社区服务中心", v.OrgUnit!.Name, v.Address, v.OpenHours,
            v.Rooms.OrderBy(r => r.Id).Select(r => new RoomRow(r.Name, r.Capacity, r.Facilities)).ToList()));
}
