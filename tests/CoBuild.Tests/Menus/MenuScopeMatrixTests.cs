using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Features.Selection;

namespace CoBuild.Tests.Menus;

/// <summary>Role x action matrix over the menus: publish a need in 蕺山, claim it, order a 府山 room for 蕺山, open a 府山 round.</summary>
[Collection(AppCollection.Name)]
public sealed class MenuScopeMatrixTests(AppFixture app)
{
    private const HttpStatusCode Ok = HttpStatusCode.Created, No = HttpStatusCode.Forbidden, Anon = HttpStatusCode.Unauthorized;

    [Theory]
    [InlineData(null, Anon, Anon, Anon, Anon)]
    [InlineData("district.admin", Ok, No, Ok, Ok)]
    [InlineData("street.fushan", Ok, No, Ok, Ok)]
    [InlineData("street.dongpu", No, No, No, No)]
    [InlineData("community.jishan", Ok, No, Ok, No)]
    [InlineData("unit.drainage", No, Ok, No, No)]
    [InlineData("unit.fushan.02", No, Ok, No, No)]
    [InlineData("dept.housing", No, Ok, No, No)]
    [InlineData("member.demo", No, No, No, No)]
    [InlineData("resident.demo", No, No, No, No)]
    public async Task Who_may_publish_claim_order_and_open_a_round(string? user, HttpStatusCode publish, HttpStatusCode claim, HttpStatusCode order, HttpStatusCode round)
    {
        var cadre = await app.ClientFor("community.jishan");
        var jishan = await Demo.Node(cadre, OrgLevel.Community, "蕺山社区");
        var fushan = await Demo.Node(cadre, OrgLevel.Street, "府山街道");
        var need = await (await cadre.PostAsJsonAsync("/api/v1/needs", new CreateNeed("矩阵" + Guid.NewGuid().ToString("N")[..8], null, "D04", 50))).Read<NeedItem>();
        var room = (await cadre.Get<MenuPage<ResourceItem>>($"/api/v1/resources?street={fushan.Id}&kind=Venue&q=" + Uri.EscapeDataString("多功能报告厅")))!.Items[0];
        var start = DateTimeOffset.UtcNow.Date.AddDays(1000 + Random.Shared.Next(20000)).AddHours(1);

        var client = await app.ClientFor(user);
        Assert.Equal(publish, (await client.PostAsJsonAsync("/api/v1/needs", new CreateNeed("矩阵发布", null, null, 1, jishan.Id))).StatusCode);
        Assert.Equal(claim, (await client.PostAsJsonAsync($"/api/v1/needs/{need.Id}/claims", new ClaimRequest(null))).StatusCode);
        Assert.Equal(order, (await client.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, start, start.AddHours(1), jishan.Id))).StatusCode);
        Assert.Equal(round, (await client.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(fushan.Id, "矩阵轮次", [need.Id], null))).StatusCode);
        Assert.Equal(user is null ? Anon : HttpStatusCode.OK, (await client.GetAsync("/api/v1/orders")).StatusCode);
        Assert.Equal(user is null ? Anon : HttpStatusCode.OK, (await client.GetAsync("/api/v1/inbox/unread-count")).StatusCode);
    }

    [Fact]
    public async Task Menu_lists_keep_a_constant_number_of_statements_however_many_rows()
    {
        var client = await app.ClientFor("street.fushan");
        async Task<int> Count(string url)
        {
            app.Sql.Reset();
            (await client.GetAsync(url)).EnsureSuccessStatusCode();
            return app.Sql.Count;
        }
        Assert.Equal(await Count("/api/v1/needs?pageSize=1"), await Count("/api/v1/needs?pageSize=200"));
        Assert.Equal(await Count("/api/v1/offers?pageSize=1"), await Count("/api/v1/offers?pageSize=200"));
        Assert.Equal(await Count("/api/v1/orders?pageSize=1"), await Count("/api/v1/orders?pageSize=200"));
        Assert.InRange(await Count("/api/v1/needs?pageSize=200&group=D&q=" + Uri.EscapeDataString("养老")), 1, 4);
    }
}
