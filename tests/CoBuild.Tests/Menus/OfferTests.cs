using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Menus;

namespace CoBuild.Tests.Menus;

/// <summary>Units publish what they offer; owners take items off the menu, after which no new orders come in.</summary>
[Collection(AppCollection.Name)]
public sealed class OfferTests(AppFixture app)
{
    [Fact]
    public async Task A_unit_publishes_an_offer_a_community_orders_it_and_the_unit_withdraws_it()
    {
        var unit = await app.ClientFor("unit.fushan.12");
        var title = "周末义务理发" + Guid.NewGuid().ToString("N")[..4];
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("community.jishan")).PostAsJsonAsync("/api/v1/offers", new CreateResource(ResourceKind.Service, title, null, "D04", 20, null, null))).StatusCode);
        var noHours = await unit.PostAsJsonAsync("/api/v1/offers", new CreateResource(ResourceKind.Service, title, null, "D04", null, null, null));
        Assert.Equal(HttpStatusCode.BadRequest, noHours.StatusCode);
        Assert.True((await noHours.Problem()).GetProperty("errors").TryGetProperty("amount", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await unit.PostAsJsonAsync("/api/v1/offers", new CreateResource(ResourceKind.Service, title, null, "ZZ", 20, null, null))).StatusCode);

        var created = await unit.PostAsJsonAsync("/api/v1/offers", new CreateResource(ResourceKind.Service, title, "为行动不便老人上门理发", "D04", 20, null, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var offer = await created.Read<ResourceItem>();
        Assert.True(offer.IsOffer);
        Assert.Equal(20, offer.Remaining);

        var cadre = await app.ClientFor("community.jishan");
        Assert.Contains((await cadre.Get<MenuPage<ResourceItem>>("/api/v1/offers?q=" + Uri.EscapeDataString(title)))!.Items, o => o.Id == offer.Id);
        Assert.Equal(HttpStatusCode.Created, (await cadre.PostAsJsonAsync($"/api/v1/offers/{offer.Id}/orders", new OrderRequest("重阳节", 4, null, null, null))).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("unit.fushan.13")).PostAsync($"/api/v1/offers/{offer.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsync($"/api/v1/offers/{offer.Id}/withdraw", null)).StatusCode);
        var withdrawn = await (await unit.PostAsync($"/api/v1/offers/{offer.Id}/withdraw", null)).Read<ResourceItem>();
        Assert.False(withdrawn.Active);
        var late = await cadre.PostAsJsonAsync($"/api/v1/offers/{offer.Id}/orders", new OrderRequest(null, 1, null, null, null));
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("下架", (await late.Problem()).GetProperty("detail").GetString());
        Assert.DoesNotContain((await cadre.Get<MenuPage<ResourceItem>>("/api/v1/offers?status=available&q=" + Uri.EscapeDataString(title)))!.Items, o => o.Id == offer.Id);
    }

    [Fact]
    public async Task Only_the_street_withdraws_its_own_resources()
    {
        var street = await app.ClientFor("street.fushan");
        var fushanId = (await Demo.Node(street, CoBuild.Web.Features.Organizations.OrgLevel.Street, "府山街道")).Id;
        var created = await street.PostAsJsonAsync("/api/v1/resources", new CreateResource(ResourceKind.Equipment, "临时折叠桌椅" + Guid.NewGuid().ToString("N")[..4], null, "C04", null, null, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var item = await created.Read<ResourceItem>();
        Assert.Equal(fushanId, item.OwnerOrgUnitId);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("community.jishan")).PostAsync($"/api/v1/resources/{item.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.dongpu")).PostAsync($"/api/v1/resources/{item.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsync($"/api/v1/offers/{item.Id}/withdraw", null)).StatusCode); // units withdraw offers
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("unit.drainage")).PostAsync($"/api/v1/offers/{item.Id}/withdraw", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsync($"/api/v1/resources/{item.Id}/withdraw", null)).StatusCode);
    }
}
