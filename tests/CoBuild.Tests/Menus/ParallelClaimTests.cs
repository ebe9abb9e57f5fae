using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;

namespace CoBuild.Tests.Menus;

/// <summary>The one-claim and capacity rules of a need under parallel claims, on a street built for the test.</summary>
[Collection(TestDistrictCollection.Name)]
public sealed class ParallelClaimTests(TestDistrictFixture app)
{
    [Fact]
    public async Task Two_hundred_parallel_claims_from_twenty_units_on_a_one_slot_need_leave_exactly_one()
    {
        var street = await app.District.Street().WithCommunity().WithUnits(20).WithNeed(capacity: 1).BuildAsync();
        var need = street.Need!;
        var units = new List<HttpClient>();
        foreach (var rep in street.UnitReps) units.Add(await app.ClientFor(rep));
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            units[i % 20].PostAsJsonAsync($"/api/v1/needs/{need.Id}/claims", new ClaimRequest($"第{i}次"))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(199, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var after = (await units[0].Get<NeedItem>($"/api/v1/needs/{need.Id}"))!;
        Assert.Equal(1, after.Claimed);
        var cadre = await app.ClientFor(street.Cadre);
        var claims = (await cadre.Get<MenuPage<OrderItem>>("/api/v1/orders?kind=Claim&pageSize=200"))!.Items.Where(o => o.NeedId == need.Id).ToList();
        Assert.Single(claims);
    }

    [Fact]
    public async Task Parallel_claims_by_one_unit_on_a_roomy_need_hold_one_claim_and_the_capacity_is_never_passed()
    {
        var street = await app.District.Street().WithCommunity().WithUnits(6).WithNeed(capacity: 3).BuildAsync();
        var need = street.Need!;
        var clients = new List<HttpClient>();
        foreach (var rep in street.UnitReps) clients.Add(await app.ClientFor(rep));
        var responses = await Task.WhenAll(Enumerable.Range(0, 60).Select(i =>
            clients[i % 6].PostAsJsonAsync($"/api/v1/needs/{need.Id}/claims", new ClaimRequest(null))));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var after = (await clients[0].Get<NeedItem>($"/api/v1/needs/{need.Id}"))!;
        Assert.Equal(3, after.Claimed);
        Assert.Equal("已认满", after.StatusName);
    }
}
