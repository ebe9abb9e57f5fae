using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// Issue 13 item 1: every back-office page still works after every kind of page. Server-rendered pages (共建协议,
/// 人人契约, 三张清单, 党员双报到), interactive ones (组织架构, 驻区单位, ...) and phone pages are reached by a click, as a user does (Blazor's
/// enhanced navigation or its interactive router), then one control of the page is used and must answer; no console
/// error and no server error may appear on the way.
/// </summary>
public sealed class BackOfficeNavigationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private enum Origin { Static, Interactive, Phone }

    private sealed record Target(string Path, bool Interactive, Func<IPage, Task> Use);

    [Fact]
    public Task Every_back_office_page_works_after_a_server_rendered_page() => WalkAsync(Origin.Static);

    [Fact]
    public Task Every_back_office_page_works_after_an_interactive_page() => WalkAsync(Origin.Interactive);

    [Fact]
    public Task Every_back_office_page_works_after_a_phone_page() => WalkAsync(Origin.Phone);

    private async Task WalkAsync(Origin origin)
    {
        var page = await app.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add($"console on {page.Url}: {m.Text}"); };
        page.PageError += (_, e) => problems.Add($"script error on {page.Url}: {e}");
        var serverErrorsBefore = app.ServerLog.Errors.Count;
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");

        foreach (var target in await TargetsAsync(page))
        {
            var from = OriginPath(origin, target.Path);
            try
            {
                if (origin == Origin.Phone) await page.GotoAsync(from);
                else if (new Uri(page.Url).AbsolutePath != from) await ClickToAsync(page, from);
                await ClickToAsync(page, target.Path);
                if (target.Interactive) await page.WaitForSelectorAsync("body[data-interactive=true]");
                await target.Use(page);
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException or Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"{target.Path} after {from} did not answer: {e.Message}\n{string.Join("\n", problems.Concat(app.ServerLog.Errors.Skip(serverErrorsBefore)))}");
            }
            Assert.True(problems.Count == 0, $"{target.Path} after {from}:\n{string.Join("\n", problems.Concat(app.ServerLog.Errors.Skip(serverErrorsBefore)))}");
        }
        var serverErrors = app.ServerLog.Errors.Skip(serverErrorsBefore).ToList();
        Assert.True(serverErrors.Count == 0, "server errors:\n" + string.Join("\n", serverErrors));
    }

    /// <summary>A page of the origin's kind; never the target itself.</summary>
    private static string OriginPath(Origin origin, string target) => origin switch
    {
        Origin.Static => target == "/admin/contracts" ? "/admin/personal-contracts" : "/admin/contracts",
        Origin.Interactive => target == "/admin/units" ? "/admin/org" : "/admin/units",
        _ => "/m",
    };

    /// <summary>Clicks the menu entry of the path, or a link to it added to the page (detail pages have no menu entry, phone pages no menu).</summary>
    private static async Task ClickToAsync(IPage page, string path)
    {
        // The address changes before the interactive router has drawn the page: wait for a heading the old page did not have.
        await page.EvaluateAsync("() => document.querySelectorAll('h1').forEach(h => h.dataset.left = 'true')");
        var entry = page.Locator($".bo-sider a[href='{path}']");
        if (await entry.CountAsync() == 1 && await entry.IsVisibleAsync()) await entry.ClickAsync();
        else
        {
            await page.EvaluateAsync("""
                href => { const a = document.createElement("a"); a.href = href; a.textContent = href; a.className = "test-go";
                          document.querySelector("main")?.prepend(a) ?? document.body.prepend(a); }
                """, path);
            await page.Locator("a.test-go").ClickAsync();
        }
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path);
        await page.Locator("h1:not([data-left])").First.WaitForAsync();
    }

    private static async Task<List<Target>> TargetsAsync(IPage page)
    {
        // The staff lists link a contract, an order and a need at their back-office address (issue 13 item 2).
        await page.GotoAsync("/admin/contracts");
        var contract = await page.Locator("a.k-open").First.GetAttributeAsync("href") ?? "";
        await AppFixture.OpenInteractiveAsync(page, "/admin/orders");
        var order = await page.Locator(".orders-table a", new() { HasTextString = "办理" }).First.GetAttributeAsync("href") ?? "";
        await page.GotoAsync("/admin/menus");
        var need = await page.Locator("a", new() { HasTextString = "详情" }).First.GetAttributeAsync("href") ?? "";
        await page.GotoAsync("/admin");
        var node = await page.Locator(".quick-links a").First.GetAttributeAsync("href") ?? "";
        Assert.Matches(@"^/admin/org/\d+$", node);
        Assert.Matches(@"^/admin/contracts/\d+$", contract);
        Assert.Matches(@"^/admin/orders/\d+$", order);
        Assert.Matches(@"^/admin/needs/\d+$", need);

        return
        [
            new("/admin", false, WorkbenchAsync),
            new("/admin/org", true, ExpandTreeAsync),
            new("/admin/units", true, p => SearchNothingAsync(p, ".filter-bar input.ant-input", p.GetByRole(AriaRole.Button, new() { Name = "查询" }))),
            new("/admin/party-orgs", true, p => SearchNothingAsync(p, ".filter-bar input.ant-input", p.GetByRole(AriaRole.Button, new() { Name = "查询" }))),
            new("/admin/members", false, async p =>
            {
                var community = p.Locator(".member-community");
                var last = await community.Locator("option").Last.GetAttributeAsync("value");
                await community.SelectOptionAsync(last!);
                await p.WaitForURLAsync(new Regex($@"/admin/members\?community={last}$"));
                await Assertions.Expect(community).ToHaveValueAsync(last!);
            }),
            new("/admin/committees", true, SwitchTabAsync),
            new("/admin/venues", true, p => SearchNothingAsync(p, ".filter-bar input.ant-input", p.GetByRole(AriaRole.Button, new() { Name = "查询" }))),
            new("/admin/menus", false, SwitchTabAsync),
            new(node, false, async p =>
            {
                // The node page's tables page by links: the units card's next page.
                var units = p.Locator(".wb-card", new() { Has = p.Locator(".ant-card-head-title", new() { HasTextString = "驻区单位（" }) });
                await units.Locator("a.pager-next").ClickAsync();
                await Assertions.Expect(units.Locator(".pager-at")).ToHaveTextAsync(new Regex(@"^2 / \d+$"));
            }),
            new("/admin/orders", true, FilterOrdersAsync),
            new("/admin/rounds", true, async p =>
            {
                await p.Locator(".round-new").ClickAsync();
                await Assertions.Expect(p.Locator(".round-title")).ToBeVisibleAsync();
            }),
            new("/admin/auctions", true, async p =>
            {
                await p.Locator(".auction-title").FillAsync("");
                await p.Locator(".auction-create").ClickAsync();
                await Assertions.Expect(p.Locator(".auction-form .ant-alert-error")).ToBeVisibleAsync();
            }),
            new("/admin/imports", true, async p =>
            {
                var kinds = p.Locator(".import-kind");
                var on = await kinds.EvaluateAllAsync<int>("ks => ks.findIndex(k => k.classList.contains('on'))");
                var other = kinds.Nth(on == 0 ? 1 : 0);
                await other.Locator("input[type=radio]").CheckAsync();
                await Assertions.Expect(other).ToHaveClassAsync(new Regex(@"\bon\b"));
            }),
            new("/admin/contracts", false, async p =>
            {
                await p.Locator(".k-q").FillAsync("没有这样的协议");
                await p.Locator(".k-search").ClickAsync();
                await Assertions.Expect(p.Locator(".ant-table-placeholder")).ToBeVisibleAsync();
            }),
            new("/admin/personal-contracts", false, async p =>
            {
                await p.Locator(".pc-search").ClickAsync();
                await p.WaitForURLAsync(new Regex(@"/admin/personal-contracts\?"));
                await Assertions.Expect(p.Locator("h1")).ToHaveTextAsync("人人契约");
            }),
            new(contract, false, p => InBackOfficeFrameAsync(p, ".contract-status")),
            new(order, false, p => InBackOfficeFrameAsync(p, ".m-status")),
            new(need, false, p => InBackOfficeFrameAsync(p, ".m-status")),
        ];
    }

    /// <summary>The server-rendered workbench hands a menu link to enhanced navigation: the next page comes without reloading the document.</summary>
    private static async Task WorkbenchAsync(IPage page)
    {
        var documents = 0;
        void Count(object? _, IRequest r) { if (r.ResourceType == "document") documents++; }
        page.Request += Count;
        await page.Locator(".bo-sider a[href='/admin/units']").ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("驻区单位");
        page.Request -= Count;
        Assert.Equal(0, documents);
    }

    private static async Task ExpandTreeAsync(IPage page)
    {
        var nodes = page.Locator(".ant-tree-treenode");
        await Assertions.Expect(nodes.First).ToBeVisibleAsync();
        var before = await nodes.CountAsync();
        await page.Locator(".ant-tree-switcher_close").First.ClickAsync();
        await Assertions.Expect(nodes).Not.ToHaveCountAsync(before);
    }

    private static async Task SwitchTabAsync(IPage page)
    {
        var other = page.Locator(".page-tabs .ant-tabs-tab:not(.ant-tabs-tab-active)").First;
        // The name without its count: an interactive page may still be loading the figures when the name is read.
        var name = (await other.InnerTextAsync()).Split('（')[0];
        await other.Locator(".ant-tabs-tab-btn").ClickAsync(); // a button, or a link on a server-rendered page
        await Assertions.Expect(page.Locator(".page-tabs .ant-tabs-tab-active")).ToContainTextAsync(name);
    }

    private static async Task SearchNothingAsync(IPage page, string input, ILocator search)
    {
        await Assertions.Expect(page.Locator("main .ant-table-row").First).ToBeVisibleAsync();
        await page.Locator(input).First.FillAsync("没有这样的名称");
        await search.First.ClickAsync();
        await Assertions.Expect(page.Locator("main .ant-table-placeholder")).ToBeVisibleAsync();
    }

    private static async Task FilterOrdersAsync(IPage page)
    {
        var rows = page.Locator(".orders-table .ant-table-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        var options = await page.Locator(".order-status option").AllInnerTextsAsync();
        var shown = await rows.AllInnerTextsAsync();
        // A status some listed order is not in: after the filter every row shows it, or none is left.
        var status = options.Skip(1).First(o => shown.Any(r => !r.Contains(o, StringComparison.Ordinal)));
        await page.Locator(".order-status").SelectOptionAsync(new SelectOptionValue { Label = status });
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await page.WaitForFunctionAsync("""
            status => document.querySelector(".orders-table .ant-table-placeholder")
                || [...document.querySelectorAll(".orders-table .ant-table-row")].every(r => r.innerText.includes(status))
            """, status);
    }

    /// <summary>A staff page shared with phones shows the back-office menu, not the phone tab bar.</summary>
    private static async Task InBackOfficeFrameAsync(IPage page, string content)
    {
        await Assertions.Expect(page.Locator(content).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".bo-sider")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator(".m-nav").CountAsync());
    }
}
