using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// 项目化管理 at the desk: 蕺山社区 sets up a project from 项目清单, adds the drainage company, a milestone, money and a
/// photo, reports it finished and accepts it; residents see it all on the public page on a phone; another street
/// is refused.
/// </summary>
public sealed partial class ProjectAdminTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private const string Title = "蕺山社区口袋公园提升工程";
    private const string Drainage = "绍兴市城市排水有限公司";

    [Fact]
    public async Task Community_manages_and_accepts_a_project_the_public_sees_it_and_another_street_is_refused()
    {
        var desk = await app.NewPageAsync();
        await AppFixture.LogInAsync(desk, "community.jishan", "/admin");
        await desk.GotoAsync("/admin/menus");
        await desk.GetByRole(AriaRole.Tab, new() { NameRegex = new Regex("项目清单") }).ClickAsync();
        var open = desk.Locator(".projects-table a.project-open").First;
        await Assertions.Expect(open).ToHaveAttributeAsync("href", new Regex(@"^/admin/projects/\d+$"));
        await desk.Locator("a.project-new").ClickAsync();
        await desk.WaitForURLAsync("**/admin/projects/new");
        await Assertions.Expect(desk.Locator(".pj-new-lead")).ToHaveTextAsync("蕺山社区");

        // An empty title is refused on the form, not with an error page.
        await desk.Locator(".pj-new input[name=title]").EvaluateAsync("e => e.removeAttribute('required')");
        await desk.Locator(".pj-new-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-new-error")).ToContainTextAsync("项目名称");
        await desk.Locator(".pj-new input[name=title]").FillAsync(Title);
        await desk.Locator(".pj-new textarea[name=description]").FillAsync("改造闲置角地为口袋公园，增设休憩座椅与雨水花园。");
        await desk.Locator(".pj-new-go").ClickAsync();
        await desk.WaitForURLAsync(new Regex(@"/admin/projects/\d+\?done=create"));
        var id = ProjectId().Match(desk.Url).Groups[1].Value;
        await Assertions.Expect(desk.Locator(".pj-title")).ToHaveTextAsync(Title);
        await Assertions.Expect(desk.Locator(".pj-lead")).ToContainTextAsync("蕺山社区");
        await Assertions.Expect(desk.Locator(".pj-public")).ToHaveAttributeAsync("href", $"/projects/{id}");
        await Assertions.Expect(desk.Locator(".pj-accept-who")).ToContainTextAsync("进度达到 100%");

        // The drainage company as partner.
        await desk.Locator(".pj-participants summary").ClickAsync();
        await desk.Locator(".pj-who").SelectOptionAsync(new SelectOptionValue { Label = Drainage });
        await desk.Locator(".pj-role").SelectOptionAsync("Partner");
        await desk.Locator(".pj-participants input[name=duty]").FillAsync("负责雨水花园管网接入");
        await desk.Locator(".pj-participant-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-ok")).ToContainTextAsync("参与单位已添加");
        await Assertions.Expect(desk.Locator(".pj-participant", new() { HasText = Drainage })).ToContainTextAsync("共建");

        // A milestone, then done.
        await desk.Locator(".pj-milestones summary").ClickAsync();
        var today = await desk.Locator(".pj-milestones input[name=dueOn]").GetAttributeAsync("min") ?? "";
        await desk.Locator(".pj-milestones input[name=title]").FillAsync("场地清理");
        await desk.Locator(".pj-milestones input[name=dueOn]").FillAsync(today);
        await desk.Locator(".pj-milestone-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-milestone.open", new() { HasText = "场地清理" })).ToHaveCountAsync(1);
        await desk.Locator(".pj-milestone", new() { HasText = "场地清理" }).Locator(".pj-done-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-ok")).ToContainTextAsync("节点已完成");
        await Assertions.Expect(desk.Locator(".pj-milestone.done", new() { HasText = "场地清理" })).ToHaveCountAsync(1);

        // Money.
        await desk.Locator(".pj-budget summary").ClickAsync();
        await desk.Locator(".pj-source").SelectOptionAsync(new SelectOptionValue { Label = "共建单位" });
        await desk.Locator(".pj-budget input[name=funder]").FillAsync(Drainage);
        await desk.Locator(".pj-budget input[name=amount]").FillAsync("50000");
        await desk.Locator(".pj-budget-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-total")).ToHaveTextAsync("50,000");

        // A text file and an oversize image are refused on the form with the limit; a PNG is kept.
        await desk.Locator(".pj-file").SetInputFilesAsync(new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = "hello"u8.ToArray() });
        await desk.Locator(".pj-upload-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-upload-error")).ToContainTextAsync("类型不被接受");
        await Assertions.Expect(desk.Locator(".pj-upload-error")).ToContainTextAsync("5 MB");
        var big = new byte[6 * 1024 * 1024];
        Png.CopyTo(big, 0);
        await desk.Locator(".pj-file").SetInputFilesAsync(new FilePayload { Name = "huge.png", MimeType = "image/png", Buffer = big });
        await desk.Locator(".pj-upload-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-upload-error")).ToContainTextAsync("超过上限");
        await AppFixture.ScreenshotAsync(desk, "71-admin-project-upload-error");
        await desk.Locator(".pj-file").SetInputFilesAsync(new FilePayload { Name = "site.png", MimeType = "image/png", Buffer = Png });
        await desk.Locator(".pj-upload-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-ok")).ToContainTextAsync("资料已上传");
        await Assertions.Expect(desk.Locator(".pj-files img")).ToHaveCountAsync(1);

        // Finished, then accepted by the community's own account.
        await desk.Locator(".pj-progress input[name=progress]").FillAsync("100");
        await desk.Locator(".pj-progress input[name=note]").FillAsync("公园建成开放");
        await desk.Locator(".pj-progress-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-progress-text")).ToHaveTextAsync("100%");
        await desk.Locator(".pj-accept textarea[name=note]").FillAsync("经现场查看，质量合格");
        await desk.Locator(".pj-accept-go").ClickAsync();
        await Assertions.Expect(desk.Locator(".pj-accepted")).ToContainTextAsync("蕺山社区验收");
        await Assertions.Expect(desk.Locator(".pj-status")).ToHaveTextAsync("已验收");
        await Assertions.Expect(desk.Locator(".pj-timeline")).ToContainTextAsync("社区验收");
        await Assertions.Expect(desk.Locator(".pj-archived")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator(".pj-upload-go")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(desk, "72-admin-project-accepted");

        // The same page holds on a phone.
        var deskPhone = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(deskPhone, "community.jishan", "/admin");
        await deskPhone.GotoAsync($"/admin/projects/{id}");
        await Assertions.Expect(deskPhone.Locator(".pj-title")).ToHaveTextAsync(Title);
        await AssertFitsAsync(deskPhone, "project admin page");
        await AppFixture.ScreenshotAsync(deskPhone, "73-admin-project-phone");

        // Residents see it on the public page.
        var phone = await app.NewPageAsync(375, 812);
        await phone.GotoAsync($"/projects/{id}");
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync(Title);
        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync(Drainage);
        await Assertions.Expect(phone.Locator("li.done", new() { HasText = "场地清理" })).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator(".plain-table")).ToContainTextAsync("50,000");
        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync("社区验收");
        await Assertions.Expect(phone.Locator("body")).ToContainTextAsync("已验收");
        await AssertFitsAsync(phone, "public project page");
        await AppFixture.ScreenshotAsync(phone, "74-public-project-phone");

        // Another street's account is refused; a wrong id is not found.
        var other = await app.NewPageAsync();
        await AppFixture.LogInAsync(other, "street.dongpu", "/admin");
        await other.GotoAsync($"/admin/projects/{id}");
        await Assertions.Expect(other.Locator(".pj-refused")).ToContainTextAsync("不负责该项目");
        await Assertions.Expect(other.Locator(".pj-form")).ToHaveCountAsync(0);
        await AppFixture.ScreenshotAsync(other, "75-admin-project-refused");
        await other.GotoAsync("/admin/projects/999999");
        await Assertions.Expect(other.Locator(".pj-missing")).ToContainTextAsync("未找到");
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{what} is {width}px wide on a 375px screen");
    }

    [GeneratedRegex(@"/admin/projects/(\d+)")]
    private static partial Regex ProjectId();
}
