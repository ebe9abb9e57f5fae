using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests.Journeys;

/// <summary>
/// What every journey of ../shared/JOURNEYS.md does alike: log in by typing into the login form, move through the
/// back office's side menu, and record each step as two screenshots, desktop 1920x1080 and phone 375x812, named
/// jN-NN-what-1920x1080.png and jN-NN-what-375x812.png under the test output's screenshots folder.
/// </summary>
internal static partial class Journey
{
    public const string Password = "Demo@2018";
    private static readonly (int Width, int Height)[] Sizes = [(1920, 1080), (375, 812)];

    public static Task<IPage> DesktopAsync(this AppFixture app) => app.NewPageAsync(1920, 1080);

    public static Task<IPage> PhoneAsync(this AppFixture app) => app.NewPageAsync(375, 812);

    /// <summary>Types the user name and the demo password into the login form and presses 登录, as a person would.</summary>
    public static async Task LogInAsync(IPage page, string userName, string landing)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("input[name='Input.UserName']").FillAsync(userName);
        await page.Locator("input[name='Input.Password']").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == landing);
    }

    /// <summary>Clicks an entry of the back office's side menu and waits for its page to answer clicks.</summary>
    public static async Task MenuAsync(IPage page, string label, string path, bool interactive = true)
    {
        await page.Locator(".bo-sider").GetByRole(AriaRole.Link, new() { Name = label, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        if (interactive) await LiveAsync(page);
    }

    /// <summary>Waits until the back office's circuit is live: until then a click on prerendered markup does nothing.</summary>
    public static Task LiveAsync(IPage page) => page.WaitForSelectorAsync("body[data-interactive=true]");

    public static async Task<int> ScrollWidthAsync(IPage page) => await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    /// <summary>Fails when the page scrolls sideways at its current width.</summary>
    public static async Task AssertFitsAsync(IPage page, string what)
    {
        var width = await ScrollWidthAsync(page);
        var viewport = page.ViewportSize!.Width;
        Assert.True(width <= viewport, $"{what} is {width}px wide on a {viewport}px screen");
    }

    /// <summary>
    /// The step as the user sees it at both sizes: first at the page's own size, then resized to the other one and back,
    /// so the steps after it go on as before.
    /// </summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        Assert.Matches(StepName(), name);
        var own = page.ViewportSize!;
        foreach (var (width, height) in Sizes.OrderBy(s => s.Width == own.Width ? 0 : 1))
        {
            if (width != page.ViewportSize!.Width) await ResizeAsync(page, width, height);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppFixture.ScreenshotDir, $"{name}-{width}x{height}.png"), FullPage = true });
        }
        if (page.ViewportSize!.Width != own.Width) await ResizeAsync(page, own.Width, own.Height);
    }

    private static async Task ResizeAsync(IPage page, int width, int height)
    {
        await page.SetViewportSizeAsync(width, height);
        // The back office's menu follows the width through the circuit and then slides: wait for the round trip, then
        // for the slide (and any other finite animation) to end.
        await page.WaitForTimeoutAsync(200);
        await page.WaitForFunctionAsync("() => document.getAnimations().every(a => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity)",
            null, new() { Timeout = 3000 });
    }

    [GeneratedRegex(@"^j\d+-\d\d-[a-z0-9-]+$")]
    private static partial Regex StepName();
}
