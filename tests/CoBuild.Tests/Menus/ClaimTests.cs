using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;

namespace CoBuild.Tests.Menus;

/// <summary>Claims on needs: who may claim, the one-claim and capacity rules under parallel load, and the claim's life.</summary>
[Collection(AppCollection.Name)]
public sealed class ClaimTests(AppFixture app)
{
    private async Task<NeedItem> NewNeed(int capacity, string title = "测试需求")
    {
        var cadre = await app.ClientFor("community.jishan");
        var response = await cadre.PostAsJsonAsync("/api/v1/needs", new CreateNeed($"{title}{Guid.NewGuid():N}"[..20], "楼道扶手安装", "D04", capacity));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Read<NeedItem>();
    }

    [Fact]
    public async Task Who_may_claim_what()
    {
        var need = await NewNeed(2);
        var url = $"/api/v1/needs/{need.Id}/claims";
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).PostAsJsonAsync(url, new ClaimRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("community.jishan")).PostAsJsonAsync(url, new ClaimRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("member.demo")).PostAsJsonAsync(url, new ClaimRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("unit.drainage")).PostAsJsonAsync("/api/v1/needs/999999/claims", new ClaimRequest(null))).StatusCode);
        // A department serves every street; a unit of another street does not.
        Assert.Equal(HttpStatusCode.Created, (await (await app.ClientFor("dept.housing")).PostAsJsonAsync(url, new ClaimRequest("区住建局参与"))).StatusCode);
        var drainage = await app.ClientFor("unit.drainage");
        Assert.Equal(HttpStatusCode.Created, (await drainage.PostAsJsonAsync(url, new ClaimRequest(null))).StatusCode);
        var again = await drainage.PostAsJsonAsync(url, new ClaimRequest(null));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("认满", (await again.Problem()).GetProperty("detail").GetString());
        var spare = await NewNeed(1);
        var badNote = await (await app.ClientFor("unit.fushan.30")).PostAsJsonAsync($"/api/v1/needs/{spare.Id}/claims", new ClaimRequest(new string('长', 501)));
        Assert.Equal(HttpStatusCode.BadRequest, badNote.StatusCode);
    }

    [Fact]
    public async Task A_claim_runs_its_life_and_each_step_lands_in_the_other_sides_inbox()
    {
        var need = await NewNeed(1, "生命周期");
        var unit = await app.ClientFor("unit.fushan.40");
        var cadre = await app.ClientFor("community.jishan");
        var before = (await cadre.Get<UnreadCount>("/api/v1/inbox/unread-count"))!.Unread;
        var claim = await (await unit.PostAsJsonAsync($"/api/v1/needs/{need.Id}/claims", new ClaimRequest("周末可派 5 人"))).Read<OrderItem>();
        Assert.Equal(OrderStatus.Requested, claim.Status);
        Assert.Equal(before + 1, (await cadre.Get<UnreadCount>("/api/v1/inbox/unread-count"))!.Unread);
        var inbox = (await cadre.Get<List<InboxMessage>>("/api/v1/inbox?unread=true"))!;
        Assert.Contains(inbox, n => n.Title.Contains(need.Title) && n.Link == $"/admin/orders/{claim.Id}"); // staff open it in the back office

        // The unit cannot answer its own claim; the community cannot deliver for the unit; a stranger sees nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await unit.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/accept", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("unit.fushan.41")).GetAsync($"/api/v1/orders/{claim.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("street.dongpu")).PostAsJsonAsync($"/api/v1/orders/{claim.Id}/accept", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/approve", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/decline,schedule", new StepRequest(null, null))).StatusCode);

        var unitUnread = (await unit.Get<UnreadCount>("/api/v1/inbox/unread-count"))!.Unread;
        Assert.Equal(HttpStatusCode.OK, (await cadre.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/accept", new StepRequest("欢迎", null))).StatusCode);
        Assert.Equal(unitUnread + 1, (await unit.Get<UnreadCount>("/api/v1/inbox/unread-count"))!.Unread);
        Assert.Equal(HttpStatusCode.Conflict, (await cadre.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/confirm", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await unit.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/schedule", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unit.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/schedule", new StepRequest(null, new DateOnly(2026, 12, 5)))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/deliver", new StepRequest(null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await unit.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/deliver", new StepRequest("已安装 12 处扶手", null))).StatusCode);
        var done = await (await cadre.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/confirm", new StepRequest("居民满意", null))).Read<OrderItem>();
        Assert.Equal(OrderStatus.Confirmed, done.Status);
        Assert.Equal([OrderStatus.Requested, OrderStatus.Accepted, OrderStatus.Scheduled, OrderStatus.Delivered, OrderStatus.Confirmed], done.Events.Select(e => e.Status));
        // Who took each step, by name and organization (the login names stay in the stored events).
        var unitName = done.Events[0].Actor;
        Assert.EndsWith(" 代表", unitName);
        Assert.Equal([unitName, "蕺山社区 全科社工", unitName, unitName, "蕺山社区 全科社工"], done.Events.Select(e => e.Actor));
        Assert.Equal(new DateOnly(2026, 12, 5), done.ScheduledOn);

        // Reading one message lowers the count by one.
        var unread = (await cadre.Get<List<InboxMessage>>("/api/v1/inbox?unread=true"))!;
        var count = (await cadre.Get<UnreadCount>("/api/v1/inbox/unread-count"))!.Unread;
        Assert.Equal(HttpStatusCode.NoContent, (await cadre.PostAsync($"/api/v1/inbox/{unread[0].Id}/read", null)).StatusCode);
        Assert.Equal(count - 1, (await cadre.Get<UnreadCount>("/api/v1/inbox/unread-count"))!.Unread);
        Assert.Equal(HttpStatusCode.NotFound, (await unit.PostAsync($"/api/v1/inbox/{unread[1].Id}/read", null)).StatusCode);
    }

    [Fact]
    public async Task A_declined_claim_frees_its_place_for_another_unit()
    {
        var need = await NewNeed(1, "婉拒");
        var first = await app.ClientFor("unit.fushan.50");
        var claim = await (await first.PostAsJsonAsync($"/api/v1/needs/{need.Id}/claims", new ClaimRequest(null))).Read<OrderItem>();
        var second = await app.ClientFor("unit.fushan.51");
        Assert.Equal(HttpStatusCode.Conflict, (await second.PostAsJsonAsync($"/api/v1/needs/{need.Id}/claims", new ClaimRequest(null))).StatusCode);
        var cadre = await app.ClientFor("community.jishan");
        Assert.Equal(HttpStatusCode.OK, (await cadre.PostAsJsonAsync($"/api/v1/orders/{claim.Id}/decline", new StepRequest("已有单位在做", null))).StatusCode);
        Assert.Equal(0, (await cadre.Get<NeedItem>($"/api/v1/needs/{need.Id}"))!.Claimed);
        Assert.Equal(HttpStatusCode.Created, (await second.PostAsJsonAsync($"/api/v1/needs/{need.Id}/claims", new ClaimRequest(null))).StatusCode);
        // The declined unit does not claim the same need twice.
        Assert.Equal(HttpStatusCode.Conflict, (await first.PostAsJsonAsync($"/api/v1/needs/{need.Id}/claims", new ClaimRequest(null))).StatusCode);
    }

    [Theory]
    [InlineData(0, "capacity")]
    [InlineData(51, "capacity")]
    public async Task A_need_with_a_capacity_out_of_range_is_refused_with_the_field(int capacity, string field)
    {
        var cadre = await app.ClientFor("community.jishan");
        var response = await cadre.PostAsJsonAsync("/api/v1/needs", new CreateNeed("容量错误", null, null, capacity));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty(field, out _));
        var jishan = await Demo.Node(cadre, CoBuild.Web.Features.Organizations.OrgLevel.Community, "蕺山社区");
        var other = await (await app.ClientFor("street.dongpu")).PostAsJsonAsync("/api/v1/needs", new CreateNeed("越权发布", null, null, 1, jishan.Id));
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var unit = await (await app.ClientFor("unit.drainage")).PostAsJsonAsync("/api/v1/needs", new CreateNeed("单位不能发布需求", null, null, 1));
        Assert.Equal(HttpStatusCode.Forbidden, unit.StatusCode);
    }
}
