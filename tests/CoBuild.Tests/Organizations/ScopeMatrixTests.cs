using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Organizations;

/// <summary>Role x scope matrix over the scoped endpoints: who may read members and edit nodes where.</summary>
[Collection(AppCollection.Name)]
public sealed class ScopeMatrixTests(AppFixture app)
{
    public enum Target { Jishan, Dongpu }

    [Theory]
    [InlineData(null, Target.Jishan, HttpStatusCode.Unauthorized)]
    [InlineData("district.admin", Target.Jishan, HttpStatusCode.OK)]
    [InlineData("district.admin", Target.Dongpu, HttpStatusCode.OK)]
    [InlineData("street.fushan", Target.Jishan, HttpStatusCode.OK)]
    [InlineData("street.fushan", Target.Dongpu, HttpStatusCode.Forbidden)]
    [InlineData("street.dongpu", Target.Jishan, HttpStatusCode.Forbidden)]
    [InlineData("street.dongpu", Target.Dongpu, HttpStatusCode.OK)]
    [InlineData("community.jishan", Target.Jishan, HttpStatusCode.OK)]
    [InlineData("community.jishan", Target.Dongpu, HttpStatusCode.Forbidden)]
    [InlineData("unit.drainage", Target.Jishan, HttpStatusCode.Forbidden)]
    [InlineData("unit.fushan.01", Target.Jishan, HttpStatusCode.Forbidden)]
    [InlineData("dept.housing", Target.Jishan, HttpStatusCode.Forbidden)]
    [InlineData("member.demo", Target.Jishan, HttpStatusCode.Forbidden)]
    [InlineData("resident.demo", Target.Jishan, HttpStatusCode.Forbidden)]
    public async Task Members_of_a_community(string? user, Target target, HttpStatusCode expected)
    {
        var client = await app.ClientFor(user);
        var node = await NodeOf(client, target);
        var response = await client.GetAsync($"/api/v1/org-units/{node.Id}/members");
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            var page = await response.Read<MemberPage>();
            Assert.True(page.Total > 0);
            Assert.All(page.Items, m => Assert.Equal(node.Name, m.Community));
        }
        else
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("idCard", body); // no member data leaks in the refusal
        }
    }

    [Theory]
    [InlineData("district.admin", Target.Dongpu, HttpStatusCode.OK)]
    [InlineData("street.fushan", Target.Jishan, HttpStatusCode.OK)]
    [InlineData("street.fushan", Target.Dongpu, HttpStatusCode.Forbidden)]
    [InlineData("community.jishan", Target.Jishan, HttpStatusCode.OK)]
    [InlineData("community.jishan", Target.Dongpu, HttpStatusCode.Forbidden)]
    [InlineData("unit.drainage", Target.Jishan, HttpStatusCode.Forbidden)]
    [InlineData("member.demo", Target.Jishan, HttpStatusCode.Forbidden)]
    [InlineData(null, Target.Jishan, HttpStatusCode.Unauthorized)]
    public async Task Editing_a_community(string? user, Target target, HttpStatusCode expected)
    {
        var client = await app.ClientFor(user);
        var node = await NodeOf(client, target);
        var before = (await client.Get<OrgUnitDetail>($"/api/v1/org-units/{node.Id}"))!;
        var response = await client.PutAsJsonAsync($"/api/v1/org-units/{node.Id}",
            new UpdateOrgUnit(node.Name, before.Address, before.OfficePhone, before.Households + 1, "edited by " + user));
        Assert.Equal(expected, response.StatusCode);
        var after = (await (await app.ClientFor("district.admin")).Get<OrgUnitDetail>($"/api/v1/org-units/{node.Id}"))!;
        if (expected == HttpStatusCode.OK) Assert.Equal("edited by " + user, after.InternalNotes);
        else Assert.NotEqual("edited by " + user, after.InternalNotes);
    }

    [Fact]
    public async Task Internal_notes_are_shown_only_within_scope()
    {
        var jishan = await NodeOf(await app.ClientFor(null), Target.Jishan);
        var inScope = (await (await app.ClientFor("community.jishan")).Get<OrgUnitDetail>($"/api/v1/org-units/{jishan.Id}"))!;
        var outside = (await (await app.ClientFor("street.dongpu")).Get<OrgUnitDetail>($"/api/v1/org-units/{jishan.Id}"))!;
        Assert.NotNull(inScope.InternalNotes);
        Assert.Null(outside.InternalNotes);
    }

    [Fact]
    public async Task A_street_admin_adds_a_grid_in_scope_but_not_in_a_sibling_street()
    {
        var fushan = await app.ClientFor("street.fushan");
        var jishan = await NodeOf(fushan, Target.Jishan);
        var created = await fushan.PostAsJsonAsync("/api/v1/org-units", new CreateOrgUnit(jishan.Id, "测试网格" + Guid.NewGuid().ToString("N")[..4]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var grid = await created.Read<OrgUnitItem>();
        Assert.Equal(OrgLevel.Grid, grid.Level);
        Assert.StartsWith(jishan.Code, grid.Code);

        var duplicate = await fushan.PostAsJsonAsync("/api/v1/org-units", new CreateOrgUnit(jishan.Id, grid.Name));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);

        var dongpu = await NodeOf(fushan, Target.Dongpu);
        var refused = await fushan.PostAsJsonAsync("/api/v1/org-units", new CreateOrgUnit(dongpu.Id, "越界网格"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var underGrid = await fushan.PostAsJsonAsync("/api/v1/org-units", new CreateOrgUnit(grid.Id, "子网格"));
        Assert.Equal(HttpStatusCode.Conflict, underGrid.StatusCode);

        var blank = await fushan.PostAsJsonAsync("/api/v1/org-units", new { parentId = jishan.Id, name = "" });
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
    }

    private static async Task<OrgUnitItem> NodeOf(HttpClient client, Target target) =>
        target == Target.Jishan ? await Demo.Node(client, OrgLevel.Community, "蕺山社区") : await Demo.DongpuCommunity(client);
}
