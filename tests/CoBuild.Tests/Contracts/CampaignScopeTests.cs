using System.Net;
using System.Text.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Contracts;

/// <summary>A community looking at its street's signing campaign sees its own members only, and leaves reminders to the street.</summary>
[Collection(AppCollection.Name)]
public sealed class CampaignScopeTests(AppFixture app)
{
    [Fact]
    public async Task A_community_sees_only_its_own_members_of_a_street_campaign_and_cannot_remind()
    {
        var street = await app.ClientFor("street.fushan");
        var jishan = await app.ClientFor("community.jishan");
        var campaign = (await street.Get<List<CampaignRow>>("/api/v1/signing-campaigns"))!.Single(c => c.OrgUnit == "府山街道" && c.Year == Paper.Today.Year);

        // The street has unsigned members outside 蕺山社区 (a leak would show them); 蕺山's own may all have signed by now.
        var streetWide = (await street.Get<MenuPage<UnsignedMember>>($"/api/v1/signing-campaigns/{campaign.Id}/unsigned?pageSize=200"))!;
        Assert.Contains(streetWide.Items, m => m.Community != "蕺山社区");
        var unsigned = (await jishan.Get<MenuPage<UnsignedMember>>($"/api/v1/signing-campaigns/{campaign.Id}/unsigned?pageSize=200"))!;
        Assert.All(unsigned.Items, m => Assert.Equal("蕺山社区", m.Community));
        var expected = await Paper.DbAsync(app, db => db.MemberRegistrations.CountAsync(r => r.Community!.Name == "蕺山社区"
            && !db.PersonalContracts.Any(p => p.PartyMemberId == r.PartyMemberId && p.Year == campaign.Year && p.Status != PersonalContractStatus.Terminated)));
        Assert.Equal(expected, unsigned.Total);

        var progress = await jishan.Get<JsonElement>($"/api/v1/signing-campaigns/{campaign.Id}");
        var communities = progress.GetProperty("communities").EnumerateArray().Select(c => c.GetProperty("community").GetString()).ToList();
        Assert.Equal(["蕺山社区"], communities);
        var invited = await Paper.DbAsync(app, db => db.MemberRegistrations.CountAsync(r => r.Community!.Name == "蕺山社区"));
        Assert.Equal(invited, progress.GetProperty("invited").GetInt32());
        Assert.False(progress.GetProperty("canRemind").GetBoolean());
        Assert.True((await street.Get<JsonElement>($"/api/v1/signing-campaigns/{campaign.Id}")).GetProperty("canRemind").GetBoolean());
        Assert.Equal(HttpStatusCode.Forbidden, (await jishan.PostAsync($"/api/v1/signing-campaigns/{campaign.Id}/remind", null)).StatusCode);

        // The page says the same: no other community, no remind control; the street's page has it.
        var others = (await street.Get<CampaignProgress>($"/api/v1/signing-campaigns/{campaign.Id}"))!.Communities.Select(c => c.Community).Where(c => c != "蕺山社区").ToList();
        Assert.NotEmpty(others);
        var page = await jishan.GetStringAsync($"/admin/personal-contracts?campaign={campaign.Id}");
        Assert.Contains("pc-unsigned", page);
        Assert.All(others, name => Assert.DoesNotContain(name, page));
        Assert.DoesNotContain("pc-remind", page);
        Assert.Contains("pc-remind", await street.GetStringAsync($"/admin/personal-contracts?campaign={campaign.Id}"));
    }
}
