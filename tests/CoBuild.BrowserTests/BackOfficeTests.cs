using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>Journey 1 subset: a street admin reads the org tree and a community's members; another street is refused.</summary>
public sealed partial class BackOfficeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Street_admin_opens_Jishan_from_the_org_tree_and_sees_masked_member_phones()
    {
        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");
        await AppFixture.ScreenshotAsync(page, "01-workbench-street-fushan");

        await AppFixture.OpenInteractiveAsync(page, "/admin/org");
        var jishan = page.Locator(".org-node", new() { HasTextString = "蕺山社区" });
        await jishan.ClickAsync();
        await Assertions.Expect(page.Locator(".ant-card-head-title", new() { HasTextString = "社区 · 蕺山社区" })).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(page, "02-org-tree-jishan");

        await page.Locator("a.open-node").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/admin/org/\d+$"));
        var phones = page.Locator(".member-table td.member-phone");
        await Assertions.Expect(phones.First).ToBeVisibleAsync();
        var values = await phones.AllInnerTextsAsync();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.Matches(MaskedPhone(), v.Trim()));
        await Assertions.Expect(page.Locator(".members-card")).ToContainTextAsync("王晓燕");
        await AppFixture.ScreenshotAsync(page, "03-jishan-members");
    }

    [Fact]
    public async Task Another_street_admin_typing_the_Jishan_url_gets_403_and_no_member_data()
    {
        var jishanId = await JishanIdAsync();
        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.dongpu", "/admin");

        await page.GotoAsync($"/admin/org/{jishanId}");
        await Assertions.Expect(page.Locator(".result-403")).ToContainTextAsync("无权查看");
        await AppFixture.ScreenshotAsync(page, "04-dongpu-denied-jishan");
        var html = await page.ContentAsync();
        Assert.DoesNotContain("王晓燕", html);
        Assert.DoesNotContain("member-table", html);
        Assert.Equal(0, await page.Locator(".member-table").CountAsync());
    }

    [Fact]
    public async Task Adding_a_duplicate_grid_shows_a_form_message_and_a_new_grid_joins_the_tree()
    {
        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(page, "/admin/org");
        await page.Locator(".org-node", new() { HasTextString = "蕺山社区" }).ClickAsync();
        var add = page.Locator("form.org-add");
        await Assertions.Expect(add).ToBeVisibleAsync();

        await add.GetByRole(AriaRole.Textbox).FillAsync("第1网格");
        await add.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator(".ant-alert-error")).ToContainTextAsync("已有“第1网格”");
        await AppFixture.ScreenshotAsync(page, "05-duplicate-grid-refused");

        await add.GetByRole(AriaRole.Textbox).FillAsync("第9网格");
        await add.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator(".ant-card-head-title", new() { HasTextString = "网格 · 第9网格" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".org-node", new() { HasTextString = "第9网格" })).ToBeVisibleAsync();
    }

    private async Task<int> JishanIdAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var communities = await http.GetFromJsonAsync<List<OrgUnitItem>>("/api/v1/org-units?level=Community");
        return communities!.Single(c => c.Name == "蕺山社区").Id;
    }

    private sealed record OrgUnitItem(int Id, string Name);

    [GeneratedRegex(@"^1\d{2}\*{4}\d{4}$")]
    private static partial Regex MaskedPhone();
}
