using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Features.ServiceDesk;

/// <summary>
/// One published version of a community's service catalogue (服务目录): what the desk accepts, who handles it and
/// in what time. A new version replaces the current one; requests keep the version they were filed under.
/// </summary>
public sealed class ServiceCatalogue
{
    private readonly List<ServiceCategory> _categories = [];

    private ServiceCatalogue() { }

    public ServiceCatalogue(OrgUnit community, int version, IEnumerable<ServiceCategory> categories, DateTimeOffset now, string actor)
    {
        if (community.Level != OrgLevel.Community) throw new InvalidInput("communityId", "服务目录由社区发布，请选择一个社区。");
        DistrictId = community.DistrictId;
        CommunityId = community.Id;
        Path = community.Path;
        Version = version;
        IsCurrent = true;
        PublishedAt = now;
        PublishedBy = actor;
        _categories.AddRange(categories);
        if (_categories.Count == 0) throw new InvalidInput("categories", "服务目录至少要有一个事项类别。");
        var twice = _categories.GroupBy(c => c.Code).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidInput("categories", $"类别代码“{twice.Key}”重复。");
    }

    public int Id { get; private set; }
    public int DistrictId { get; private set; }
    public int CommunityId { get; private set; }
    public string Path { get; private set; } = "";
    public int Version { get; private set; }
    public bool IsCurrent { get; private set; }
    public DateTimeOffset PublishedAt { get; private set; }
    public string PublishedBy { get; private set; } = "";
    public IReadOnlyList<ServiceCategory> Categories => _categories;

    public void Retire() => IsCurrent = false;

    public ServiceCategory Offers(string? code) =>
        _categories.FirstOrDefault(c => c.Active && string.Equals(c.Code, code?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidInput("categoryCode", $"本社区的服务目录（第 {Version} 版）没有类别“{code}”。");
}
