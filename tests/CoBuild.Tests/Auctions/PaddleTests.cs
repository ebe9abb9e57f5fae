using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Auctions;

namespace CoBuild.Tests.Auctions;

/// <summary>Raising paddles: serialized per lot, one per unit, only registered units, only while the lot is open.</summary>
[Collection(AppCollection.Name)]
public sealed class PaddleTests(AppFixture app)
{
    [Fact]
    public async Task A_street_admin_creates_an_auction_with_its_units_registered_and_others_may_not()
    {
        var ceremony = await Ceremony.StartAsync(app);
        Assert.Equal("府山街道", ceremony.Auction.Street);
        Assert.Equal(86, ceremony.Auction.Bidders);
        Assert.Equal(AuctionStatus.Scheduled, ceremony.Auction.Status);
        var bidders = (await (await app.ClientFor(null)).Get<List<BidderItem>>(ceremony.Url("/bidders")))!;
        Assert.Equal(Enumerable.Range(1, 86), bidders.Select(b => b.PaddleNo));

        var body = new CreateAuction("另一场", DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).PostAsJsonAsync("/api/v1/auctions", body)).StatusCode);
        foreach (var user in new[] { "community.jishan", "unit.fushan.01", "member.demo", "resident.demo", "dept.housing" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(user)).PostAsJsonAsync("/api/v1/auctions", body)).StatusCode);
        var dongpu = await Demo.Node(ceremony.Street, CoBuild.Web.Features.Organizations.OrgLevel.Street, "东浦街道");
        Assert.Equal(HttpStatusCode.Forbidden, (await ceremony.Street.PostAsJsonAsync("/api/v1/auctions", body with { StreetId = dongpu.Id })).StatusCode);

        // A Beijing time, as the back-office form sends it: the same instant comes back (PostgreSQL refused the offset with a 500).
        var beijing = new DateTimeOffset(2027, 3, 20, 9, 0, 0, TimeSpan.FromHours(8));
        var local = await ceremony.Street.PostAsJsonAsync("/api/v1/auctions", new CreateAuction("北京时间举办", beijing));
        Assert.Equal(HttpStatusCode.Created, local.StatusCode);
        Assert.Equal(beijing, (await local.Read<AuctionState>()).StartsAt);

        var empty = await ceremony.Street.PostAsJsonAsync("/api/v1/auctions", new CreateAuction(" ", DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.True((await empty.Problem()).GetProperty("errors").TryGetProperty("title", out _));
        var noDate = await ceremony.Street.PostAsJsonAsync("/api/v1/auctions", new CreateAuction("无日期", null));
        Assert.True((await noDate.Problem()).GetProperty("errors").TryGetProperty("startsAt", out _));
        var badLot = await ceremony.Street.PostAsJsonAsync(ceremony.Url("/lots"), new CreateLot("拍品", null, 0));
        Assert.True((await badLot.Problem()).GetProperty("errors").TryGetProperty("capacity", out _));
        var pledges = await Ceremony.StartAsync(app, mode: LotMode.Pledge);
        var pledgeNoStep = await pledges.Street.PostAsJsonAsync(pledges.Url("/lots"), new CreateLot("拍品", null, 2));
        Assert.True((await pledgeNoStep.Problem()).GetProperty("errors").TryGetProperty("increment", out _));
    }

    [Fact]
    public async Task One_hundred_sixty_simultaneous_raises_from_forty_units_leave_exactly_forty_paddles()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 3);
        var units = await ceremony.Units(1, 40);
        var responses = await Task.WhenAll(Enumerable.Range(0, 160).Select(i => ceremony.Raise(units[i % 40], lot.Id)));
        Assert.Equal(40, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(120, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var after = await ceremony.Lot(lot.Id);
        Assert.Equal(40, after.PaddleCount);
        Assert.Equal(40, after.Raises);
        Assert.Equal(Enumerable.Range(1, 40), after.Paddles!.Select(p => p.FirstSeq).Order());
        Assert.Equal(40, after.Paddles!.Select(p => p.UnitId).Distinct().Count());
    }

    [Fact]
    public async Task Only_registered_units_raise_and_only_on_an_open_lot()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 1);
        foreach (var user in new[] { "street.fushan", "community.jishan", "member.demo", "resident.demo", "district.admin" })
        {
            var response = await ceremony.Raise(await app.ClientFor(user), lot.Id);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await ceremony.Raise(await app.ClientFor("dept.housing"), lot.Id)).StatusCode); // a department, not registered
        Assert.Equal(HttpStatusCode.Unauthorized, (await ceremony.Raise(await app.ClientFor(null), lot.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ceremony.Raise(await app.ClientFor("unit.fushan.01"), 999_999)).StatusCode);

        var pending = await ceremony.LotAsync(capacity: 1, open: false);
        var early = await ceremony.Raise(await app.ClientFor("unit.fushan.01"), pending.Id);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("待拍", (await early.Problem()).GetProperty("detail").GetString());

        var unit = await app.ClientFor("unit.fushan.02");
        Assert.Equal(HttpStatusCode.Created, (await ceremony.Raise(unit, lot.Id)).StatusCode);
        var again = await ceremony.Raise(unit, lot.Id);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("已经举过牌", (await again.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await ceremony.Raise(await app.ClientFor("unit.fushan.03"), lot.Id, new PledgeInput(100, null))).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ceremony.Hammer(lot.Id)).StatusCode);
        var late = await ceremony.Raise(await app.ClientFor("unit.fushan.03"), lot.Id);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("已落槌", (await late.Problem()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_raise_after_the_server_countdown_ends_is_refused()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 2);
        var started = await ceremony.Street.PostAsJsonAsync(ceremony.Url($"/lots/{lot.Id}/countdown"), new StartCountdown(3));
        var state = await started.Read<AuctionState>();
        var ends = state.Lots.Single(l => l.Id == lot.Id).CountdownEndsAt!.Value;
        Assert.InRange((ends - state.ServerNow).TotalSeconds, 2.0, 3.1); // the state is read after the start: under load it lags
        Assert.Equal(HttpStatusCode.Created, (await ceremony.Raise(await app.ClientFor("unit.fushan.04"), lot.Id)).StatusCode);
        using var later = app.Clock.Advance(ends - state.ServerNow + TimeSpan.FromMilliseconds(300)); // no real waiting
        var late = await ceremony.Raise(await app.ClientFor("unit.fushan.05"), lot.Id);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("倒计时已结束", (await late.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await ceremony.Street.PostAsJsonAsync(ceremony.Url($"/lots/{lot.Id}/countdown"), new StartCountdown(1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.PostAsync(ceremony.Url($"/lots/{lot.Id}/countdown/stop"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ceremony.Raise(await app.ClientFor("unit.fushan.05"), lot.Id)).StatusCode);
    }

    [Fact]
    public async Task Pledges_must_beat_the_best_by_the_increment_and_the_best_within_capacity_win()
    {
        var ceremony = await Ceremony.StartAsync(app, mode: LotMode.Pledge);
        var lot = await ceremony.LotAsync(capacity: 2, increment: 1000);
        var units = await ceremony.Units(10, 4);
        Assert.Equal(HttpStatusCode.BadRequest, (await ceremony.Raise(units[0], lot.Id)).StatusCode);
        var low = await ceremony.Raise(units[0], lot.Id, new PledgeInput(500, null));
        Assert.Equal(HttpStatusCode.Conflict, low.StatusCode);
        Assert.Contains("不少于 1000", (await low.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, (await ceremony.Raise(units[0], lot.Id, new PledgeInput(1000, "资金"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ceremony.Raise(units[1], lot.Id, new PledgeInput(3000, "资金"))).StatusCode);
        var tooClose = await ceremony.Raise(units[2], lot.Id, new PledgeInput(3500, null));
        Assert.Contains("不少于 4000", (await tooClose.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Created, (await ceremony.Raise(units[2], lot.Id, new PledgeInput(4000, "志愿服务折算"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await ceremony.Raise(units[0], lot.Id, new PledgeInput(5000.5m, null))).StatusCode); // raises its own pledge
        var hammer = await (await ceremony.Hammer(lot.Id)).Read<HammerResult>();
        Assert.Equal([5000.5m, 4000m], hammer.Awards.Select(a => a.Pledge!.Value));
        Assert.Equal("承诺 5000.5 元，排名第 1", hammer.Awards[0].Reason);
    }
}
