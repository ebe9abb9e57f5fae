using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoBuild.BrowserTests.Journeys;

/// <summary>
/// Journey 9, a newcomer's first five minutes: the home page leads to the login page, which lists the demo accounts;
/// each demo role logs in with the shared password and its home page has something of its own to show.
/// </summary>
public sealed class Journey9NewcomerTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly (string User, string Landing, string Sees)[] Roles =
    [
        ("district.admin", "/admin", "越城区"),
        ("street.fushan", "/admin", "府山街道"),
        ("street.dongpu", "/admin", "东浦街道"),
        ("community.jishan", "/admin", "蕺山社区"),
        ("unit.drainage", "/m", "绍兴市城市排水有限公司"),
        ("unit.fushan.01", "/m", "项目拍卖会"),
        ("dept.housing", "/m", "区住房和城乡建设局"),
        ("member.demo", "/m", "我的人人契约"),
        ("resident.demo", "/m", "蕺山社区"),
    ];

    [Fact]
    public async Task The_login_page_lists_the_demo_accounts_and_every_role_finds_its_own_home()
    {
        var first = await app.DesktopAsync();
        await first.GotoAsync("/");
        await first.GetByRole(AriaRole.Link, new() { Name = "登录平台" }).ClickAsync();
        await first.WaitForURLAsync("**/account/login");
        var accounts = first.Locator(".demo-accounts");
        await Expect(accounts).ToContainTextAsync(Journey.Password);
        foreach (var (user, _, _) in Roles.Where(r => !r.User.StartsWith("unit.fushan.", StringComparison.Ordinal)))
            await Expect(accounts.Locator("code", new() { HasText = user })).ToHaveCountAsync(1);
        await Expect(accounts).ToContainTextAsync("unit.fushan.01 … unit.fushan.80");
        await Journey.ShotAsync(first, "j9-01-login-demo-accounts");

        var n = 2;
        foreach (var (user, landing, sees) in Roles)
        {
            var page = landing == "/admin" ? await app.DesktopAsync() : await app.PhoneAsync();
            await Journey.LogInAsync(page, user, landing);
            // Every home opens with the role's own to-do list.
            var todo = page.Locator(".todo-panel");
            await Expect(todo).ToContainTextAsync("今日待办");
            Assert.True(await todo.Locator(".todo-item.todo-some").CountAsync() >= 1, $"{user}'s to-do list has something to act on or follow");
            if (landing == "/admin")
            {
                // The workbench names the caller's scope and counts what is in it.
                await Expect(page.Locator(".page-sub")).ToContainTextAsync(sees);
                var figures = await page.Locator(".stat-row .ant-statistic-content-value").AllInnerTextsAsync();
                Assert.True(figures.Count >= 4 && figures.Sum(f => int.TryParse(f.Replace(",", ""), out var v) ? v : 0) > 0, $"{user}'s workbench counts something: {string.Join(" ", figures)}");
                Assert.True(await page.Locator(".wb-card").CountAsync() >= 3, $"{user}'s workbench has its cards");
            }
            else
            {
                // The phone home: who I am, and the cards of my unit, my contract or my community.
                await Expect(page.Locator(".m-me")).ToBeVisibleAsync();
                await Expect(page.Locator("main, body").First).ToContainTextAsync(sees);
                Assert.True(await page.Locator(".m-card").CountAsync() >= 2, $"{user}'s home has more than who they are");
                await Journey.AssertFitsAsync(page, $"{user}'s home");
            }
            await Journey.ShotAsync(page, $"j9-{n++:00}-{user.Replace('.', '-')}-home");
            await page.Context.CloseAsync();
        }
    }
}
