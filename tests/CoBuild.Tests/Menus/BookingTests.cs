using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Menus;

/// <summary>Orders on resources: room slots with clash detection, and fund/hour amounts that cannot exceed what is left.</summary>
[Collection(AppCollection.Name)]
public sealed class BookingTests(AppFixture app)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private async Task<ResourceItem> FushanResource(ResourceKind kind, string titlePart)
    {
        var client = await app.ClientFor(null);
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var page = (await client.Get<MenuPage<ResourceItem>>($"/api/v1/resources?street={fushan.Id}&kind={kind}&pageSize=200"))!;
        return page.Items.First(r => r.Title.Contains(titlePart));
    }

    [Fact]
    public async Task A_clashing_room_slot_is_refused_with_the_clashing_slot_named_and_freed_when_declined()
    {
        var room = await FushanResource(ResourceKind.Venue, "议事协商室");
        var cadre = await app.ClientFor("community.jishan");
        var day = DateTimeOffset.UtcNow.ToOffset(Beijing).Date.AddDays(30 + Random.Shared.Next(300));
        var nine = new DateTimeOffset(day.AddHours(9), Beijing);
        var first = await cadre.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest("居民议事会", null, nine, nine.AddHours(2), null));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var booked = await first.Read<OrderItem>();

        var clash = await cadre.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, nine.AddHours(1), nine.AddHours(3), null));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var detail = (await clash.Problem()).GetProperty("detail").GetString()!;
        Assert.Contains($"{day:yyyy-MM-dd} 09:00 至 11:00", detail);

        var adjacent = await cadre.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, nine.AddHours(2), nine.AddHours(3), null));
        Assert.Equal(HttpStatusCode.Created, adjacent.StatusCode);

        var street = await app.ClientFor("street.fushan");
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsJsonAsync($"/api/v1/orders/{booked.Id}/decline", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsJsonAsync($"/api/v1/orders/{booked.Id}/decline", new StepRequest("当天有会", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await cadre.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, nine, nine.AddHours(1), null))).StatusCode);
    }

    [Fact]
    public async Task Parallel_bookings_of_one_slot_leave_exactly_one()
    {
        var room = await FushanResource(ResourceKind.Venue, "共享书吧");
        var cadre = await app.ClientFor("community.jishan");
        var day = DateTimeOffset.UtcNow.ToOffset(Beijing).Date.AddDays(400 + Random.Shared.Next(300));
        var start = new DateTimeOffset(day.AddHours(14), Beijing);
        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            cadre.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest($"并发{i}", null, start.AddMinutes(i % 3 * 10), start.AddHours(1), null))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(29, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_fund_order_cannot_exceed_what_is_left_even_in_parallel()
    {
        var fund = await FushanResource(ResourceKind.Fund, "慈善帮扶基金");
        var cadre = await app.ClientFor("community.jishan");
        var left = fund.Remaining!.Value;
        var over = await cadre.PostAsJsonAsync($"/api/v1/resources/{fund.Id}/orders", new OrderRequest(null, left + 1, null, null, null));
        Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
        Assert.Contains($"仅剩 {left} 元", (await over.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync($"/api/v1/resources/{fund.Id}/orders", new OrderRequest(null, 0, null, null, null))).StatusCode);

        var share = left / 4;
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            cadre.PostAsJsonAsync($"/api/v1/resources/{fund.Id}/orders", new OrderRequest("困难家庭帮扶", share, null, null, null))));
        Assert.Equal(4, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var after = (await cadre.Get<ResourceItem>($"/api/v1/resources/{fund.Id}"))!;
        Assert.Equal(left - 4 * share, after.Remaining);

        var order = await responses.First(r => r.StatusCode == HttpStatusCode.Created).Read<OrderItem>();
        Assert.Equal(HttpStatusCode.OK, (await cadre.PostAsJsonAsync($"/api/v1/orders/{order.Id}/cancel", new StepRequest("改用其他资金", null))).StatusCode);
        Assert.Equal(left - 3 * share, (await cadre.Get<ResourceItem>($"/api/v1/resources/{fund.Id}"))!.Remaining);
    }

    [Fact]
    public async Task Slot_rules_and_street_boundaries()
    {
        var room = await FushanResource(ResourceKind.Venue, "舞蹈排练厅");
        var cadre = await app.ClientFor("community.jishan");
        var start = DateTimeOffset.UtcNow.AddDays(900);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, start, start.AddHours(-1), null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, null, null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, null))).StatusCode);
        // 东浦 cannot order from 府山's menu; units do not order; an offer id is not a resource id.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.dongpu")).PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, start, start.AddHours(1), null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("unit.drainage")).PostAsJsonAsync($"/api/v1/resources/{room.Id}/orders", new OrderRequest(null, null, start, start.AddHours(1), null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.PostAsJsonAsync($"/api/v1/offers/{room.Id}/orders", new OrderRequest(null, null, start, start.AddHours(1), null))).StatusCode);
    }

    [Fact]
    public async Task A_community_orders_a_units_offer_and_the_unit_answers_it()
    {
        var client = await app.ClientFor(null);
        var offers = (await client.Get<MenuPage<ResourceItem>>("/api/v1/offers?q=" + Uri.EscapeDataString("管网检修") + "&pageSize=200"))!;
        var offer = offers.Items.First(o => o.Owner == "绍兴市城市排水有限公司");
        var cadre = await app.ClientFor("community.jishan");
        var response = await cadre.PostAsJsonAsync($"/api/v1/offers/{offer.Id}/orders", new OrderRequest("雨季前检修", 8, null, null, null));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Read<OrderItem>();
        Assert.Equal("绍兴市城市排水有限公司", order.Provider);
        var drainage = await app.ClientFor("unit.drainage");
        Assert.Contains((await drainage.Get<MenuPage<OrderItem>>("/api/v1/orders"))!.Items, o => o.Id == order.Id);
        Assert.Equal(HttpStatusCode.OK, (await drainage.PostAsJsonAsync($"/api/v1/orders/{order.Id}/accept", new StepRequest(null, null))).StatusCode);
        Assert.Equal(offer.Remaining - 8, (await client.Get<ResourceItem>($"/api/v1/offers/{offer.Id}"))!.Remaining);
    }

    [Fact]
    public async Task The_street_answers_and_delivers_a_community_order_but_only_the_community_confirms_and_hears_every_step()
    {
        var fund = await FushanResource(ResourceKind.Fund, "为民服务专项经费");
        var cadre = await app.ClientFor("community.jishan");
        var street = await app.ClientFor("street.fushan");
        var order = await (await cadre.PostAsJsonAsync($"/api/v1/resources/{fund.Id}/orders", new OrderRequest("楼道灯", 100, null, null, null))).Read<OrderItem>();
        async Task<int> Unread() => (await cadre.Get<CoBuild.Web.Features.Inbox.UnreadCount>("/api/v1/inbox/unread-count"))!.Unread;

        var before = await Unread();
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsJsonAsync($"/api/v1/orders/{order.Id}/accept", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsJsonAsync($"/api/v1/orders/{order.Id}/schedule", new StepRequest(null, new DateOnly(2027, 1, 8)))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsJsonAsync($"/api/v1/orders/{order.Id}/deliver", new StepRequest("已拨付", null))).StatusCode);
        Assert.Equal(before + 3, await Unread());
        var inbox = (await cadre.Get<List<CoBuild.Web.Features.Inbox.InboxMessage>>("/api/v1/inbox?unread=true"))!;
        Assert.Contains(inbox, n => n.Title == $"“{fund.Title}”已交付");

        // The street covers 蕺山 too, but it speaks for its own resource: it neither confirms nor withdraws the community's order.
        Assert.Equal(HttpStatusCode.Forbidden, (await street.PostAsJsonAsync($"/api/v1/orders/{order.Id}/confirm", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("district.admin")).PostAsJsonAsync($"/api/v1/orders/{order.Id}/confirm", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cadre.PostAsJsonAsync($"/api/v1/orders/{order.Id}/confirm", new StepRequest("已用于楼道灯", null))).StatusCode);
    }
}
