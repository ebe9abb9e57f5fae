using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// The street ticks which contested pairs of a closed round to keep before confirming; pending lots are corrected
/// or taken off on the auction's page.
/// </summary>
public sealed class AllocationPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<T> With<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task<Caller> As(AppDbContext db, string user) => Caller.Of(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == user));

    [Fact]
    public async Task The_street_keeps_one_ticked_contested_pair_and_leaves_the_other_place_to_the_auction()
    {
        var title = "雨污分流" + Guid.NewGuid().ToString("N")[..4];
        var (roundId, needId) = await With(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var need = await MenuEdits.CreateNeedAsync(db, await As(db, "community.jishan"), new CreateNeed(title, null, "C03", 2), now, default);
            var units = new List<Caller>();
            foreach (var n in new[] { 21, 22, 23 }) units.Add(await As(db, $"unit.fushan.{n}"));
            var round = await RoundEdits.CreateAsync(db, await As(db, "street.fushan"), new CreateRound(null, "勾选测试 " + title, [need.Id], units.Select(u => u.UnitId!.Value).ToList(), 1), now, default);
            foreach (var u in units) await RoundEdits.RankNeedsAsync(db, u, round.Id, [need.Id], default);
            await RoundEdits.CloseAsync(db, await As(db, "street.fushan"), round.Id, now, default);
            return (round.Id, need.Id);
        });

        var street = await app.NewPageAsync();
        await AppFixture.LogInAsync(street, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(street, $"/admin/rounds/{roundId}");
        await Assertions.Expect(street.Locator(".contested-card .contested-keep")).ToHaveCountAsync(2);
        await street.Locator(".contested-card .contested-keep").First.CheckAsync();
        await AppFixture.ScreenshotAsync(street, "80-round-contested-keep");
        await street.Locator(".round-confirm").ClickAsync();
        await Assertions.Expect(street.Locator(".record-alert")).ToContainTextAsync("已生成 1 张认领单");
        await Assertions.Expect(street.Locator(".record-alert")).ToContainTextAsync("留待拍卖会 1 对");
        await AppFixture.ScreenshotAsync(street, "81-round-confirmed");
        Assert.Equal(1, await With(db => db.Needs.Where(n => n.Id == needId).Select(n => n.Claimed).SingleAsync()));
    }

    [Fact]
    public async Task A_pending_lot_is_edited_and_another_removed_on_the_auction_page()
    {
        var stamp = Guid.NewGuid().ToString("N")[..4];
        var auctionId = await With(async db =>
        {
            var street = await As(db, "street.fushan");
            var auction = await AuctionEdits.CreateAsync(db, street, new CreateAuction("拍品修改测试" + stamp, DateTimeOffset.UtcNow.AddDays(1)), DateTimeOffset.UtcNow, default);
            await AuctionEdits.AddLotAsync(db, street, auction.Id, new CreateLot("第一件" + stamp, null, 1), default);
            await AuctionEdits.AddLotAsync(db, street, auction.Id, new CreateLot("第二件" + stamp, null, 1), default);
            return auction.Id;
        });

        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(page, $"/admin/auctions/{auctionId}");
        var table = page.Locator(".lots-table");
        await table.Locator(".ant-table-row", new() { HasText = "第一件" + stamp }).Locator(".lot-edit").ClickAsync();
        await Assertions.Expect(page.Locator("input.lot-title")).ToHaveValueAsync("第一件" + stamp);
        await page.Locator("input.lot-title").FillAsync("改过的" + stamp);
        await page.Locator("input.lot-capacity").FillAsync("3");
        await AppFixture.ScreenshotAsync(page, "82-lot-edit");
        await page.Locator("button.lot-save").ClickAsync();
        await Assertions.Expect(page.Locator(".record-alert")).ToContainTextAsync("拍品已修改");
        await Assertions.Expect(table.Locator(".ant-table-row", new() { HasText = "改过的" + stamp })).ToContainTextAsync("3");

        await table.Locator(".ant-table-row", new() { HasText = "第二件" + stamp }).Locator(".lot-remove").ClickAsync();
        await page.Locator(".ant-popover .ant-btn-primary").ClickAsync();
        await Assertions.Expect(page.Locator(".record-alert")).ToContainTextAsync("已撤下");
        await Assertions.Expect(table).Not.ToContainTextAsync("第二件" + stamp);
        Assert.Equal(["改过的" + stamp], await With(db => db.Lots.Where(l => l.AuctionId == auctionId).Select(l => l.Title).ToListAsync()));
    }
}
