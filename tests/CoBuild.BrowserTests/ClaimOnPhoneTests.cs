using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// Journey: a unit representative finds a community need on the phone, claims it; the community sees the claim in
/// its inbox, opens it and accepts; the unit's inbox then shows the answer.
/// </summary>
public sealed class ClaimOnPhoneTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Unit_claims_a_need_on_a_phone_and_the_community_sees_it_in_its_inbox()
    {
        var unit = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(unit, "unit.drainage", "/m");
        await unit.GotoAsync("/m/needs");
        await unit.Locator("input[name=q]").FillAsync("雨污");
        await unit.GetByRole(AriaRole.Button, new() { Name = "搜索" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".needs-list li").First).ToContainTextAsync("雨污");
        Assert.True(await unit.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "needs list fits a 375px screen");
        await AppFixture.ScreenshotAsync(unit, "39-phone-needs-search");
        await unit.GetByRole(AriaRole.Link, new() { Name = "蕺山社区雨污分流改造" }).ClickAsync();
        await Assertions.Expect(unit.Locator("h1")).ToHaveTextAsync("蕺山社区雨污分流改造");
        var width = await unit.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"need page is {width}px wide on a 375px screen");
        await AppFixture.ScreenshotAsync(unit, "40-phone-need");

        await unit.Locator("textarea[name=Note]").FillAsync("雨季前派管网班组勘察");
        await unit.GetByRole(AriaRole.Button, new() { Name = "我来认领" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".m-status")).ToHaveTextAsync("待受理");
        await Assertions.Expect(unit.Locator(".m-timeline")).ToContainTextAsync("雨季前派管网班组勘察");
        await AppFixture.ScreenshotAsync(unit, "41-phone-claimed");

        var community = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(community, "community.jishan", "/admin");
        // The workbench counts the unread message and the claim waiting for an answer.
        Assert.True(int.Parse(await community.Locator(".todo-item[data-key=inbox] .todo-count").InnerTextAsync()) >= 1);
        Assert.True(int.Parse(await community.Locator(".todo-item[data-key=orders-answer] .todo-count").InnerTextAsync()) >= 1);
        await community.GotoAsync("/m/inbox");
        var message = community.Locator(".inbox-list li.unread", new() { HasText = "绍兴市城市排水有限公司 认领了需求“蕺山社区雨污分流改造”" });
        await Assertions.Expect(message).ToHaveCountAsync(1);
        Assert.True(int.Parse(await community.Locator(".m-badge").GetAttributeAsync("data-unread") ?? "0") >= 1);
        await AppFixture.ScreenshotAsync(community, "42-phone-community-inbox");

        await message.Locator("a").ClickAsync();
        await community.GetByRole(AriaRole.Button, new() { Name = "接受" }).ClickAsync();
        await Assertions.Expect(community.Locator(".m-status")).ToHaveTextAsync("已接受");
        await community.GotoAsync("/m/inbox");
        await Assertions.Expect(community.Locator(".inbox-list li", new() { HasText = "蕺山社区雨污分流改造" }).First).ToHaveClassAsync("read");

        await unit.GotoAsync("/m/inbox");
        await Assertions.Expect(unit.Locator(".inbox-list li.unread", new() { HasText = "“蕺山社区雨污分流改造”已接受" })).ToHaveCountAsync(1);
        await AppFixture.ScreenshotAsync(unit, "43-phone-unit-inbox");
    }

    [Fact]
    public async Task Unit_publishes_an_offer_from_the_phone()
    {
        var page = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(page, "unit.fushan.15", "/m");
        await page.GotoAsync("/m/resources");
        await page.Locator(".offer-new").ClickAsync();
        var title = "手机发布的助老服务" + Guid.NewGuid().ToString("N")[..4];
        await page.Locator("input[name=Title]").FillAsync(title);
        await page.Locator("select[name=GroupCode]").SelectOptionAsync("D04");
        await page.Locator("input[name=Amount]").FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "发布" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator(".m-card dl")).ToContainTextAsync("30 / 30 小时");
        await AppFixture.ScreenshotAsync(page, "49-phone-offer-published");
        await page.Locator(".resource-withdraw").ClickAsync();
        await Assertions.Expect(page.Locator(".m-card", new() { HasText = "已下架" })).ToHaveCountAsync(1);
    }
}
