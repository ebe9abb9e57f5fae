using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Auctions;

namespace CoBuild.Tests.Auctions;

/// <summary>
/// An auction states intent by default (举牌表达共建意向, as 府山 held it); a street may choose pledges instead. Every
/// lot follows its auction's mode.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class AuctionModeTests(AppFixture app)
{
    [Fact]
    public async Task An_auction_states_intent_unless_the_street_chooses_pledges_and_its_lots_follow()
    {
        var intent = await Ceremony.StartAsync(app);
        Assert.Equal((LotMode.Intent, "举牌表达共建意向"), (intent.Auction.Mode, intent.Auction.ModeName));
        var plain = await intent.Street.PostAsJsonAsync(intent.Url("/lots"), new { title = "助老服务", capacity = 2 }); // no mode named
        Assert.Equal(LotMode.Intent, (await plain.Read<LotState>()).Mode);
        var wrong = await intent.Street.PostAsJsonAsync(intent.Url("/lots"), new CreateLot("助老服务", null, 2, LotMode.Pledge, Increment: 100), Json.Options);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("举牌表达共建意向", (await wrong.Problem()).GetProperty("errors").GetProperty("mode")[0].GetString());

        var pledges = await Ceremony.StartAsync(app, mode: LotMode.Pledge);
        Assert.Equal(LotMode.Pledge, pledges.Auction.Mode);
        var lot = await pledges.LotAsync(capacity: 1, increment: 500, open: false);
        Assert.Equal(LotMode.Pledge, lot.Mode);
        var asIntent = await pledges.Street.PutAsJsonAsync(pledges.Url($"/lots/{lot.Id}"), new CreateLot("改成意向", null, 1, LotMode.Intent), Json.Options);
        Assert.True((await asIntent.Problem()).GetProperty("errors").TryGetProperty("mode", out _));
        Assert.Equal(LotMode.Pledge, (await pledges.Lot(lot.Id)).Mode);
        Assert.Contains((await pledges.Street.Get<List<AuctionItem>>("/api/v1/auctions"))!, a => a.Id == pledges.Auction.Id && a.Mode == LotMode.Pledge);

        var street = await app.ClientFor("street.fushan");
        var bad = await street.PostAsync("/api/v1/auctions", JsonContent.Create(new { title = "方式不明", startsAt = DateTimeOffset.UtcNow, mode = 7 }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Problem()).GetProperty("errors").TryGetProperty("mode", out _));
    }

    [Fact]
    public async Task The_demo_ceremony_of_fushan_states_intent_on_every_lot_and_nobody_pledged()
    {
        var reader = await app.ClientFor(null);
        var demo = (await reader.Get<List<AuctionItem>>("/api/v1/auctions"))!.Single(a => a.Title == CoBuild.Web.Features.Demo.DemoAuction.Title);
        Assert.Equal(LotMode.Intent, demo.Mode);
        var state = (await reader.Get<AuctionState>($"/api/v1/auctions/{demo.Id}"))!;
        Assert.Equal(17, state.Lots.Count);
        Assert.All(state.Lots, l => Assert.Equal((LotMode.Intent, "举牌表达共建意向"), (l.Mode, l.ModeName)));
        Assert.All(state.Lots, l => Assert.Null(l.BestPledge));
        Assert.All(state.Lots.SelectMany(l => l.Awards), a => Assert.Null(a.Pledge));
        Assert.All(state.Lots, l => Assert.Equal(LotStatus.Hammered, l.Status));

        var page = await (await reader.GetAsync($"/auctions/{demo.Id}")).Content.ReadAsStringAsync();
        Assert.Contains("举牌表达共建意向", page);
        Assert.Contains("共建权已获得", page);
        Assert.DoesNotContain("承诺竞拍", page);
    }
}
