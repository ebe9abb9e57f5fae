using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Menus;

public enum ResourceKind { Venue, Fund, Equipment, Service }

/// <summary>How an order takes from a resource: a time slot (rooms, equipment) or an amount (yuan, hours).</summary>
public enum BookingMode { Slot, Amount }

/// <summary>
/// An item of a resource list (资源清单): a street's own resource (venue room, public-welfare fund, equipment,
/// skilled people) or a unit's offer (单位服务菜单) when <see cref="OwnerUnitId"/> is set. <see cref="Remaining"/>
/// is what amount-based orders can still take; like a need's claims it only moves by a guarded SQL update.
/// </summary>
public sealed class Resource
{
    private Resource() { }

    private Resource(int districtId, string path, int? streetId, MenuCategory group, ResourceKind kind, string title, string? description, int? amount, DateTimeOffset now)
    {
        if (!group.IsGroup) throw new InvalidInput("groupCode", "请选择具体的小组，而不是大类。");
        if (kind is ResourceKind.Fund or ResourceKind.Service && amount is null or < 1)
            throw new InvalidInput("amount", kind == ResourceKind.Fund ? "公益资金须填写总额（元）。" : "服务须填写可提供的总时长（小时）。");
        DistrictId = districtId;
        Path = path;
        StreetId = streetId;
        CategoryId = group.Id;
        Kind = kind;
        Amount = kind is ResourceKind.Fund or ResourceKind.Service ? amount : null;
        Remaining = Amount;
        CreatedAt = now;
        Edit(title, description);
    }

    /// <summary>A resource of a street (or community) itself.</summary>
    public static Resource OfNode(OrgUnit owner, MenuCategory group, ResourceKind kind, string title, string? description, int? amount, Room? room, DateTimeOffset now)
    {
        if (owner.Level is not (OrgLevel.Street or OrgLevel.Community)) throw new InvalidInput("orgUnitId", "资源由街道或社区发布。");
        return new Resource(owner.DistrictId, owner.Path, owner.Level == OrgLevel.Street ? owner.Id : owner.ParentId, group, kind, title, description, amount, now)
        {
            OwnerOrgUnitId = owner.Id, RoomId = room?.Id, Room = room, SeatCapacity = room?.Capacity,
        };
    }

    /// <summary>An offer on a unit's service menu; <paramref name="placePath"/> is the path of its community or street.</summary>
    public static Resource OfUnit(ResidentUnit unit, string placePath, MenuCategory group, ResourceKind kind, string title, string? description, int? amount, DateTimeOffset now) =>
        new(unit.DistrictId, placePath, unit.StreetId, group, kind, title, description, amount, now) { OwnerUnitId = unit.Id };

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int? OwnerOrgUnitId { get; private set; }
    public OrgUnit? OwnerOrgUnit { get; private set; }
    public int? OwnerUnitId { get; private set; }
    public ResidentUnit? OwnerUnit { get; private set; }
    public string Path { get; private set; } = "";
    /// <summary>Street of the owner; null for district departments, whose offers serve every street.</summary>
    public int? StreetId { get; private set; }
    public int CategoryId { get; private set; }
    public MenuCategory? Category { get; private set; }
    public ResourceKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int? RoomId { get; private set; }
    public Room? Room { get; private set; }
    public int? SeatCapacity { get; private set; }
    /// <summary>Total yuan (funds) or hours (services); null for slot-booked resources.</summary>
    public int? Amount { get; private set; }
    public int? Remaining { get; private set; }
    public bool Active { get; private set; } = true;
    /// <summary>Bumped by every booking: the row lock that serializes slot checks on one resource.</summary>
    public int Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public bool IsOffer => OwnerUnitId is not null;
    public BookingMode Mode => Amount is null ? BookingMode.Slot : BookingMode.Amount;

    public void Edit(string title, string? description)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 80) throw new InvalidInput("title", "资源名称不能为空，且不超过 80 个字。");
        if (description is { Length: > 2000 }) throw new InvalidInput("description", "资源说明不超过 2000 字。");
        Title = title;
        Description = description?.Trim() ?? "";
    }

    public void Withdraw() => Active = false;

    /// <summary>For loading history (demo, imports) only; live orders go through the guarded update in OrderEdits.</summary>
    internal void CountLoadedOrder(int amount) => Remaining -= amount;

    public static string KindName(ResourceKind kind) => kind switch
    {
        ResourceKind.Venue => "活动阵地",
        ResourceKind.Fund => "公益资金",
        ResourceKind.Equipment => "设施设备",
        _ => "人才服务",
    };

    public static string AmountUnit(ResourceKind kind) => kind == ResourceKind.Fund ? "元" : "小时";
}
