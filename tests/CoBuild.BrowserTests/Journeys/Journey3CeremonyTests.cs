using System.Text.RegularExpressions;
using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoBuild.BrowserTests.Journeys;

/// <summary>
/// Journey 3, the ceremony: the moderator opens the console and the projector from the auction's page, three unit
/// representatives raise paddles on their phones, names rise on the projector, the countdown runs, the hammer falls,
/// the results board fills in and the winners' phones say 共建权已获得 with a draft contract waiting. One phone loses
/// its connection while the next lot opens and, back online, shows that lot at once.
/// </summary>
public sealed class Journey3CeremonyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Title = "府山街道冬季共建项目拍卖会";
    private const string Sewer = "蕺山片区雨污分流共建";
    private const string Canteen = "书圣社区助老食堂共建";

    [Fact]
    public async Task Moderator_projector_and_three_phones_run_the_ceremony_and_a_phone_that_lost_its_connection_catches_up()
    {
        await PrepareAsync();

        // The moderator's laptop: the auction's page opens the projector and the console in windows of their own.
        var laptop = await app.DesktopAsync();
        await Journey.LogInAsync(laptop, "street.fushan", "/admin");
        await Journey.MenuAsync(laptop, "项目拍卖会", "/admin/auctions");
        await laptop.Locator(".auctions-table .ant-table-row", new() { HasText = Title }).Locator("a", new() { HasText = "管理" }).ClickAsync();
        await laptop.WaitForURLAsync(new Regex(@"/admin/auctions/\d+$"));
        var projector = await laptop.RunAndWaitForPopupAsync(() => laptop.Locator(".auction-links a", new() { HasText = "大屏" }).ClickAsync());
        await Expect(projector.Locator(".live-link")).ToHaveTextAsync("已连接");
        await Expect(projector.Locator(".live-empty")).ToContainTextAsync("举牌表达共建意向，拍卖即将开始");
        var console = await laptop.RunAndWaitForPopupAsync(() => laptop.Locator(".auction-links a", new() { HasText = "主持台" }).ClickAsync());
        await Expect(console.Locator(".live-link")).ToHaveTextAsync("已连接");

        // Three representatives enter the hall from their phones' home page; the third phone's Wi-Fi will drop later.
        var phones = new List<IPage>();
        var wifi = new Wifi();
        foreach (var user in new[] { "unit.fushan.01", "unit.fushan.02", "unit.fushan.03" })
        {
            var phone = await app.PhoneAsync();
            if (phones.Count == 2) await wifi.InstallAsync(phone);
            await Journey.LogInAsync(phone, user, "/m");
            await phone.Locator(".m-auctions li", new() { HasText = Title }).GetByRole(AriaRole.Link, new() { Name = "进入会场举牌" }).ClickAsync();
            await phone.WaitForURLAsync(new Regex(@"/live/\d+/paddle$"));
            await Expect(phone.Locator(".live-link")).ToHaveTextAsync("已连接");
            await Expect(phone.Locator(".live-empty")).ToContainTextAsync("拍卖尚未开始");
            phones.Add(phone);
        }
        await Journey.ShotAsync(phones[0], "j3-01-phone-waiting");

        // The first lot, in large type on the projector; the phones show the big raise button.
        await console.GetByRole(AriaRole.Button, new() { Name = "开拍第 1 号" }).ClickAsync();
        await Expect(projector.Locator(".live-lot-title")).ToHaveTextAsync(Sewer);
        Assert.True(await projector.Locator(".live-lot-title").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)") >= 48, "the lot's title is readable from the back of the hall");
        await Journey.ShotAsync(projector, "j3-02-projector-first-lot");
        // Raising states the intent to co-build; nobody outbids anybody.
        foreach (var phone in phones)
        {
            await Expect(phone.Locator(".live-lot-title")).ToHaveTextAsync(Sewer);
            await Expect(phone.Locator(".live-raise")).ToBeEnabledAsync();
            await Expect(phone.Locator(".live-hint")).ToContainTextAsync("举牌即表达共建意向，不竞价");
        }
        var box = await phones[0].Locator(".live-raise").BoundingBoxAsync();
        Assert.True(box!.Height >= 120 && box.Width >= 120, "the raise button is big enough to hit without looking");

        // Paddles rise: each name appears on the projector and on the console, in order.
        var names = new List<string>();
        for (var i = 0; i < phones.Count; i++)
        {
            await phones[i].Locator(".live-raise").ClickAsync();
            await Expect(phones[i].Locator(".live-mine")).ToContainTextAsync($"已举牌表达共建意向（第 {i + 1} 个");
            await Expect(projector.Locator(".live-paddles li")).ToHaveCountAsync(i + 1);
            names.Add((await projector.Locator(".live-paddles li span").Nth(i).InnerTextAsync()).Trim());
        }
        await Expect(console.Locator(".live-paddles li")).ToHaveCountAsync(3);
        await Expect(phones[0].Locator(".live-raise")).ToBeDisabledAsync();
        await Journey.AssertFitsAsync(phones[0], "the paddle page");
        await Journey.ShotAsync(phones[0], "j3-03-phone-raised");
        await Journey.ShotAsync(projector, "j3-04-projector-paddles");

        // The countdown shows everywhere, then the hammer falls: two places, the two earliest paddles win.
        await console.GetByRole(AriaRole.Button, new() { Name = "倒计时 30 秒" }).ClickAsync();
        await Expect(projector.Locator(".live-clock")).ToContainTextAsync(new Regex(@"倒计时 \d+ 秒"));
        await Expect(phones[2].Locator(".live-clock")).ToContainTextAsync(new Regex(@"倒计时 \d+ 秒"));
        await Journey.ShotAsync(console, "j3-05-console-countdown");
        await console.GetByRole(AriaRole.Button, new() { Name = "落槌" }).ClickAsync();
        await Expect(console.Locator(".live-hammer")).ToContainTextAsync(names[0]);
        await Expect(phones[0].Locator(".live-won")).ToHaveTextAsync("共建权已获得");
        await Expect(phones[1].Locator(".live-won")).ToHaveTextAsync("共建权已获得");
        await Expect(phones[2].Locator(".live-body")).ToContainTextAsync("本件已落槌");
        await Expect(phones[2].Locator(".live-won")).ToHaveCountAsync(0);
        var board = projector.Locator(".live-board tbody tr");
        await Expect(board.Nth(0)).ToHaveClassAsync(new Regex("s-hammered"));
        await Expect(board.Nth(0)).ToContainTextAsync($"{names[0]}、{names[1]}");
        await Expect(projector.Locator(".live-hammer")).ToContainTextAsync("落槌！共建权已获得");
        await Journey.ShotAsync(projector, "j3-06-projector-hammer-results");
        await Journey.ShotAsync(phones[0], "j3-07-phone-won");

        // The winner's draft waits on the phone: from the paddle page to the message, to the draft contract.
        await Expect(phones[0].Locator(".live-mywins")).ToContainTextAsync(Sewer);
        await phones[0].Locator(".live-body a", new() { HasText = "我的消息" }).ClickAsync();
        var message = phones[0].Locator(".inbox-list li.unread", new() { HasText = $"共建权已获得：{Sewer}" });
        await Expect(message).ToHaveCountAsync(1);
        await Journey.ShotAsync(phones[0], "j3-08-phone-inbox-won");
        await message.Locator("a").ClickAsync();
        await phones[0].WaitForURLAsync(new Regex(@"/contracts/\d+$"));
        await Expect(phones[0].Locator(".contract-status")).ToHaveTextAsync("草稿");
        await Expect(phones[0].Locator("h1")).ToContainTextAsync(Sewer);
        await Journey.AssertFitsAsync(phones[0], "the draft contract");
        await Journey.ShotAsync(phones[0], "j3-09-phone-draft-waiting");

        // The third phone drops off the Wi-Fi; meanwhile the moderator opens the next lot.
        await wifi.CutAsync(phones[2]);
        await Expect(phones[2].Locator(".live-link")).ToHaveTextAsync(new Regex("网络中断|连接已断开|连接失败"));
        await Journey.ShotAsync(phones[2], "j3-10-phone-offline");
        await console.GetByRole(AriaRole.Button, new() { Name = "下一件：第 2 号" }).ClickAsync();
        await Expect(projector.Locator(".live-lot-title")).ToHaveTextAsync(Canteen);
        await Expect(phones[1].Locator(".live-lot-title")).ToHaveTextAsync(Canteen);
        await Expect(phones[2].Locator(".live-lot-title")).ToHaveTextAsync(Sewer); // still the old lot while offline

        // Back online, it shows the current lot at once and can raise on it.
        await wifi.RestoreAsync(phones[2]);
        await Expect(phones[2].Locator(".live-link")).ToHaveTextAsync("已连接", new() { Timeout = 15_000 });
        await Expect(phones[2].Locator(".live-lot-title")).ToHaveTextAsync(Canteen);
        await Expect(phones[2].Locator(".live-raise")).ToBeEnabledAsync();
        await Journey.ShotAsync(phones[2], "j3-11-phone-back-on-current-lot");
        await phones[2].Locator(".live-raise").ClickAsync();
        await Expect(projector.Locator(".live-paddles li")).ToHaveCountAsync(1);
        await console.GetByRole(AriaRole.Button, new() { Name = "落槌" }).ClickAsync();
        await Expect(phones[2].Locator(".live-won")).ToHaveTextAsync("共建权已获得");
        await Expect(board.Nth(1)).ToContainTextAsync(names[2]);
        await Expect(projector.Locator(".live-board tr.s-hammered")).ToHaveCountAsync(2);
        await Journey.ShotAsync(projector, "j3-12-projector-all-hammered");

        // The public results page announces who won what.
        var results = await app.PhoneAsync();
        await results.GotoAsync(new Uri(projector.Url).AbsolutePath.Replace("/live/", "/auctions/").Replace("/screen", ""));
        await Expect(results.Locator(".result-awards li")).ToHaveCountAsync(3);
        await Journey.ShotAsync(results, "j3-13-results-page");
    }

    /// <summary>Journey 2's result: the auction with two lots, ready for its day.</summary>
    private async Task PrepareAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var street = Caller.Of(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "street.fushan"));
        var now = DateTimeOffset.UtcNow;
        var auction = await AuctionEdits.CreateAsync(db, street, new CreateAuction(Title, now.AddMinutes(5)), now, default);
        await AuctionEdits.AddLotAsync(db, street, auction.Id, new CreateLot(Sewer, "老旧小区雨天污水倒灌，需要排水专业单位共同改造。", 2), default);
        await AuctionEdits.AddLotAsync(db, street, auction.Id, new CreateLot(Canteen, "为社区高龄独居老人提供午餐和送餐。", 1), default);
    }

    /// <summary>
    /// A phone's Wi-Fi: its hub connection runs through a route that can be cut (the browser's offline switch alone
    /// leaves open WebSockets alone), and while it is cut every reconnection attempt fails.
    /// </summary>
    private sealed class Wifi
    {
        private volatile bool _down;
        private IWebSocketRoute? _page, _server;

        public Task InstallAsync(IPage phone) => phone.RouteWebSocketAsync(url => url.Contains("/hubs/auction", StringComparison.Ordinal), ws =>
        {
            if (_down) { _ = ws.CloseAsync(new() { Code = 1001, Reason = "offline" }); return; }
            (_page, _server) = (ws, ws.ConnectToServer());
        });

        public async Task CutAsync(IPage phone)
        {
            _down = true;
            await phone.Context.SetOfflineAsync(true);
            if (_server is not null) await _server.CloseAsync();
            if (_page is not null) await _page.CloseAsync(new() { Code = 1001, Reason = "offline" });
        }

        public async Task RestoreAsync(IPage phone)
        {
            await phone.Context.SetOfflineAsync(false);
            _down = false;
        }
    }
}
