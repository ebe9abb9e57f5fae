using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>The phone home (/m) at 375 px for a party member and a unit representative, and the language switch.</summary>
public sealed class PhoneTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Member_sees_registration_and_community_on_a_375px_phone_without_horizontal_scroll()
    {
        var page = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(page, "member.demo", "/m");

        await Assertions.Expect(page.Locator(".m-me")).ToContainTextAsync("王晓燕");
        await Assertions.Expect(page.Locator(".m-registration")).ToContainTextAsync("蕺山社区");
        Assert.True(await page.Locator(".m-registration .m-tags span").CountAsync() >= 1, "the member's skills are listed");
        await Assertions.Expect(page.Locator(".m-community")).ToContainTextAsync("蕺山社区服务中心");
        await Assertions.Expect(page.Locator(".m-community")).ToContainTextAsync("社区客厅");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"page is {width}px wide on a 375px screen");
        await AppFixture.ScreenshotAsync(page, "10-phone-member");
    }

    [Fact]
    public async Task Unit_representative_sees_unit_party_organization_and_seats_and_can_switch_to_English()
    {
        var page = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(page, "unit.drainage", "/m");

        var unit = page.Locator(".m-unit");
        await Assertions.Expect(unit).ToContainTextAsync("绍兴市城市排水有限公司");
        await Assertions.Expect(unit).ToContainTextAsync("党支部");
        await Assertions.Expect(unit).ToContainTextAsync("兼职");
        await AppFixture.ScreenshotAsync(page, "11-phone-unit-rep");

        await page.GetByRole(AriaRole.Link, new() { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".m-me h2")).ToHaveTextAsync("Who I am");
        await page.GetByRole(AriaRole.Link, new() { Name = "中文", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".m-me h2")).ToHaveTextAsync("我是谁");
    }
}
