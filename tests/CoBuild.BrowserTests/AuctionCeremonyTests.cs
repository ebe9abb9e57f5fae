using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// Journey 3, the ceremony: the street sets up an auction, the moderator opens a lot on the console, two unit
/// representatives (one on a phone) raise paddles, the projector shows their names, the hammer falls and the winners'
/// phones say the co-building right is theirs, with a draft contract on the console.
/// </summary>
public sealed class AuctionCeremonyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Moderator_two_bidders_and_the_projector_run_a_lot_from_paddles_to_hammer()
    {
        var street = await app.NewPageAsync();
        await AppFixture.LogInAsync(street, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(street, "/admin/auctions");
        await street.Locator("input.auction-title").FillAsync("府山街道第二季度共建项目拍卖会");
        await street.Locator("button.auction-create").ClickAsync();
        await street.WaitForSelectorAsync("input.lot-title"); // the circuit navigates to the new auction's page
        var id = int.Parse(new Uri(street.Url).AbsolutePath.Split('/')[^1]);
        await street.Locator("input.lot-title").FillAsync("蕺山片区雨污分流共建");
        await street.Locator("input.lot-capacity").FillAsync("2");
        await street.Locator("button.lot-add").ClickAsync();
        await Assertions.Expect(street.Locator(".lots-table")).ToContainTextAsync("蕺山片区雨污分流共建");
        // A second lot straight from the street's need list: picking the need fills the form.
        await street.Locator("select.lot-need").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await Assertions.Expect(street.Locator("input.lot-title")).Not.ToHaveValueAsync("");
        var fromNeed = await street.Locator("input.lot-title").InputValueAsync();
        await street.Locator("button.lot-add").ClickAsync();
        await Assertions.Expect(street.Locator(".lots-table")).ToContainTextAsync(fromNeed);
        await AppFixture.ScreenshotAsync(street, "50-auction-setup");
        await street.GotoAsync("/admin");
        await Assertions.Expect(street.Locator(".todo-item[data-key=auctions]")).ToContainTextAsync("府山街道第二季度共建项目拍卖会");

        var projector = await app.NewPageAsync(1920, 1080);
        await projector.GotoAsync($"/live/{id}/screen");
        await Assertions.Expect(projector.Locator(".live-link")).ToHaveTextAsync("已连接");
        var phone = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(phone, "unit.fushan.01", "/m");
        await phone.Locator(".m-auctions li", new() { HasText = "府山街道第二季度共建项目拍卖会" }).GetByRole(AriaRole.Link, new() { Name = "进入会场举牌" }).ClickAsync();
        await phone.WaitForURLAsync($"**/live/{id}/paddle");
        var desk = await app.NewPageAsync();
        await AppFixture.LogInAsync(desk, "unit.fushan.02", "/m");
        await desk.GotoAsync($"/live/{id}/paddle");
        await Assertions.Expect(phone.Locator(".live-empty")).ToContainTextAsync("拍卖尚未开始");

        await street.GotoAsync($"/live/{id}/console");
        await street.GetByRole(AriaRole.Button, new() { Name = "开拍第 1 号" }).ClickAsync();
        await Assertions.Expect(projector.Locator(".live-lot-title")).ToHaveTextAsync("蕺山片区雨污分流共建");
        await Assertions.Expect(phone.Locator(".live-lot-title")).ToHaveTextAsync("蕺山片区雨污分流共建");

        await phone.Locator(".live-raise").ClickAsync();
        await Assertions.Expect(phone.Locator(".live-mine")).ToContainTextAsync("已举牌表达共建意向（第 1 个");
        await desk.Locator(".live-raise").ClickAsync();
        await Assertions.Expect(projector.Locator(".live-paddles li")).ToHaveCountAsync(2);
        await Assertions.Expect(street.Locator(".live-paddles li")).ToHaveCountAsync(2);
        var firstUnit = (await projector.Locator(".live-paddles li span").First.InnerTextAsync()).Trim();
        Assert.False(string.IsNullOrEmpty(firstUnit));
        await Assertions.Expect(phone.Locator(".live-raise")).ToBeDisabledAsync();
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"paddle page is {width}px wide on a 375px screen");
        await AppFixture.ScreenshotAsync(phone, "51-paddle-phone-raised");
        await AppFixture.ScreenshotAsync(projector, "52-projector-paddles");

        await street.GetByRole(AriaRole.Button, new() { Name = "落槌" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".live-won")).ToHaveTextAsync("共建权已获得");
        await Assertions.Expect(street.Locator(".live-hammer")).ToContainTextAsync("协议草稿 #");
        await Assertions.Expect(projector.Locator(".live-board tr.s-hammered")).ToContainTextAsync(firstUnit);
        await AppFixture.ScreenshotAsync(street, "53-console-hammered");
        await Assertions.Expect(phone.Locator(".live-mywins")).ToContainTextAsync("协议草稿 #");
        await AppFixture.ScreenshotAsync(phone, "54-paddle-phone-won");
        await AppFixture.ScreenshotAsync(projector, "55-projector-results");

        // A phone that reloads (or reconnects) draws the current state at once from the server.
        await desk.ReloadAsync();
        await Assertions.Expect(desk.Locator(".live-won")).ToHaveTextAsync("共建权已获得");

        var results = await app.NewPageAsync(375, 812);
        await results.GotoAsync($"/auctions/{id}");
        await Assertions.Expect(results.Locator(".result-awards li")).ToHaveCountAsync(2);
        await AppFixture.ScreenshotAsync(results, "56-auction-results-phone");
    }

    [Fact]
    public async Task A_party_member_cannot_raise_and_the_console_refuses_another_street()
    {
        var member = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(member, "member.demo", "/m");
        await member.GotoAsync("/live/1/paddle");
        await Assertions.Expect(member.Locator(".live-refused")).ToContainTextAsync("只有共建单位的代表可以举牌");
        var dongpu = await app.NewPageAsync();
        await AppFixture.LogInAsync(dongpu, "street.dongpu", "/admin");
        await dongpu.GotoAsync("/live/1/console");
        await Assertions.Expect(dongpu.Locator(".live-refused")).ToContainTextAsync("只有举办街道可以主持拍卖会");
    }
}
