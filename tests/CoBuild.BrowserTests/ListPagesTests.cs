using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>The back-office lists stay inside the caller's scope, and hold on a phone-sized screen.</summary>
public sealed class ListPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Street_admin_lists_show_only_own_street()
    {
        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");

        await AppFixture.OpenInteractiveAsync(page, "/admin/units");
        var streets = page.Locator(".unit-table tbody tr.ant-table-row td:nth-child(2)");
        await Assertions.Expect(streets.First).ToBeVisibleAsync();
        Assert.All(await streets.AllInnerTextsAsync(), s => Assert.Equal("府山街道", s.Trim()));
        await Assertions.Expect(page.Locator("a.export-link")).ToHaveAttributeAsync("href", "/api/v1/exports/units");
        await AppFixture.ScreenshotAsync(page, "20-units");

        foreach (var (path, shot) in new[] { ("/admin/party-orgs", "21-party-orgs"), ("/admin/members", "22-members"), ("/admin/committees", "23-committees"), ("/admin/venues", "24-venues") })
        {
            if (path == "/admin/members") await page.GotoAsync(path); // server-rendered
            else await AppFixture.OpenInteractiveAsync(page, path);
            await Assertions.Expect(page.Locator(".ant-table-row").First).ToBeVisibleAsync();
            var html = await page.ContentAsync();
            Assert.DoesNotContain("东浦街道", html);
            await AppFixture.ScreenshotAsync(page, shot);
        }
    }

    [Fact]
    public async Task Committee_meeting_opens_in_a_drawer_with_agenda_and_attendance()
    {
        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(page, "/admin/committees");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("委员会议") }).ClickAsync();
        await page.Locator(".ant-table-row a", new() { HasTextString = "详情" }).First.ClickAsync();
        var drawer = page.Locator(".ant-drawer-content");
        await Assertions.Expect(drawer).ToContainTextAsync("议程");
        await Assertions.Expect(drawer.Locator(".attendance li").First).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "25-meeting-drawer");
    }

    [Fact]
    public async Task Back_office_holds_on_a_375px_screen()
    {
        var page = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(page, "community.jishan", "/admin");
        await Assertions.Expect(page.Locator(".ant-statistic").First).ToBeVisibleAsync();
        // The server-rendered workbench: wait for the layout to settle, then measure.
        await SettledWidthAsync(page);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"workbench is {width}px wide on a 375px screen");
        await AppFixture.ScreenshotAsync(page, "30-phone-workbench");

        await AppFixture.OpenInteractiveAsync(page, "/admin/org");
        await Assertions.Expect(page.Locator(".org-node", new() { HasTextString = "蕺山社区" })).ToBeVisibleAsync();
        await SettledWidthAsync(page);
        width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"org page is {width}px wide on a 375px screen");
        await AppFixture.ScreenshotAsync(page, "31-phone-org");

        await page.GetByRole(AriaRole.Link, new() { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Organization");
        await page.WaitForSelectorAsync("body[data-interactive=true]");
        // The menu stays a closed drawer behind its button after the switch.
        await Assertions.Expect(page.Locator("html.bo-menu-open")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".bo-burger")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "32-phone-org-english");
    }

    private static async Task SettledWidthAsync(IPage page)
    {
        try { await page.WaitForFunctionAsync("() => document.documentElement.scrollWidth <= 375", null, new() { Timeout = 5000 }); }
        catch (TimeoutException) { } // the assertion that follows reports the width
    }
}
