using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Infrastructure;

/// <summary>Looks up demo nodes by name through the public API.</summary>
public static class Demo
{
    public static async Task<OrgUnitItem> Node(HttpClient client, OrgLevel level, string name)
    {
        var all = await client.Get<List<OrgUnitItem>>($"/api/v1/org-units?level={level}");
        return all!.Single(o => o.Name == name);
    }

    /// <summary>First community of 东浦街道: a sibling street's node for scope tests.</summary>
    public static async Task<OrgUnitItem> DongpuCommunity(HttpClient client)
    {
        var dongpu = await Node(client, OrgLevel.Street, "东浦街道");
        var all = await client.Get<List<OrgUnitItem>>($"/api/v1/org-units?parentId={dongpu.Id}");
        return all!.First();
    }
}
