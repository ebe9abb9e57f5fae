using System.Net;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Contracts;

/// <summary>
/// The campaign a community's members sign under (人人契约): the member looks up their own community's, staff any community
/// in their scope; another street's community is unknown, other roles are refused by the route.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CampaignLookupTests(AppFixture app)
{
    private const string Url = "/api/v1/personal-contracts/campaign";

    [Fact]
    public async Task The_member_and_the_staff_over_the_community_find_its_campaign_and_nobody_else_does()
    {
        var year = Paper.Today.Year;
        var jishan = await Paper.DbAsync(app, db => db.OrgUnits.Where(o => o.Name == "蕺山社区").Select(o => new { o.Id, o.ParentId }).SingleAsync());
        var expected = await Paper.DbAsync(app, db => db.SigningCampaigns.Where(c => c.Year == year && (c.OrgUnitId == jishan.Id || c.OrgUnitId == jishan.ParentId))
            .OrderBy(c => c.OrgUnitId == jishan.Id ? 0 : 1).Select(c => new { c.Id, c.Title }).FirstAsync());

        // member.demo reported to 蕺山社区; community.jishan's own node is 蕺山; the street and the district reach it by scope.
        foreach (var (user, query) in new[] { ("member.demo", ""), ("community.jishan", ""), ("street.fushan", $"?community={jishan.Id}"), ("district.admin", $"?community={jishan.Id}") })
        {
            var found = await (await app.ClientFor(user)).GetAsync(Url + query);
            Assert.True(found.StatusCode == HttpStatusCode.OK, $"{user}: {(int)found.StatusCode}");
            var campaign = await found.Read<CampaignLookup>();
            Assert.Equal((expected.Id, expected.Title, year), (campaign.Id, campaign.Title, campaign.Year));
        }

        var member = await app.ClientFor("member.demo");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"{Url}?community={jishan.Id}")).StatusCode);
        var otherCommunity = await Paper.DbAsync(app, db => db.OrgUnits.Where(o => o.ParentId == jishan.ParentId && o.Id != jishan.Id).Select(o => o.Id).FirstAsync());
        var elsewhere = await member.GetAsync($"{Url}?community={otherCommunity}");
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("报到社区", (await elsewhere.Problem()).GetProperty("detail").GetString());

        // Another street's admin: 蕺山 is not in its scope, and it is not told whether it exists.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("street.dongpu")).GetAsync($"{Url}?community={jishan.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("community.jishan")).GetAsync($"{Url}?community={otherCommunity}")).StatusCode);
        // A street is not a community; a year without a campaign has none.
        Assert.Equal(HttpStatusCode.BadRequest, (await (await app.ClientFor("street.fushan")).GetAsync($"{Url}?community={jishan.ParentId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"{Url}?year=2001")).StatusCode);

        foreach (var user in new[] { "unit.drainage", "resident.demo", "dept.housing" })
            Assert.True(HttpStatusCode.Forbidden == (await (await app.ClientFor(user)).GetAsync($"{Url}?community={jishan.Id}")).StatusCode, user);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync(Url)).StatusCode);
    }
}
