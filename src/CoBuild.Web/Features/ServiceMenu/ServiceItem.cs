using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.ServiceMenu;

/// <summary>
/// One entry of a community's service menu: something a person can do for the community (老人走访, 作业辅导, 义诊 ...).
/// Party members choose from it when they sign their 人人契约; it is not a need of the community.
/// </summary>
public sealed class ServiceItem
{
    public static readonly string[] Categories = ["为老服务", "教育辅导", "政策宣讲", "医疗健康", "法律服务", "便民服务", "心理关爱", "文明环境"];

    private ServiceItem() { }

    public ServiceItem(OrgUnit community, string title, string? description, string category, DateTimeOffset now)
    {
        if (community.Level != OrgLevel.Community) throw new InvalidInput("communityId", "服务菜单由社区维护，请选择一个社区。");
        DistrictId = community.DistrictId;
        CommunityId = community.Id;
        Path = community.Path;
        CreatedAt = now;
        Edit(title, description, category, true, now);
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int CommunityId { get; private set; }
    public OrgUnit? Community { get; private set; }
    /// <summary>The community's path, for scope filters without a join.</summary>
    public string Path { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public string Category { get; private set; } = "";
    public bool Active { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Edit(string title, string? description, string category, bool active, DateTimeOffset now)
    {
        title = title?.Trim() ?? "";
        if (title.Length is 0 or > 40) throw new InvalidInput("title", "服务名称不能为空，且不超过 40 个字。");
        description = description?.Trim() is { Length: > 0 } d ? d : null;
        if (description?.Length > 300) throw new InvalidInput("description", "服务说明不超过 300 个字。");
        category = category?.Trim() ?? "";
        if (!Categories.Contains(category)) throw new InvalidInput("category", $"类别只能是：{string.Join("、", Categories)}。");
        Title = title;
        Description = description;
        Category = category;
        Active = active;
        UpdatedAt = now;
    }
}
