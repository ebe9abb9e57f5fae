using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>Issue 13 item 8: on a phone the back-office menu is one drawer on server-rendered and interactive pages, closed after a choice.</summary>
public sealed class BackOfficePhoneMenuTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_menu_drawer_opens_from_the_button_and_closes_after_a_choice_or_a_tap_outside()
    {
        var page = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(page, "/admin/org");
        var menu = page.Locator(".bo-sider");
        await Assertions.Expect(menu).Not.ToBeInViewportAsync();

        // Interactive page → server-rendered page.
        await page.Locator(".bo-burger").ClickAsync();
        await Assertions.Expect(menu).ToBeInViewportAsync(new() { Ratio = 1 }); // the drawer has finished sliding in
        await AppFixture.ScreenshotAsync(page, "90-phone-menu-open-interactive");
        await menu.Locator("a[href='/admin/contracts']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("共建协议");
        await Assertions.Expect(menu).Not.ToBeInViewportAsync();
        await Assertions.Expect(page.Locator("h1")).ToBeInViewportAsync();
        await AppFixture.ScreenshotAsync(page, "91-phone-contracts-menu-closed");

        // Server-rendered page → interactive page, with the same drawer.
        await page.Locator(".bo-burger").ClickAsync();
        await Assertions.Expect(menu).ToBeInViewportAsync(new() { Ratio = 1 }); // the drawer has finished sliding in
        await AppFixture.ScreenshotAsync(page, "92-phone-menu-open-static");
        await menu.Locator("a[href='/admin/units']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("驻区单位");
        await Assertions.Expect(menu).Not.ToBeInViewportAsync();
        await AppFixture.ScreenshotAsync(page, "93-phone-units-menu-closed");

        // A tap outside the open drawer closes it and leaves the page where it was.
        await page.Locator(".bo-burger").ClickAsync();
        await Assertions.Expect(menu).ToBeInViewportAsync(new() { Ratio = 1 }); // the drawer has finished sliding in
        await page.Mouse.ClickAsync(360, 400);
        await Assertions.Expect(menu).Not.ToBeInViewportAsync();
        Assert.EndsWith("/admin/units", page.Url);
    }
}
