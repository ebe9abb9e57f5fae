using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Stats;

namespace CoBuild.Tests.Organizations;

[Collection(AppCollection.Name)]
public sealed class DemoDistrictTests(AppFixture app)
{
    [Fact]
    public async Task Overview_reproduces_the_district_figures()
    {
        var client = await app.ClientFor(null);
        var o = (await client.Get<Overview>("/api/v1/stats/overview"))!;
        Assert.Equal(101, o.Communities);
        Assert.Equal(452, o.PartyOrganizations);
        Assert.Equal(7, o.RedCubes);
        Assert.Equal(79, o.ServiceCentres);
        Assert.InRange(o.CommitteeSeats, 280, 320);
        Assert.True(o.PartyMembers >= 4000, $"party members {o.PartyMembers}");
        Assert.Equal(17, o.DistrictDepartments);
        Assert.True(o.Streets >= 2);
        Assert.True(o.Grids > o.Communities);
        Assert.True(o.ResidentUnits >= 80);
    }

    [Fact]
    public async Task Named_places_and_units_exist_where_the_article_puts_them()
    {
        var client = await app.ClientFor(null);
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        await Demo.Node(client, OrgLevel.Street, "东浦街道");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        Assert.Equal(fushan.Id, jishan.ParentId);
        var detail = (await client.Get<OrgUnitDetail>($"/api/v1/org-units/{fushan.Id}"))!;
        Assert.True(detail.ResidentUnits >= 80, $"府山 has {detail.ResidentUnits} units");
        Assert.Null(detail.InternalNotes); // anonymous callers never see internal notes
    }

    [Fact]
    public async Task Tree_nests_streets_communities_and_grids()
    {
        var client = await app.ClientFor(null);
        var root = (await client.Get<OrgTreeNode>("/api/v1/org-units/tree"))!;
        Assert.Equal(OrgLevel.District, root.Level);
        var fushan = root.Children.Single(s => s.Name == "府山街道");
        var jishan = fushan.Children.Single(c => c.Name == "蕺山社区");
        Assert.All(jishan.Children, g => Assert.Equal(OrgLevel.Grid, g.Level));
        Assert.True(jishan.Children.Count >= 3); // other tests may add grids
        Assert.Equal(101, root.Children.Sum(s => s.Children.Count));
    }

    [Theory]
    [InlineData("/api/v1/org-units?level=Planet")]
    [InlineData("/api/v1/org-units/0")]
    [InlineData("/api/v1/org-units/tree?rootId=-5")]
    public async Task Bad_public_queries_are_problem_details_not_500(string url)
    {
        var client = await app.ClientFor(null);
        var response = await client.GetAsync(url);
        Assert.InRange((int)response.StatusCode, 400, 499);
        await response.Problem();
    }
}
