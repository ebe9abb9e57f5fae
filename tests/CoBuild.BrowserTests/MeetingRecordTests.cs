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
        await drawer.Locator(".meeting-record textarea").FillAsync(minutes);
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
}
