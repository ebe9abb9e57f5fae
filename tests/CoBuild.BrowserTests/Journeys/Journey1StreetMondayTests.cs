using System.Text.RegularExpressions;
using CoBuild.Web.Infrastructure.Data;
using CoBuild.Web.Infrastructure.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MiniExcelLibs;
using static Microsoft.Playwright.Assertions;

namespace CoBuild.BrowserTests.Journeys;

/// <summary>
/// Journey 1, 府山街道 office on Monday morning: street.fushan reads what needs attention today, walks the org tree
/// down to communities, grids and resident units, imports a unit's Excel of 12 members that is refused whole for a
/// wrong ID-card check digit in row 7, imports the fixed file, and finds the members in their communities.
/// </summary>
public sealed class Journey1StreetMondayTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Street_admin_reads_the_day_walks_the_org_tree_and_imports_twelve_members()
    {
        var page = await app.DesktopAsync();
        await Journey.LogInAsync(page, "street.fushan", "/admin");

        // The home page: today's work for 府山街道.
        await Expect(page.Locator(".page-head h1")).ToHaveTextAsync("工作台");
        await Expect(page.Locator(".page-sub")).ToContainTextAsync("府山街道");
        await Expect(page.Locator(".page-sub")).ToContainTextAsync("今日待办");
        // The to-do list: each thing that asks for attention today, with a count and the page that lists exactly those.
        var todo = page.Locator(".todo-panel");
        await Expect(todo).ToContainTextAsync("今日待办");
        foreach (var (key, link) in new[] { ("contracts-overdue", "/admin/contracts?overdue=true"), ("contracts-to-sign", "/admin/contracts?tosign=true"),
            ("rounds-to-close", "/admin/rounds?status=open"), ("orders-answer", "/admin/orders?waiting=answer") })
        {
            var item = todo.Locator($".todo-item[data-key={key}]");
            await Expect(item.Locator("a")).ToHaveAttributeAsync("href", link);
            Assert.Matches(@"^\d+$", (await item.Locator(".todo-count").InnerTextAsync()).Trim());
        }
        await Expect(todo.Locator(".todo-item[data-key=auctions]")).ToContainTextAsync("即将举行的项目拍卖会");
        // The demo's overdue commitments: the street sees them first thing.
        Assert.True(int.Parse(await todo.Locator(".todo-item[data-key=contracts-overdue] .todo-count").InnerTextAsync()) >= 1, "the demo has overdue commitments to chase");
        await Journey.ShotAsync(page, "j1-01-home");

        // The org tree: 府山's communities; 蕺山社区 opens to its grids.
        await Journey.MenuAsync(page, "组织架构", "/admin/org");
        var tree = page.Locator(".org-tree");
        await Expect(tree.Locator(".org-node", new() { HasTextRegex = Exact("府山街道") })).ToBeVisibleAsync();
        await Expect(tree.Locator(".org-node", new() { HasTextRegex = Exact("仓桥社区") })).ToBeVisibleAsync();
        var jishanNode = tree.Locator(".ant-tree-treenode", new() { Has = page.Locator(".org-node", new() { HasTextRegex = Exact("蕺山社区") }) });
        await jishanNode.Locator(".ant-tree-switcher").ClickAsync();
        await Expect(tree.Locator(".org-node", new() { HasTextRegex = Exact("第1网格") }).First).ToBeVisibleAsync();
        await Expect(page.Locator(".ant-card-head-title", new() { HasText = "街道 · 府山街道" })).ToBeVisibleAsync();
        await Journey.ShotAsync(page, "j1-02-org-tree");

        // The street's own page: resident units with their party organizations, and the leaders on the street committee.
        await page.Locator("a.open-node").ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/admin/org/\d+$"));
        await Expect(page.Locator(".page-head h1")).ToHaveTextAsync("府山街道");
        var unitsCard = page.Locator(".wb-card", new() { Has = page.Locator(".ant-card-head-title", new() { HasText = "驻区单位（" }) });
        var unitRows = unitsCard.Locator("tbody tr.ant-table-row");
        await Expect(unitRows).ToHaveCountAsync(10); // the first page of 府山's units
        Assert.True(await unitRows.Filter(new() { HasTextRegex = new Regex("党(支部|总支|委)") }).CountAsync() >= 1, "units show their party organizations");
        var seatsCard = page.Locator(".wb-card", new() { Has = page.Locator(".ant-card-head-title", new() { HasText = "兼职委员（" }) });
        Assert.True(await seatsCard.Locator("tbody tr.ant-table-row").CountAsync() >= 1, "the street committee's seats are listed");
        await Expect(seatsCard.Locator("tbody tr.ant-table-row").First).ToContainTextAsync("府山街道");
        await Journey.ShotAsync(page, "j1-03-street-units-and-seats");
        await File.WriteAllTextAsync(Path.Combine(AppFixture.ScreenshotDir, "debug.html"), await page.ContentAsync());

        // The unit's Excel: 12 members, half in 蕺山社区 and half in 仓桥社区; row 7 (the 6th member) has a wrong check digit.
        var tag = "导入" + Guid.NewGuid().ToString("N")[..4];
        var rows = Enumerable.Range(1, 12).Select(i => new Dictionary<string, object?>
        {
            ["姓名"] = $"{tag}{i:00}", ["身份证号"] = IdCard(i), ["手机号"] = $"139057512{i:00}", ["职业"] = "医生", ["工作单位"] = "绍兴市人民医院",
            ["居住街道"] = "府山街道", ["居住社区"] = i % 2 == 0 ? "仓桥社区" : "蕺山社区", ["网格"] = "第1网格", ["技能特长"] = "义诊", ["服务意向"] = "义诊",
        }).ToList();
        var good = (string)rows[5]["身份证号"]!;
        rows[5]["身份证号"] = good[..17] + (good[17] == '1' ? '2' : '1');

        await Journey.MenuAsync(page, "数据导入", "/admin/imports");
        await Expect(page.Locator(".import-kind.on")).ToContainTextAsync("党员双报到");
        await page.SetInputFilesAsync("#import-file", Xlsx("府山街道党员报到-绍兴市人民医院.xlsx", rows));
        await Expect(page.Locator(".import-result")).ToContainTextAsync("未导入任何数据");
        var errors = page.Locator(".import-errors tbody tr");
        await Expect(errors).ToHaveCountAsync(1);
        await Expect(errors.Locator("td").Nth(0)).ToHaveTextAsync("7");
        await Expect(errors.Locator("td").Nth(1)).ToHaveTextAsync("身份证号");
        await Expect(errors.Locator("td").Nth(2)).ToContainTextAsync("校验位错误");
        await Journey.ShotAsync(page, "j1-04-import-refused");
        Assert.Equal(0, await CountAsync(tag));

        rows[5]["身份证号"] = good;
        await page.SetInputFilesAsync("#import-file", Xlsx("府山街道党员报到-绍兴市人民医院-改正.xlsx", rows));
        await Expect(page.Locator(".import-result")).ToContainTextAsync("导入成功：共 12 行，已保存 12 条");
        await Journey.ShotAsync(page, "j1-05-import-accepted");

        // The members appear in their residential communities.
        await Journey.MenuAsync(page, "党员双报到", "/admin/members", interactive: false);
        await page.Locator(".member-filter input").FillAsync(tag);
        await page.Locator(".member-filter input").PressAsync("Enter");
        var members = page.Locator(".member-table tbody tr.ant-table-row");
        await Expect(members).ToHaveCountAsync(12);
        await Expect(members.Filter(new() { HasText = "蕺山社区" })).ToHaveCountAsync(6);
        await Expect(members.Filter(new() { HasText = "仓桥社区" })).ToHaveCountAsync(6);
        await Expect(members.Locator("td.member-phone").First).ToHaveTextAsync(new Regex(@"^1\d{2}\*{4}\d{4}$"));
        await Journey.ShotAsync(page, "j1-06-members-imported");

        // And from the tree: 蕺山社区's own page lists its six.
        await Journey.MenuAsync(page, "组织架构", "/admin/org");
        await page.Locator(".org-tree .org-node", new() { HasTextRegex = Exact("蕺山社区") }).ClickAsync();
        await Expect(page.Locator(".ant-card-head-title", new() { HasText = "社区 · 蕺山社区" })).ToBeVisibleAsync();
        await page.Locator("a.open-node").ClickAsync();
        await Expect(page.Locator(".page-head h1")).ToHaveTextAsync("蕺山社区");
        await page.Locator(".members-card .member-filter input").FillAsync(tag);
        await page.Locator(".members-card .member-filter input").PressAsync("Enter");
        await Expect(page.Locator(".members-card .member-table tbody tr.ant-table-row")).ToHaveCountAsync(6);
        await Expect(page.Locator(".members-card .filter-bar")).ToContainTextAsync("共 6 条");
        await Journey.ShotAsync(page, "j1-07-jishan-members");
    }

    private static Regex Exact(string text) => new($"^{Regex.Escape(text)}$");

    private async Task<int> CountAsync(string tag)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.MemberRegistrations.CountAsync(r => r.PartyMember!.Name.StartsWith(tag));
    }

    private static string IdCard(int i)
    {
        var first17 = $"330602{new DateOnly(1980, 1, 1).AddDays(i * 97 + Random.Shared.Next(60)):yyyyMMdd}{Random.Shared.Next(1000):000}";
        return first17 + IdCardNumber.CheckChar(first17);
    }

    private static FilePayload Xlsx(string name, List<Dictionary<string, object?>> rows)
    {
        using var ms = new MemoryStream();
        ms.SaveAs(rows, excelType: ExcelType.XLSX);
        return new FilePayload { Name = name, MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = ms.ToArray() };
    }
}
