using System.Net;
using System.Net.Http.Json;
using CoBuild.Matching;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Selection;

namespace CoBuild.Tests.Menus;

/// <summary>A two-way selection round from opening to confirmed orders, and the inputs it refuses.</summary>
[Collection(AppCollection.Name)]
public sealed class SelectionRoundTests(AppFixture app)
{
    private async Task<(HttpClient Client, int UnitId)> Unit(int n)
    {
        var client = await app.ClientFor($"unit.fushan.{n:00}");
        return (client, (await client.Get<MeResponse>("/api/v1/me"))!.UnitId!.Value);
    }

    private async Task<int> NewNeed(string title, int capacity)
    {
        var cadre = await app.ClientFor("community.jishan");
        return (await (await cadre.PostAsJsonAsync("/api/v1/needs", new CreateNeed(title + Guid.NewGuid().ToString("N")[..6], null, "D04", capacity))).Read<NeedItem>()).Id;
    }

    [Fact]
    public async Task A_round_matches_stably_explains_each_miss_flags_contested_needs_and_confirms_into_orders()
    {
        var street = await app.ClientFor("street.fushan");
        var cadre = await app.ClientFor("community.jishan");
        var (a, b, c) = (await Unit(61), await Unit(62), await Unit(63));
        var meals = await NewNeed("助餐", 1);
        var rails = await NewNeed("扶手", 1);
        var tutoring = await NewNeed("辅导", 2);
        var created = await street.PostAsJsonAsync("/api/v1/selection-rounds",
            new CreateRound(null, "2026 年冬季双向选择", [meals, rails, tutoring], [a.UnitId, b.UnitId, c.UnitId], MaxRanks: 2));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var round = await created.Read<RoundItem>();
        Assert.Equal(RoundStatus.Open, round.Status);
        Assert.Equal([1, 1, 2], round.Needs.Select(n => n.Capacity));

        // Everyone wants meals first; the community ranks c, then a, then b for meals and leaves the rest to the tie rule.
        Assert.Equal(HttpStatusCode.OK, (await a.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([meals, rails]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([meals, tutoring]))).StatusCode);
        var mine = await (await c.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([meals]))).Read<RoundItem>();
        Assert.Equal([meals], mine.MyRanking);
        Assert.Equal(HttpStatusCode.NoContent, (await cadre.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/needs/{meals}/rankings", new RankUnits([c.UnitId, a.UnitId, b.UnitId]))).StatusCode);

        // Refused inputs: too many, outside the round, duplicates, the wrong side.
        await ExpectField(a.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([meals, rails, tutoring])), "needIds");
        await ExpectField(a.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([meals, 999999])), "needIds");
        await ExpectField(a.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([meals, meals])), "needIds");
        await ExpectField(cadre.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/needs/{meals}/rankings", new RankUnits([a.UnitId, a.UnitId])), "unitIds");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("unit.fushan.64")).PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([meals]))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.dongpu")).PostAsync($"/api/v1/selection-rounds/{round.Id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PostAsync($"/api/v1/selection-rounds/{round.Id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.GetAsync($"/api/v1/selection-rounds/{round.Id}/result")).StatusCode);

        var closed = await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/close", null);
        Assert.True(closed.StatusCode == HttpStatusCode.OK, await closed.Content.ReadAsStringAsync());
        var result = await closed.Read<RoundResultItem>();
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/close", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await a.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([rails]))).StatusCode);

        MissReason Reason(int unit, int need) => result.Outcomes.Single(o => o.UnitId == unit && o.NeedId == need).Reason;
        Assert.Equal(MissReason.Matched, Reason(c.UnitId, meals));
        Assert.Equal(MissReason.FullWithPreferred, Reason(a.UnitId, meals));
        Assert.Equal(MissReason.Matched, Reason(a.UnitId, rails));
        Assert.Equal(MissReason.Matched, Reason(b.UnitId, tutoring));
        Assert.Equal(3, result.Pairs);
        Assert.Empty(result.UnmatchedNeeds);
        // meals: three candidates for one place and a first choice missed.
        Assert.Equal([meals], result.Contested.Select(n => n.NeedId));
        Assert.NotNull(result.Welfare);
        Assert.Equal(3, result.Welfare!.StablePairs);

        // A unit sees only its own lines.
        var own = (await b.Client.Get<RoundResultItem>($"/api/v1/selection-rounds/{round.Id}/result"))!;
        Assert.All(own.Outcomes, o => Assert.Equal(b.UnitId, o.UnitId));
        Assert.Null(own.Welfare);

        // meals is contested: its pair becomes a claim only because the street ticks it.
        var confirmed = await (await street.PostAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/confirm", new ConfirmRound([new RoundPair(meals, c.UnitId)]))).Read<ConfirmResult>();
        Assert.Equal(3, confirmed.OrdersCreated);
        Assert.Empty(confirmed.LeftForAuction);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/confirm", null)).StatusCode);
        var orders = (await c.Client.Get<MenuPage<OrderItem>>("/api/v1/orders?kind=Claim"))!.Items;
        var order = orders.Single(o => o.NeedId == meals);
        Assert.Equal(OrderStatus.Accepted, order.Status);
        Assert.Equal(round.Id, order.SelectionRoundId);
        Assert.Equal(1, (await cadre.Get<NeedItem>($"/api/v1/needs/{meals}"))!.Claimed);
    }

    [Fact]
    public async Task Opening_a_round_checks_its_needs_and_units()
    {
        var street = await app.ClientFor("street.fushan");
        var need = await NewNeed("开轮", 1);
        var dongpuNeed = (await (await app.ClientFor(null)).Get<MenuPage<NeedItem>>($"/api/v1/needs?street={(await Demo.Node(street, CoBuild.Web.Features.Organizations.OrgLevel.Street, "东浦街道")).Id}&pageSize=1"))!.Items[0];
        await ExpectField(street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "空", [], null)), "needIds");
        await ExpectField(street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "重复", [need, need], null)), "needIds");
        await ExpectField(street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "外街道", [need, dongpuNeed.Id], null)), "needIds");
        await ExpectField(street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "单位", [need], [999999])), "unitIds");
        await ExpectField(street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "零", [need], [0])), "unitIds");
        await ExpectField(street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "k", [need], null, MaxRanks: 0)), "maxRanks");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("community.jishan")).PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "社区不能开", [need], null))).StatusCode);
        var all = await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "全部单位", [need], null));
        Assert.Equal(HttpStatusCode.Created, all.StatusCode);
        var round = await all.Read<RoundItem>();
        Assert.True(round.Units >= 86, $"{round.Units} units: every unit of 府山 (86 in the demo, more after import tests)");
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("street.dongpu")).GetAsync($"/api/v1/selection-rounds/{round.Id}")).StatusCode);
    }

    [Fact]
    public async Task Confirming_keeps_the_units_the_community_preferred_when_direct_claims_took_places()
    {
        var street = await app.ClientFor("street.fushan");
        var cadre = await app.ClientFor("community.jishan");
        var (a, b, c) = (await Unit(71), await Unit(72), await Unit(73));
        var need = await NewNeed("两家共建", 2);
        var round = await (await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "名额被占", [need], [a.UnitId, b.UnitId]))).Read<RoundItem>();
        await a.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([need]));
        await b.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([need]));
        await cadre.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/needs/{need}/rankings", new RankUnits([b.UnitId, a.UnitId]));
        Assert.Equal(2, (await (await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/close", null)).Read<RoundResultItem>()).Pairs);
        Assert.Equal(HttpStatusCode.Created, (await c.Client.PostAsJsonAsync($"/api/v1/needs/{need}/claims", new ClaimRequest("直接认领"))).StatusCode);

        var confirmed = await (await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/confirm", null)).Read<ConfirmResult>();
        Assert.Equal(1, confirmed.OrdersCreated);
        Assert.Single(confirmed.Skipped);
        Assert.Contains("占满", confirmed.Skipped[0]);
        var result = (await street.Get<RoundResultItem>($"/api/v1/selection-rounds/{round.Id}/result"))!;
        Assert.NotNull(result.Outcomes.Single(o => o.UnitId == b.UnitId).OrderId);
        Assert.Null(result.Outcomes.Single(o => o.UnitId == a.UnitId).OrderId);
    }

    [Fact]
    public async Task A_community_lists_only_rounds_that_hold_its_needs_or_reads_none()
    {
        var street = await app.ClientFor("street.fushan");
        var cangqiao = await Demo.Node(street, CoBuild.Web.Features.Organizations.OrgLevel.Community, "仓桥社区");
        var other = (await (await street.PostAsJsonAsync("/api/v1/needs", new CreateNeed("仓桥的需求" + Guid.NewGuid().ToString("N")[..4], null, "D04", 1, cangqiao.Id))).Read<NeedItem>()).Id;
        var round = await (await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "只有仓桥", [other], null))).Read<RoundItem>();
        var cadre = await app.ClientFor("community.jishan");
        var list = await cadre.GetAsync("/api/v1/selection-rounds");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(await list.Read<List<RoundItem>>(), r => r.Id == round.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await cadre.GetAsync($"/api/v1/selection-rounds/{round.Id}")).StatusCode);
        Assert.Contains((await street.Get<List<RoundItem>>("/api/v1/selection-rounds"))!, r => r.Id == round.Id);
    }

    private static async Task ExpectField(Task<HttpResponseMessage> call, string field)
    {
        var response = await call;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty(field, out _), field);
    }
}
