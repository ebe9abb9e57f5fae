using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.ServiceMenu;

namespace CoBuild.Tests.ServiceMenu;

/// <summary>A community's service menu: who reads and writes it, and what it refuses.</summary>
[Collection(AppCollection.Name)]
public sealed class ServiceMenuTests(AppFixture app)
{
    private const HttpStatusCode Ok = HttpStatusCode.OK, New = HttpStatusCode.Created, No = HttpStatusCode.Forbidden, Anon = HttpStatusCode.Unauthorized;

    [Theory]
    [InlineData(null, Anon, Anon, Anon, Anon)]
    [InlineData("district.admin", Ok, Ok, New, Ok)]
    [InlineData("street.fushan", Ok, No, New, Ok)]
    [InlineData("street.dongpu", No, Ok, No, No)]
    [InlineData("community.jishan", Ok, No, New, Ok)]
    [InlineData("member.demo", Ok, No, No, No)]
    [InlineData("resident.demo", No, No, No, No)]
    [InlineData("unit.drainage", No, No, No, No)]
    [InlineData("dept.housing", No, No, No, No)]
    public async Task Who_may_read_and_write_a_community_menu(string? user, HttpStatusCode readJishan, HttpStatusCode readDongpu, HttpStatusCode add, HttpStatusCode edit)
    {
        var cadre = await app.ClientFor("community.jishan");
        var jishan = await Demo.Node(cadre, OrgLevel.Community, "蕺山社区");
        var dongpu = await Demo.DongpuCommunity(await app.ClientFor("street.dongpu"));
        var mine = await (await cadre.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, "矩阵" + Suffix()))).Read<ServiceItemRow>();

        var client = await app.ClientFor(user);
        Assert.Equal(readJishan, (await client.GetAsync($"/api/v1/service-menu?community={jishan.Id}")).StatusCode);
        Assert.Equal(readDongpu, (await client.GetAsync($"/api/v1/service-menu?community={dongpu.Id}")).StatusCode);
        Assert.Equal(add, (await client.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, "新增" + Suffix()))).StatusCode);
        Assert.Equal(edit, (await client.PutAsJsonAsync($"/api/v1/service-menu/{mine.Id}", Request(jishan.Id, "改名" + Suffix()))).StatusCode);
    }

    [Fact]
    public async Task The_demo_menu_of_jishan_offers_visits_and_homework_help_and_a_member_reads_only_active_items()
    {
        var member = await app.ClientFor("member.demo");
        var menu = (await member.Get<List<ServiceItemRow>>("/api/v1/service-menu"))!;
        Assert.Contains(menu, s => s.Title == "老人走访");
        Assert.Contains(menu, s => s.Title == "作业辅导");
        Assert.All(menu, s => Assert.Equal("蕺山社区", s.Community));

        var cadre = await app.ClientFor("community.jishan");
        var jishan = await Demo.Node(cadre, OrgLevel.Community, "蕺山社区");
        var title = "停用" + Suffix();
        var item = await (await cadre.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, title))).Read<ServiceItemRow>();
        Assert.Contains((await member.Get<List<ServiceItemRow>>("/api/v1/service-menu"))!, s => s.Id == item.Id);
        var off = await (await cadre.PutAsJsonAsync($"/api/v1/service-menu/{item.Id}", Request(jishan.Id, title) with { Active = false })).Read<ServiceItemRow>();
        Assert.False(off.Active);
        Assert.DoesNotContain((await member.Get<List<ServiceItemRow>>("/api/v1/service-menu"))!, s => s.Id == item.Id);
        Assert.Contains((await cadre.Get<List<ServiceItemRow>>($"/api/v1/service-menu?community={jishan.Id}"))!, s => s.Id == item.Id && !s.Active);
        Assert.DoesNotContain((await member.Get<List<Web.Features.Contracts.MenuChoice>>("/api/v1/personal-contracts/menu"))!, s => s.Id == item.Id);
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_naming_the_field()
    {
        var street = await app.ClientFor("street.fushan");
        var jishan = await Demo.Node(street, OrgLevel.Community, "蕺山社区");
        var fushan = await Demo.Node(street, OrgLevel.Street, "府山街道");

        async Task Field(HttpResponseMessage response, string field)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        await Field(await street.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, "  ")), "title");
        await Field(await street.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, new string('长', 41))), "title");
        await Field(await street.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, "类别") with { Category = "炒股" }), "category");
        await Field(await street.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, "说明") with { Description = new string('长', 301) }), "description");
        await Field(await street.PostAsJsonAsync("/api/v1/service-menu", Request(fushan.Id, "街道")), "communityId");
        await Field(await street.PostAsJsonAsync("/api/v1/service-menu", Request(null, "无社区")), "communityId");
        Assert.Equal(HttpStatusCode.NotFound, (await street.PostAsJsonAsync("/api/v1/service-menu", Request(999999, "未知"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await street.PutAsJsonAsync("/api/v1/service-menu/999999", Request(jishan.Id, "未知"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, "老人走访"))).StatusCode);
        var broken = new StringContent("{\"communityId\":\"蕺山\"", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await street.PostAsync("/api/v1/service-menu", broken)).StatusCode);
        var item = await (await street.PostAsJsonAsync("/api/v1/service-menu", Request(jishan.Id, "移动" + Suffix()))).Read<ServiceItemRow>();
        var dongpu = await Demo.DongpuCommunity(await app.ClientFor("street.dongpu"));
        await Field(await (await app.ClientFor("district.admin")).PutAsJsonAsync($"/api/v1/service-menu/{item.Id}", Request(dongpu.Id, item.Title)), "communityId");
    }

    [Fact]
    public async Task The_back_office_page_lists_the_callers_community_and_a_street_picks_one()
    {
        var page = await (await app.ClientFor("community.jishan")).GetStringAsync("/admin/service-menu");
        Assert.Contains("老人走访", page);
        Assert.Contains("sm-edit-form", page);
        var street = await app.ClientFor("street.dongpu");
        var dongpu = await Demo.DongpuCommunity(street);
        var theirs = await street.GetStringAsync($"/admin/service-menu?community={dongpu.Id}");
        Assert.Contains(dongpu.Name, theirs);
        Assert.DoesNotContain("蕺山社区", theirs);
    }

    private static ServiceItemRequest Request(int? community, string title) => new(community, title, "测试用服务", "便民服务", true);

    private static string Suffix() => Guid.NewGuid().ToString("N")[..8];
}
