using System.Net;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Public;

[Collection(AppCollection.Name)]
public sealed class CommunityPageTests(AppFixture app)
{
    [Fact]
    public async Task Anyone_sees_the_community_names_and_figures_but_no_personal_data()
    {
        var client = await app.ClientFor(null);
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var response = await client.GetAsync($"/communities/{jishan.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("蕺山社区", html);
        Assert.Contains("府山街道", html);
        Assert.Contains("绍兴市城市排水有限公司", html); // a co-building unit of 蕺山
        Assert.Contains("社区大党委", html);
        Assert.DoesNotContain("王晓燕", html); // members are counted, never named
        Assert.DoesNotMatch(@"1[3-9]\d\*{4}\d{4}", html);
        Assert.DoesNotContain("内部备注", html);
        Assert.Contains("/communities/" + jishan.Id, await client.GetStringAsync("/communities"));
    }

    [Fact]
    public async Task Anonymous_pages_come_from_the_cache_without_cookies_and_signed_in_ones_do_not()
    {
        var anonymous = await app.ClientFor(null);
        var jishan = await Demo.Node(anonymous, OrgLevel.Community, "蕺山社区");
        await anonymous.GetAsync($"/communities/{jishan.Id}");
        var second = await anonymous.GetAsync($"/communities/{jishan.Id}");
        Assert.NotNull(second.Headers.Age);
        Assert.False(second.Headers.Contains("Set-Cookie"));

        var signedIn = await app.ClientFor("street.fushan");
        var mine = await signedIn.GetAsync($"/communities/{jishan.Id}");
        Assert.Null(mine.Headers.Age);
    }

    [Fact]
    public async Task Unknown_or_non_community_ids_say_not_found()
    {
        var client = await app.ClientFor(null);
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        foreach (var url in new[] { $"/communities/{fushan.Id}", "/communities/999999", "/no-such-page" })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("页面不存在", await response.Content.ReadAsStringAsync());
        }
        var api = await client.GetAsync("/api/v1/no-such-endpoint");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        await api.Problem();
    }
}
