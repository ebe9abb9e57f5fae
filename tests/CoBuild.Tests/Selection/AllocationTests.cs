using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Selection;

/// <summary>
/// A need's places are given once: by a round's confirmation, a direct claim or an auction's hammer, together never
/// more than its capacity (issue 12: 蕺山社区雨污分流改造, 2 places, ended with 2 claims and 2 awards).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AllocationTests(AppFixture app)
{
    private sealed record Unit(HttpClient Client, int Id);

    private async Task<Unit> UnitOf(int n)
    {
        var client = await app.ClientFor($"unit.fushan.{n:00}");
        return new Unit(client, (await client.Get<MeResponse>("/api/v1/me"))!.UnitId!.Value);
    }

    private async Task<int> NewNeed(string title, int capacity)
    {
        var cadre = await app.ClientFor("community.jishan");
        var response = await cadre.PostAsJsonAsync("/api/v1/needs", new CreateNeed(title + Guid.NewGuid().ToString("N")[..6], null, "C03", capacity));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Read<NeedItem>()).Id;
    }

    /// <summary>What the database holds for a need: live claims, live awards, and the counter the guard updates.</summary>
    private async Task<(int Claims, int Awards, int Claimed, int Capacity)> Allocation(int needId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var claims = await db.Orders.CountAsync(o => o.NeedId == needId && o.Status != OrderStatus.Declined && o.Status != OrderStatus.Cancelled);
        var awards = await db.Awards.CountAsync(a => a.RevokedAt == null && db.Lots.Any(l => l.Id == a.LotId && l.NeedId == needId));
        var need = await db.Needs.AsNoTracking().SingleAsync(n => n.Id == needId);
        return (claims, awards, need.Claimed, need.Capacity);
    }

    /// <summary>A closed round where three units want a 2-place need the community left to the tie rule (contested), and a fourth an uncontested one.</summary>
    private async Task<(RoundItem Round, int Contested, int Plain, Unit[] Units)> ClosedRoundAsync(HttpClient street, int first)
    {
        var units = new[] { await UnitOf(first), await UnitOf(first + 1), await UnitOf(first + 2), await UnitOf(first + 3) };
        var contested = await NewNeed("蕺山社区雨污分流改造", 2);
        var plain = await NewNeed("楼道扶手", 1);
        var created = await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "雨污分流双向选择", [contested, plain], units.Select(u => u.Id).ToList(), MaxRanks: 1));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var round = await created.Read<RoundItem>();
        foreach (var u in units[..3])
            Assert.Equal(HttpStatusCode.OK, (await u.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([contested]))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await units[3].Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([plain]))).StatusCode);
        var result = await (await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/close", null)).Read<RoundResultItem>();
        Assert.Equal([contested], result.Contested.Select(n => n.NeedId));
        return (round, contested, plain, units);
    }

    private static async Task<AuctionState> AuctionFromRound(HttpClient street, int roundId)
    {
        var created = await street.PostAsJsonAsync("/api/v1/auctions", new CreateAuction("争议需求拍卖会", DateTimeOffset.UtcNow, SelectionRoundId: roundId));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.Read<AuctionState>();
    }

    private static async Task<HttpResponseMessage> OpenRaiseHammer(HttpClient street, AuctionState auction, LotState lot, IEnumerable<Unit> bidders)
    {
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/open", null)).StatusCode);
        foreach (var u in bidders)
            Assert.Equal(HttpStatusCode.Created, (await u.Client.PostAsJsonAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/paddles", new RaisePaddle(null))).StatusCode);
        return await street.PostAsJsonAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/hammer", new HammerRequest(null, null));
    }

    [Fact]
    public async Task Confirming_takes_the_uncontested_pairs_and_the_contested_need_goes_to_the_auction_with_all_its_places()
    {
        var street = await app.ClientFor("street.fushan");
        var (round, contested, plain, units) = await ClosedRoundAsync(street, 75);

        var confirm = await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/confirm", null);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var confirmed = await confirm.Read<ConfirmResult>();
        Assert.Equal(1, confirmed.OrdersCreated); // the plain need's pair only
        Assert.Equal(2, confirmed.LeftForAuction.Count);
        Assert.Equal((0, 0, 0, 2), await Allocation(contested));
        Assert.Equal((1, 0, 1, 1), await Allocation(plain));

        var auction = await AuctionFromRound(street, round.Id);
        var lot = Assert.Single(auction.Lots);
        Assert.Equal((contested, 2), (lot.NeedId, lot.Capacity));
        var hammer = await OpenRaiseHammer(street, auction, lot, units[..3]);
        Assert.Equal(HttpStatusCode.OK, hammer.StatusCode);
        Assert.Equal(2, (await hammer.Read<HammerResult>()).Awards.Count);
        Assert.Equal((0, 2, 2, 2), await Allocation(contested));
        Assert.Equal(HttpStatusCode.Conflict, (await (await UnitOf(79)).Client.PostAsJsonAsync($"/api/v1/needs/{contested}/claims", new ClaimRequest("还想认领"))).StatusCode);
    }

    [Fact]
    public async Task Jishan_two_places_a_kept_contested_pair_and_the_auction_together_never_give_more_than_two()
    {
        var street = await app.ClientFor("street.fushan");
        var (round, contested, _, units) = await ClosedRoundAsync(street, 65);
        var result = (await street.Get<RoundResultItem>($"/api/v1/selection-rounds/{round.Id}/result"))!;
        var matched = result.Outcomes.Where(o => o.NeedId == contested && o.Reason == CoBuild.Matching.MissReason.Matched).Select(o => o.UnitId).ToList();
        Assert.Equal(2, matched.Count);

        // The street keeps one of the two contested pairs; the other place goes to the auction.
        var confirmed = await (await street.PostAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/confirm",
            new ConfirmRound([new RoundPair(contested, matched[0])]))).Read<ConfirmResult>();
        Assert.Equal(2, confirmed.OrdersCreated);
        Assert.Single(confirmed.LeftForAuction);
        Assert.Equal((1, 0, 1, 2), await Allocation(contested));

        // Two auctions made from the round while one place is free: each lot carries that one place, only one hammer gets it.
        var first = await AuctionFromRound(street, round.Id);
        var second = await AuctionFromRound(street, round.Id);
        Assert.Equal(1, Assert.Single(first.Lots).Capacity);
        Assert.Equal(1, Assert.Single(second.Lots).Capacity);
        var hammer = await OpenRaiseHammer(street, first, first.Lots[0], units[..3]);
        Assert.Equal(HttpStatusCode.OK, hammer.StatusCode);
        Assert.Single((await hammer.Read<HammerResult>()).Awards);
        Assert.Equal((1, 1, 2, 2), await Allocation(contested));
        var late = await OpenRaiseHammer(street, second, second.Lots[0], units[1..3]);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal((1, 1, 2, 2), await Allocation(contested));

        // A need with no place left cannot become a lot, from the round or by hand.
        Assert.Empty((await AuctionFromRound(street, round.Id)).Lots);
        var byHand = await street.PostAsJsonAsync($"/api/v1/auctions/{second.Id}/lots", new CreateLot("手工拍品", null, 1, NeedId: contested));
        Assert.Equal(HttpStatusCode.Conflict, byHand.StatusCode);
        Assert.Contains("名额", (await byHand.Problem()).GetProperty("detail").GetString());

        // Undoing the hammer gives its place back; a lot by hand may then take it, but not more.
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsJsonAsync($"/api/v1/auctions/{first.Id}/lots/{first.Lots[0].Id}/undo", new ReasonRequest("录入有误"))).StatusCode);
        Assert.Equal((1, 0, 1, 2), await Allocation(contested));
        var tooMany = await street.PostAsJsonAsync($"/api/v1/auctions/{second.Id}/lots", new CreateLot("手工拍品", null, 2, NeedId: contested));
        Assert.True((await tooMany.Problem()).GetProperty("errors").TryGetProperty("capacity", out _));
    }

    [Fact]
    public async Task Keeping_a_pair_that_is_not_a_contested_match_of_the_round_is_refused_naming_the_field_and_writes_nothing()
    {
        var street = await app.ClientFor("street.fushan");
        var (round, contested, plain, units) = await ClosedRoundAsync(street, 55);
        var result = (await street.Get<RoundResultItem>($"/api/v1/selection-rounds/{round.Id}/result"))!;
        var missed = result.Outcomes.Single(o => o.NeedId == contested && o.Reason != CoBuild.Matching.MissReason.Matched).UnitId;
        var kept = result.Outcomes.First(o => o.NeedId == contested && o.Reason == CoBuild.Matching.MissReason.Matched).UnitId;
        foreach (var body in new[]
        {
            new ConfirmRound([new RoundPair(plain, units[3].Id)]), // matched, but the need is not contested
            new ConfirmRound([new RoundPair(contested, missed)]), // contested need, but this unit was not matched
            new ConfirmRound([new RoundPair(999999, units[0].Id)]),
            new ConfirmRound([new RoundPair(contested, kept), new RoundPair(contested, kept)]),
        })
        {
            var refused = await street.PostAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/confirm", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Problem()).GetProperty("errors").TryGetProperty("keepContested", out _));
        }
        var refusedNull = await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/confirm", JsonContent.Create(new { keepContested = new object?[] { null } }));
        Assert.Equal(HttpStatusCode.BadRequest, refusedNull.StatusCode);
        Assert.Equal((0, 0, 0, 2), await Allocation(contested));
        Assert.Equal(RoundStatus.Closed, (await street.Get<RoundItem>($"/api/v1/selection-rounds/{round.Id}"))!.Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.dongpu")).PostAsync($"/api/v1/selection-rounds/{round.Id}/confirm", null)).StatusCode);
        var confirmed = await (await street.PostAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/confirm", new ConfirmRound([new RoundPair(contested, kept)]))).Read<ConfirmResult>();
        Assert.Equal(2, confirmed.OrdersCreated);
        Assert.Equal((1, 0, 1, 2), await Allocation(contested));
    }

    [Fact]
    public async Task Parallel_claims_and_a_hammer_on_one_need_never_give_more_places_than_it_has()
    {
        var street = await app.ClientFor("street.fushan");
        var need = await NewNeed("并发认领与落槌", 3);
        var created = await street.PostAsJsonAsync("/api/v1/auctions", new CreateAuction("并发拍卖会", DateTimeOffset.UtcNow));
        var auction = await created.Read<AuctionState>();
        var lotResponse = await street.PostAsJsonAsync($"/api/v1/auctions/{auction.Id}/lots", new CreateLot("并发拍品", null, 3, NeedId: need));
        Assert.Equal(HttpStatusCode.Created, lotResponse.StatusCode);
        var lot = await lotResponse.Read<LotState>();
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/open", null)).StatusCode);
        foreach (var n in new[] { 44, 45, 46 })
            Assert.Equal(HttpStatusCode.Created, (await (await UnitOf(n)).Client.PostAsJsonAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/paddles", new RaisePaddle(null))).StatusCode);
        var claimants = new List<Unit>();
        foreach (var n in new[] { 47, 48, 49, 50 }) claimants.Add(await UnitOf(n));

        var claims = claimants.Select(u => u.Client.PostAsJsonAsync($"/api/v1/needs/{need}/claims", new ClaimRequest("同时认领"))).ToList();
        var hammer = street.PostAsJsonAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/hammer", new HammerRequest(null, null));
        var responses = await Task.WhenAll([.. claims, hammer]);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));

        var (liveClaims, awards, claimed, capacity) = await Allocation(need);
        Assert.Equal(responses[..4].Count(r => r.StatusCode == HttpStatusCode.Created), liveClaims);
        Assert.True(liveClaims + awards <= capacity, $"{liveClaims} claims + {awards} awards > {capacity}");
        Assert.Equal(liveClaims + awards, claimed);
        Assert.Equal(capacity, claimed); // seven asked for three places: all three were given, no more
        if (responses[4].StatusCode == HttpStatusCode.OK) Assert.Equal(awards, (await responses[4].Read<HammerResult>()).Awards.Count);
    }

    [Fact]
    public async Task The_AllocationGuard_migration_that_counts_existing_awards_is_applied()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Contains(await db.Database.GetAppliedMigrationsAsync(), m => m.EndsWith("_AllocationGuard", StringComparison.Ordinal));
    }
}
