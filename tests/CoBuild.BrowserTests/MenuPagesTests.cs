using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// Back office: a community publishes a need from the three lists page; the street runs a selection round over it,
/// a unit fills in its choices on the phone, the street closes the round and sees who got what and why.
/// A community books a Red Cube room from the phone and a clash is refused with the slot named.
/// </summary>
public sealed class MenuPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Community_publishes_a_need_street_runs_a_round_unit_chooses_on_the_phone()
    {
        var title = "楼道照明改造" + Guid.NewGuid().ToString("N")[..4];
        var cadre = await app.NewPageAsync();
        await AppFixture.LogInAsync(cadre, "community.jishan", "/admin");
        await cadre.GotoAsync("/admin/menus");
        await cadre.Locator(".menu-q").FillAsync("助餐");
        await cadre.Locator(".menu-search").ClickAsync();
        await Assertions.Expect(cadre.Locator(".needs-table .ant-table-row").First).ToContainTextAsync("助餐");
        await cadre.Locator(".need-new").ClickAsync();
        await cadre.Locator(".need-title").FillAsync(title);
        await cadre.Locator(".need-capacity").FillAsync("1");
        await cadre.Locator(".need-group").SelectOptionAsync("C03");
        await cadre.Locator(".menu-q").FillAsync("");
        await cadre.Locator(".need-create").ClickAsync();
        await Assertions.Expect(cadre.Locator(".needs-table .ant-table-row").First).ToContainTextAsync(title);
        await AppFixture.ScreenshotAsync(cadre, "44-menus-needs");
        // Hidden tabs load when opened: 蕺山 sees its street's (府山) resources.
        await cadre.GetByRole(AriaRole.Tab, new() { NameRegex = new System.Text.RegularExpressions.Regex("资源清单") }).ClickAsync();
        await Assertions.Expect(cadre.Locator(".resources-table .ant-table-row").First).ToContainTextAsync("府山");
        await AppFixture.ScreenshotAsync(cadre, "44-menus-resources");
        var fund = "社区微心愿基金" + Guid.NewGuid().ToString("N")[..4];
        await cadre.Locator(".resource-new").ClickAsync();
        await cadre.Locator(".resource-title").FillAsync(fund);
        await cadre.Locator(".resource-kind").SelectOptionAsync("Fund");
        await cadre.Locator(".resource-group").SelectOptionAsync("B03");
        await cadre.Locator(".resource-amount").FillAsync("8000");
        await cadre.Locator(".resource-create").ClickAsync();
        await Assertions.Expect(cadre.Locator(".resources-table .ant-table-row", new() { HasText = fund })).ToContainTextAsync("8000/8000 元");

        var street = await app.NewPageAsync();
        await AppFixture.LogInAsync(street, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(street, "/admin/rounds");
        await street.Locator(".round-new").ClickAsync();
        await street.Locator(".round-title").FillAsync("浏览器测试轮次 " + title);
        await street.Locator(".round-need", new() { HasText = title }).Locator("input").CheckAsync();
        await street.Locator(".round-create").ClickAsync();
        var row = street.Locator(".rounds-table .ant-table-row", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync("志愿填报中");

        var unit = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(unit, "unit.fushan.70", "/m");
        await unit.GotoAsync("/m/needs");
        await unit.Locator(".m-round a", new() { HasText = title }).ClickAsync();
        await unit.Locator(".round-choice").First.SelectOptionAsync(new SelectOptionValue { Label = $"蕺山社区 · {title}" });
        await unit.GetByRole(AriaRole.Button, new() { Name = "提交志愿" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".form-ok")).ToContainTextAsync("志愿已保存");
        await AppFixture.ScreenshotAsync(unit, "45-phone-round-choice");

        // The community puts the units that chose its need in order.
        await AppFixture.OpenInteractiveAsync(cadre, "/admin/rounds");
        await cadre.Locator(".rounds-table .ant-table-row", new() { HasText = title }).Locator("a", new() { HasText = "查看" }).ClickAsync();
        var card = cadre.Locator(".rank-card", new() { HasText = title });
        await Assertions.Expect(card).ToContainTextAsync("绍兴");
        await card.Locator(".rank-input").First.FillAsync("1");
        await card.Locator(".rank-save").ClickAsync();
        await Assertions.Expect(cadre.Locator(".record-alert")).ToContainTextAsync("单位排序已保存");
        await AppFixture.ScreenshotAsync(cadre, "46-round-community-ranks");
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var needId = await db.Needs.Where(n => n.Title == title).Select(n => n.Id).SingleAsync();
            Assert.Equal(1, await db.RoundRankings.CountAsync(r => r.NeedId == needId && r.Side == RankSide.Need));
        }

        await row.Locator("a", new() { HasText = "查看" }).ClickAsync();
        await street.WaitForSelectorAsync(".round-close");
        await street.Locator(".round-close").ClickAsync();
        await Assertions.Expect(street.Locator(".outcomes-table")).ToContainTextAsync("匹配成功");
        await Assertions.Expect(street.Locator(".welfare-card")).ToContainTextAsync("稳定匹配：1 对");
        await street.Locator(".round-confirm").ClickAsync();
        await Assertions.Expect(street.Locator(".record-alert")).ToContainTextAsync("已生成 1 张认领单");
        await AppFixture.ScreenshotAsync(street, "48-round-result");
    }

    [Fact]
    public async Task Community_books_a_room_on_the_phone_and_a_clash_names_the_taken_slot()
    {
        var page = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(page, "community.jishan", "/admin");
        await page.GotoAsync("/m/resources?q=" + Uri.EscapeDataString("儿童之家"));
        await page.Locator(".resources-list a").First.ClickAsync();
        var day = DateTime.UtcNow.AddHours(8).Date.AddDays(20 + Random.Shared.Next(200)).ToString("yyyy-MM-dd");
        async Task Book(string from, string to)
        {
            await page.Locator("input[name=Day]").FillAsync(day);
            await page.Locator("input[name=From]").FillAsync(from);
            await page.Locator("input[name=To]").FillAsync(to);
            await page.GetByRole(AriaRole.Button, new() { Name = "提交点单" }).ClickAsync();
        }
        await Book("09:00", "11:00");
        await Assertions.Expect(page.Locator(".m-status")).ToHaveTextAsync("待受理");
        await page.GoBackAsync();
        await page.ReloadAsync();
        await Book("10:00", "12:00");
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync($"{day} 09:00 至 11:00");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"resource page is {width}px wide on a 375px screen");
        await AppFixture.ScreenshotAsync(page, "47-phone-room-clash");
    }
}
