using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Organizations;

public enum VenueKind { RedCube, ServiceCentre }

/// <summary>A Red Cube complex (street) or community service centre, whose rooms are bookable.</summary>
public sealed class Venue
{
    private readonly List<Room> _rooms = [];

    private Venue() { }

    public Venue(OrgUnit owner, VenueKind kind, string name, string? address, string? openHours)
    {
        var expected = kind == VenueKind.RedCube ? OrgLevel.Street : OrgLevel.Community;
        if (owner.Level != expected) throw new RuleViolation(kind == VenueKind.RedCube ? "红立方属于街道。" : "社区服务中心属于社区。");
        DistrictId = owner.DistrictId;
        OrgUnitId = owner.Id;
        Kind = kind;
        Name = name;
        Address = address;
        OpenHours = openHours;
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    public VenueKind Kind { get; private set; }
    public string Name { get; private set; } = "";
    public string? Address { get; private set; }
    public string? OpenHours { get; private set; }
    public IReadOnlyList<Room> Rooms => _rooms;

    public Room AddRoom(string name, int capacity, string? facilities)
    {
        if (capacity < 1) throw new InvalidInput("capacity", "容纳人数至少为 1。");
        if (_rooms.Any(r => r.Name == name)) throw new RuleViolation($"已有名为“{name}”的房间。");
        var room = new Room(name, capacity, facilities);
        _rooms.Add(room);
        return room;
    }
}

public sealed class Room
{
    private Room() { }
    internal Room(string name, int capacity, string? facilities) { Name = name; Capacity = capacity; Facilities = facilities; }
    public int Id { get; private set; }
    public int VenueId { get; private set; }
    public string Name { get; private set; } = "";
    public int Capacity { get; private set; }
    public string? Facilities { get; private set; }
}
