using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>After a committee meeting the street records its minutes and who was absent, from the meeting drawer.</summary>
public sealed class MeetingRecordTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Street_records_minutes_and_an_absence()
    {
        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(page, "/admin/committees");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("委员会议") }).ClickAsync();
        // A held meeting shows its attendance as "present / invited"; an upcoming one says 待召开.
        var past = page.Locator(".ant-tabs-tabpane-active .ant-table-row", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"\d+ / \d+") }).First;
        var title = (await past.Locator("td").First.InnerTextAsync()).Trim();
        await past.Locator("a", new() { HasTextString = "详情" }).ClickAsync();

        var drawer = page.Locator(".ant-drawer-content");
        var minutes = "会议决定由排水公司牵头雨污分流 " + Guid.NewGuid().ToString("N")[..6];
        await drawer.Locator(".meeting-minutes").FillAsync(minutes);
        var boxes = drawer.Locator(".attendance-edit input[type=checkbox]");
        for (var i = 0; i < await boxes.CountAsync(); i++) await boxes.Nth(i).CheckAsync();
        await boxes.First.UncheckAsync();
        await drawer.Locator(".meeting-save").ClickAsync();

        await Assertions.Expect(drawer.Locator(".record-alert")).ToContainTextAsync("已保存");
        await Assertions.Expect(drawer.Locator(".attendance li").First).ToContainTextAsync("缺席");
        await AppFixture.ScreenshotAsync(page, "26-meeting-recorded");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var saved = await db.CommitteeMeetings.Include(m => m.Attendance).SingleAsync(m => m.Title == title);
        Assert.Equal(minutes, saved.Minutes);
        Assert.Equal(1, saved.Attendance.Count(a => !a.Present));
    }

    [Fact]
    public async Task Street_schedules_a_meeting_in_Beijing_time()
    {
        var page = await app.NewPageAsync();
        await AppFixture.LogInAsync(page, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(page, "/admin/committees");
        await page.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("委员会议") }).ClickAsync();
        await page.Locator(".meeting-new").ClickAsync();
        var form = page.Locator(".meeting-form");
        await form.Locator(".meeting-create").ClickAsync();
        await Assertions.Expect(form.Locator(".record-alert")).ToContainTextAsync("请选择委员会");

        var title = "雨污分流专题会 " + Guid.NewGuid().ToString("N")[..4];
        await form.Locator(".meeting-committee").SelectOptionAsync(new SelectOptionValue { Label = "府山街道大工委" });
        await form.Locator(".meeting-title").FillAsync(title);
        await form.Locator(".meeting-when").FillAsync("2027-01-15T14:30");
        await form.Locator(".meeting-location").FillAsync("府山红立方议事协商室");
        await form.Locator(".meeting-agenda").FillAsync("研究蕺山社区雨污分流分工");
        await form.Locator(".meeting-create").ClickAsync();
        await Assertions.Expect(page.Locator(".ant-drawer-content")).ToContainTextAsync(title);
        await Assertions.Expect(page.Locator(".ant-drawer-content")).ToContainTextAsync("2027-01-15 14:30");
        await AppFixture.ScreenshotAsync(page, "28-meeting-created");

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var saved = await db.CommitteeMeetings.SingleAsync(m => m.Title == title);
        Assert.Equal(new DateTimeOffset(2027, 1, 15, 6, 30, 0, TimeSpan.Zero), saved.HeldAt);
    }
}
