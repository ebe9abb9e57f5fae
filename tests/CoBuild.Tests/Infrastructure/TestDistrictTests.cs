using System.Net;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;

namespace CoBuild.Tests.Infrastructure;

/// <summary>What the test district's builders write is what the app shows its own users through the API.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class TestDistrictTests(TestDistrictFixture app)
{
    [Theory]
    [InlineData(ContractStatus.Draft)]
    [InlineData(ContractStatus.AwaitingSignatures)]
    [InlineData(ContractStatus.Active)]
    public async Task A_built_contract_is_in_the_state_asked_for_for_both_sides(ContractStatus status)
    {
        var street = await app.District.Street().WithCommunity().WithUnit().BuildAsync();
        var contract = await app.District.ContractAsync(street, status);
        Assert.Equal(status, contract.Status);
        Assert.Equal(2, contract.Commitments.Count);
        foreach (var who in new[] { street.Admin, street.UnitRep })
        {
            var seen = (await (await app.ClientFor(who)).Get<ContractDetail>($"/api/v1/org-contracts/{contract.Id}"))!;
            Assert.Equal(status, seen.Contract.Status);
        }
        // Another street's administrator does not see it.
        var other = await app.District.Street().BuildAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor(other.Admin)).GetAsync($"/api/v1/org-contracts/{contract.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_built_member_signs_in_and_sees_the_personal_contract_signed_for_them()
    {
        var street = await app.District.Street().WithCommunity().BuildAsync();
        var member = await app.District.MemberAsync(street);
        var contract = await app.District.PersonalContractAsync(member, pledgedHours: 12);
        Assert.Single(contract.Items);

        var client = await app.ClientFor(member.UserName);
        var me = (await client.Get<MeResponse>("/api/v1/me"))!;
        Assert.Equal("PartyMember", me.Role);
        Assert.Equal(member.Member.Id, me.PartyMemberId);
        var seen = (await client.Get<PersonalDetail>($"/api/v1/personal-contracts/{contract.Id}"))!;
        Assert.Equal(12m, seen.Contract.PledgedHours);
        // The community's cadre sees the member's contract too.
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor(street.Cadre)).GetAsync($"/api/v1/personal-contracts/{contract.Id}")).StatusCode);
    }

    [Fact]
    public async Task Built_resources_and_offers_are_listed_for_the_street()
    {
        var street = await app.District.Street().WithCommunity().WithUnit().BuildAsync();
        var venue = await app.District.ResourceAsync(street);
        var fund = await app.District.ResourceAsync(street, ResourceKind.Fund, amount: 5000);
        var offer = await app.District.OfferAsync(street);
        Assert.True(offer.IsOffer);
        Assert.Equal(5000, fund.Remaining);

        var admin = await app.ClientFor(street.Admin);
        var resources = (await admin.Get<MenuPage<ResourceItem>>("/api/v1/resources?pageSize=50"))!.Items.Select(r => r.Id).ToList();
        Assert.Contains(venue.Id, resources);
        Assert.Contains(fund.Id, resources);
        Assert.Contains((await admin.Get<MenuPage<ResourceItem>>("/api/v1/offers?pageSize=50"))!.Items, o => o.Id == offer.Id);
    }
}
