using System.Net;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Stats;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Menus;

/// <summary>The three lists of the demo: figures, category tree, Chinese keyword search and filters.</summary>
[Collection(AppCollection.Name)]
public sealed class MenuListTests(AppFixture app)
{
    [Fact]
    public async Task Overview_counts_the_street_resources_in_four_categories_and_fifteen_groups()
    {
        var client = await app.ClientFor(null);
        var o = (await client.Get<Overview>("/api/v1/stats/overview"))!;
        // Other tests add street resources to the shared database; the demo's own ones share the load time.
        Assert.True(o.Resources >= 236, $"resources {o.Resources}");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // The demo's rows are stamped in office hours up to the day before it was loaded; tests add theirs now.
            var loaded = CoBuild.Web.Features.Demo.DemoTime.Base(TimeProvider.System).AddHours(1);
            Assert.Equal(236, await db.Resources.CountAsync(r => r.OwnerUnitId == null && r.CreatedAt < loaded));
            // Auction tests add a project per hammered lot (SourceId = the lot) and project tests add "测试·" ones; the demo's
            // own 316 have no source id (the demo ceremony reuses 17 of them). The overview may be up to 10 s old.
            Assert.Equal(316, await db.Projects.CountAsync(p => p.SourceId == null && !p.Title.StartsWith("测试·")));
            Assert.True(o.Projects >= 316, $"projects {o.Projects}");
        }
        Assert.Equal(4, o.ResourceCategories);
        Assert.Equal(15, o.ResourceGroups);
        Assert.True(o.Needs >= 300, $"needs {o.Needs}");
        Assert.True(o.Offers >= o.ResidentUnits, $"offers {o.Offers}");
        var tree = (await client.Get<List<CategoryNode>>("/api/v1/menu-categories"))!;
        Assert.Equal(["阵地资源", "资金资源", "设施设备", "人才服务"], tree.Select(c => c.Name));
        Assert.Equal(15, tree.Sum(c => c.Groups.Count));
        var all = (await client.Get<MenuPage<ResourceItem>>("/api/v1/resources?pageSize=200&page=2"))!;
        Assert.True(all.Total >= 236);
        Assert.All(all.Items, r => Assert.False(r.IsOffer));
    }

    [Fact]
    public async Task A_two_character_query_finds_longer_words_in_needs_and_resources()
    {
        var client = await app.ClientFor(null);
        var needs = (await client.Get<MenuPage<NeedItem>>("/api/v1/needs?q=" + Uri.EscapeDataString("养老") + "&pageSize=200"))!;
        Assert.NotEmpty(needs.Items);
        Assert.All(needs.Items, n => Assert.True(n.Title.Contains("养老") || n.Description.Contains("养老")));
        Assert.Contains(needs.Items, n => n.Description.Contains("养老服务"));
        var resources = (await client.Get<MenuPage<ResourceItem>>("/api/v1/resources?q=" + Uri.EscapeDataString("养老")))!;
        Assert.Equal(13, resources.Total); // one 居家养老服务志愿队 per street
        var none = (await client.Get<MenuPage<NeedItem>>("/api/v1/needs?q=" + Uri.EscapeDataString("不存在的需求词")))!;
        Assert.Equal(0, none.Total);
    }

    [Fact]
    public async Task Filters_by_street_community_group_and_status_narrow_the_list()
    {
        var client = await app.ClientFor(null);
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var all = (await client.Get<MenuPage<NeedItem>>("/api/v1/needs?pageSize=1"))!.Total;
        var inStreet = (await client.Get<MenuPage<NeedItem>>($"/api/v1/needs?street={fushan.Id}&pageSize=200"))!;
        Assert.InRange(inStreet.Total, 1, all - 1);
        var inJishan = (await client.Get<MenuPage<NeedItem>>($"/api/v1/needs?community={jishan.Id}&pageSize=200"))!;
        Assert.All(inJishan.Items, n => Assert.Equal("蕺山社区", n.OrgUnit));
        Assert.Contains(inJishan.Items, n => n.Title == "蕺山社区雨污分流改造");
        var elderly = (await client.Get<MenuPage<NeedItem>>("/api/v1/needs?group=D&pageSize=200"))!;
        Assert.All(elderly.Items, n => Assert.StartsWith("D", n.GroupCode));
        var open = (await client.Get<MenuPage<NeedItem>>("/api/v1/needs?status=open&pageSize=200"))!;
        Assert.All(open.Items, n => Assert.True(n.Claimed < n.Capacity));
        var full = (await client.Get<MenuPage<NeedItem>>("/api/v1/needs?status=full&pageSize=200"))!;
        Assert.NotEmpty(full.Items);
        Assert.All(full.Items, n => Assert.Equal("已认满", n.StatusName));
        var venues = (await client.Get<MenuPage<ResourceItem>>($"/api/v1/resources?street={fushan.Id}&kind=Venue&status=available"))!;
        Assert.All(venues.Items, r => Assert.Equal(ResourceKind.Venue, r.Kind));
        Assert.Contains(venues.Items, r => r.Title.Contains("红立方") && r.SeatCapacity > 0);
        var offers = (await client.Get<MenuPage<ResourceItem>>($"/api/v1/offers?street={fushan.Id}&pageSize=200"))!;
        Assert.All(offers.Items, r => Assert.True(r.IsOffer));
        Assert.Contains(offers.Items, r => r.Owner == "绍兴市人民医院");
    }

    [Theory]
    [InlineData("/api/v1/needs?status=whatever", "status")]
    [InlineData("/api/v1/needs?group=ZZ9", "group")]
    [InlineData("/api/v1/needs?street=999999", "street")]
    [InlineData("/api/v1/resources?community=1", "community")]
    public async Task Bad_filters_are_400_with_the_field_named(string url, string field)
    {
        var client = await app.ClientFor(null);
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Problem();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }
}
