using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Auctions;

namespace CoBuild.Tests.Auctions;

/// <summary>A lot can be corrected or taken off the catalogue while it waits; once opened it stands.</summary>
[Collection(AppCollection.Name)]
public sealed class LotEditTests(AppFixture app)
{
    [Fact]
    public async Task A_pending_lot_can_be_edited_and_removed_an_opened_or_decided_one_cannot()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 1, open: false);
        var spare = await ceremony.LotAsync(capacity: 1, open: false);

        var edited = await ceremony.Street.PutAsJsonAsync(ceremony.Url($"/lots/{lot.Id}"),
            new CreateLot("社区食堂共建", "改为主持人选定", 2, TieRule: TieRule.ModeratorPick));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var after = await ceremony.Lot(lot.Id);
        Assert.Equal(("社区食堂共建", "改为主持人选定", 2, LotMode.Intent, TieRule.ModeratorPick, lot.Number),
            (after.Title, after.Description, after.Capacity, after.Mode, after.TieRule, after.Number));
        // The lot follows its auction: an intent ceremony has no pledge lots.
        var pledge = await ceremony.Street.PutAsJsonAsync(ceremony.Url($"/lots/{lot.Id}"), new CreateLot("社区食堂共建", null, 2, LotMode.Pledge, Increment: 10), Json.Options);
        Assert.True((await pledge.Problem()).GetProperty("errors").TryGetProperty("mode", out _));
        Assert.Equal(LotMode.Intent, (await ceremony.Lot(lot.Id)).Mode);
        var bad = await ceremony.Street.PutAsJsonAsync(ceremony.Url($"/lots/{lot.Id}"), new CreateLot("", null, 1));
        Assert.True((await bad.Problem()).GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal("社区食堂共建", (await ceremony.Lot(lot.Id)).Title);

        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.DeleteAsync(ceremony.Url($"/lots/{spare.Id}"))).StatusCode);
        Assert.DoesNotContain((await ceremony.Street.Get<AuctionState>(ceremony.Url()))!.Lots, l => l.Id == spare.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await ceremony.Street.DeleteAsync(ceremony.Url($"/lots/{spare.Id}"))).StatusCode);

        // Opened: the catalogue line stands.
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.PostAsync(ceremony.Url($"/lots/{lot.Id}/open"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ceremony.Street.PutAsJsonAsync(ceremony.Url($"/lots/{lot.Id}"), new CreateLot("再改", null, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ceremony.Street.DeleteAsync(ceremony.Url($"/lots/{lot.Id}"))).StatusCode);
        // Passed, and hammered.
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.PostAsJsonAsync(ceremony.Url($"/lots/{lot.Id}/pass"), new ReasonRequest("无人举牌"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ceremony.Street.PutAsJsonAsync(ceremony.Url($"/lots/{lot.Id}"), new CreateLot("再改", null, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ceremony.Street.DeleteAsync(ceremony.Url($"/lots/{lot.Id}"))).StatusCode);
        var hammered = await ceremony.LotAsync(capacity: 1);
        Assert.Equal(HttpStatusCode.Created, (await ceremony.Raise((await ceremony.Units(30, 1))[0], hammered.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Hammer(hammered.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ceremony.Street.PutAsJsonAsync(ceremony.Url($"/lots/{hammered.Id}"), new CreateLot("再改", null, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ceremony.Street.DeleteAsync(ceremony.Url($"/lots/{hammered.Id}"))).StatusCode);
        Assert.Equal(LotStatus.Hammered, (await ceremony.Lot(hammered.Id)).Status);
    }

    [Fact]
    public async Task Only_who_runs_the_auction_may_edit_or_remove_its_lots()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 1, open: false);
        var expected = new Dictionary<string, HttpStatusCode>
        {
            ["street.dongpu"] = HttpStatusCode.Forbidden, ["community.jishan"] = HttpStatusCode.Forbidden, ["unit.fushan.01"] = HttpStatusCode.Forbidden,
            ["resident.demo"] = HttpStatusCode.Forbidden,
        };
        foreach (var (user, status) in expected)
        {
            var client = await app.ClientFor(user);
            Assert.Equal(status, (await client.PutAsJsonAsync(ceremony.Url($"/lots/{lot.Id}"), new CreateLot($"{user} 改的", null, 1))).StatusCode);
            Assert.Equal(status, (await client.DeleteAsync(ceremony.Url($"/lots/{lot.Id}"))).StatusCode);
        }
        var anonymous = await app.ClientFor(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(ceremony.Url($"/lots/{lot.Id}"), new CreateLot("匿名", null, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.DeleteAsync(ceremony.Url($"/lots/{lot.Id}"))).StatusCode);
        Assert.Equal("老旧小区雨污分流", (await ceremony.Lot(lot.Id)).Title);

        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor("district.admin")).PutAsJsonAsync(ceremony.Url($"/lots/{lot.Id}"), new CreateLot("区里改的", null, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ceremony.Street.PutAsJsonAsync($"/api/v1/auctions/999999/lots/{lot.Id}", new CreateLot("x", null, 1))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.DeleteAsync(ceremony.Url($"/lots/{lot.Id}"))).StatusCode);
    }
}
