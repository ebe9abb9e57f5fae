using System.Net.Http.Json;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Infrastructure;

/// <summary>Signed-in reads come from a cache for seconds, but never past a write, and a scoped list never crosses callers.</summary>
[Collection(AppCollection.Name)]
public sealed class ReadCachingTests(AppFixture app)
{
    [Fact]
    public async Task Signed_in_tree_is_served_from_the_cache_until_a_write()
    {
        var fushan = await app.ClientFor("street.fushan");
        var jishan = await Demo.Node(fushan, OrgLevel.Community, "蕺山社区");
        var url = $"/api/v1/org-units/tree?rootId={jishan.Id}&t={Guid.NewGuid():N}";

        (await fushan.GetAsync(url)).EnsureSuccessStatusCode();
        app.Sql.Reset();
        (await fushan.GetAsync(url)).EnsureSuccessStatusCode();
        Assert.Equal(0, app.Sql.Count);

        var name = "缓存网格" + Guid.NewGuid().ToString("N")[..4];
        (await fushan.PostAsJsonAsync("/api/v1/org-units", new CreateOrgUnit(jishan.Id, name))).EnsureSuccessStatusCode();
        Assert.Contains(name, await fushan.GetStringAsync(url));
    }

    [Fact]
    public async Task Contract_list_is_cached_per_caller()
    {
        var fushan = await app.ClientFor("street.fushan");
        var dongpu = await app.ClientFor("street.dongpu");
        const string url = "/api/v1/org-contracts?pageSize=50";

        var first = await fushan.GetStringAsync(url);
        app.Sql.Reset();
        Assert.Equal(first, await fushan.GetStringAsync(url));
        Assert.Equal(0, app.Sql.Count);

        var other = await dongpu.GetStringAsync(url);
        Assert.NotEqual(first, other);
        Assert.True(app.Sql.Count > 0);
    }

    [Fact]
    public async Task Phone_needs_page_data_is_cached_per_caller_until_a_write()
    {
        var fushan = await app.ClientFor("street.fushan");
        var dongpu = await app.ClientFor("street.dongpu");
        var url = $"/m/needs?q=&t={Guid.NewGuid():N}";

        var first = await fushan.GetStringAsync(url);
        app.Sql.Reset();
        (await fushan.GetAsync(url)).EnsureSuccessStatusCode();
        Assert.Equal(0, app.Sql.Count);

        (await dongpu.GetAsync(url)).EnsureSuccessStatusCode();
        Assert.True(app.Sql.Count > 0, "another caller loads its own list");

        CoBuild.Web.Infrastructure.Data.WriteGeneration.Bump(); // what every write does (WriteGeneration interceptors)
        app.Sql.Reset();
        (await fushan.GetAsync(url)).EnsureSuccessStatusCode();
        Assert.True(app.Sql.Count > 0, "a write makes the next load fresh");
        Assert.Contains("需求清单", first);
    }
}
