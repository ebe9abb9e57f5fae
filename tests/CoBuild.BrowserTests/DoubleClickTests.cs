using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.BrowserTests;

/// <summary>A double click on an interactive form's save button creates one record (issue 12).</summary>
public sealed class DoubleClickTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_double_click_on_publish_creates_one_need()
    {
        var title = "双击发布的需求" + Guid.NewGuid().ToString("N")[..4];
        var cadre = await app.NewPageAsync();
        await AppFixture.LogInAsync(cadre, "community.jishan", "/admin");
        await AppFixture.OpenInteractiveAsync(cadre, "/admin/menus");
        await cadre.Locator(".need-new").ClickAsync();
        await cadre.Locator(".need-title").FillAsync(title);
        await cadre.Locator(".need-capacity").FillAsync("1");
        await cadre.Locator(".need-group").SelectOptionAsync("C03");
        await cadre.Locator(".need-create").DblClickAsync();
        await Microsoft.Playwright.Assertions.Expect(cadre.Locator(".needs-table .ant-table-row").First).ToContainTextAsync(title);
        await Task.Delay(1500); // a second save, if one was sent, has landed by now

        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Needs.CountAsync(n => n.Title == title));
    }
}
