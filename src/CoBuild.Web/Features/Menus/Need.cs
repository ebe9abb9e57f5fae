using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.Menus;

public enum NeedStatus { Open, Closed }

/// <summary>
/// An item of a community's (or street's) need list (需求清单). <see cref="Capacity"/> is how many units may
/// co-build it; <see cref="Claimed"/> counts live claims and is only changed by a guarded SQL update
/// (see OrderEdits), so parallel claims can never exceed the capacity.
/// </summary>
public sealed class Need
{
    private Need() { }

    public Need(OrgUnit owner, MenuCategory? group, string title, string? description, int capacity, DateTimeOffset now, string createdBy)
    {
        if (owner.Level is not (OrgLevel.Street or OrgLevel.Community)) throw new InvalidInput("orgUnitId", "需求由社区或街道发布。");
        if (group is { IsGroup: false }) throw new InvalidInput("groupCode", "请选择具体的小组，而不是大类。");
        DistrictId = owner.DistrictId;
        OrgUnitId = owner.Id;
        Path = owner.Path;
        CategoryId = group?.Id;
        CreatedAt = now;
        CreatedBy = createdBy;
        Edit(title, description, capacity);
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    /// <summary>Path of the owner node, copied for scope and street/community filters.</summary>
    public string Path { get; private set; } = "";
    public int? CategoryId { get; private set; }
    public MenuCategory? Category { get; private set; }
    public string Title { get; private set; } = "";
    public string Description { get; private set; } = "";
    public int Capacity { get; private set; }
    public int Claimed { get; private set; }
    public NeedStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";

    public bool IsFull => Claimed >= Capacity;

    public void Edit(string title, string? description, int capacity)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 80) throw new InvalidInput("title", "需求名称不能为空，且不超过 80 个字。");
        if (description is { Length: > 2000 }) throw new InvalidInput("description", "需求说明不超过 2000 字。");
        if (capacity is < 1 or > 50) throw new InvalidInput("capacity", "可共建单位数必须在 1 到 50 之间。");
        if (capacity < Claimed) throw new RuleViolation($"已有 {Claimed} 家单位认领，可共建单位数不能少于 {Claimed}。");
        Title = title;
        Description = description?.Trim() ?? "";
        Capacity = capacity;
    }

    public void Close() => Status = NeedStatus.Closed;

    /// <summary>For loading history (demo, imports) only; live claims go through the guarded update in OrderEdits.</summary>
    internal void CountLoadedClaim() => Claimed++;

    public static string StatusName(NeedStatus status, int claimed, int capacity) => status == NeedStatus.Closed ? "已关闭" : claimed >= capacity ? "已认满" : "可认领";
}
