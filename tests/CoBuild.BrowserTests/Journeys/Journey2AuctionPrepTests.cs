using System.Text.RegularExpressions;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoBuild.BrowserTests.Journeys;

/// <summary>
/// Journey 2, preparing the project auction: street.fushan opens a two-way selection round over this quarter's needs,
/// units choose during the week, the street closes it, reads the stable matching with each unit's reason, confirms the
/// uncontested pair, sends the contested needs to a new auction with their free places as capacities, and prints the
/// lot list for the hall.
/// </summary>
public sealed class Journey2AuctionPrepTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Sewer = "蕺山社区雨污分流改造";
    private const string Meals = "蕺山社区养老服务站助餐";

    [Fact]
    public async Task Street_runs_a_round_confirms_the_uncontested_pair_and_sends_the_contested_needs_to_an_auction()
    {
        var today = DateTime.UtcNow.AddHours(8);
        var quarter = $"{today.Year}年第{(today.Month + 2) / 3}季度";
        var roundTitle = $"府山街道{quarter}双向选择";

        var street = await app.DesktopAsync();
        await Journey.LogInAsync(street, "street.fushan", "/admin");
        await Journey.MenuAsync(street, "双向选择", "/admin/rounds");
        await street.Locator(".round-new").ClickAsync();
        await street.Locator(".round-title").FillAsync(roundTitle);
        // Units fill in their choices for a week.
        await street.Locator(".round-form .round-deadline").FillAsync(today.AddDays(7).ToString("yyyy-MM-dd'T'18:00"));
        // The picker: 蕺山社区's two big needs, then one more from another community.
        var needs = street.Locator(".round-need");
        await street.Locator(".picker-community").SelectOptionAsync("蕺山社区");
        await Expect(needs.Filter(new() { HasNotText = "蕺山社区 · " })).ToHaveCountAsync(0);
        await Expect(needs.Filter(new() { HasText = $"蕺山社区 · {Sewer}" })).ToContainTextAsync("2 个名额");
        await Expect(needs.Filter(new() { HasText = $"蕺山社区 · {Meals}" })).ToContainTextAsync("3 个名额");
        await needs.Filter(new() { HasText = Sewer }).Locator("input").CheckAsync();
        await needs.Filter(new() { HasText = Meals }).Locator("input").CheckAsync();
        await street.Locator(".picker-community").SelectOptionAsync("");
        var other = needs.Filter(new() { HasNotText = "蕺山社区 · " }).First;
        var label = (await other.Locator(".picker-title").InnerTextAsync()).Split(" · ", 2);
        var (otherOwner, otherTitle) = (label[0].Trim(), label[1].Trim());
        await other.Locator("input").CheckAsync();
        await Expect(street.Locator(".picker-count")).ToContainTextAsync("已选 3 项");
        await Journey.ShotAsync(street, "j2-01-round-form");
        await street.Locator(".round-create").ClickAsync();
        var row = street.Locator(".rounds-table .ant-table-row", new() { HasText = roundTitle });
        await Expect(row).ToContainTextAsync("志愿填报中");
        await Expect(row).ToContainTextAsync(today.AddDays(7).ToString("yyyy-MM-dd") + " 18:00");

        // The week: one unit fills in its choice on the phone; the others' choices arrive the same way over the days.
        var unit = await app.PhoneAsync();
        await Journey.LogInAsync(unit, "unit.fushan.70", "/m");
        // The round waits on the unit's to-do list (and in its inbox).
        var toRank = unit.Locator(".todo-item[data-key=rounds-to-rank]");
        await Expect(toRank).ToContainTextAsync(roundTitle);
        await toRank.Locator("a").ClickAsync();
        await unit.WaitForURLAsync(new Regex(@"/m/rounds/\d+$"));
        await Expect(unit.Locator(".round-deadline-line")).ToContainTextAsync(today.AddDays(7).ToString("yyyy-MM-dd") + " 18:00");
        await unit.Locator(".round-choice").First.SelectOptionAsync(new SelectOptionValue { Label = $"{otherOwner} · {otherTitle}" });
        await unit.GetByRole(AriaRole.Button, new() { Name = "提交志愿" }).ClickAsync();
        await Expect(unit.Locator(".form-ok")).ToContainTextAsync("志愿已保存");
        await Journey.AssertFitsAsync(unit, "the round on the phone");
        await Journey.ShotAsync(unit, "j2-02-unit-chooses-on-phone");
        await ChooseAsync(roundTitle, Sewer, 71, 72, 73);
        await ChooseAsync(roundTitle, Meals, 74, 75, 76, 77);

        // A week later: close, read the matching and the reasons.
        await street.ReloadAsync();
        await Journey.LiveAsync(street);
        await row.Locator("a", new() { HasText = "查看" }).ClickAsync();
        await street.WaitForURLAsync(new Regex(@"/admin/rounds/\d+$"));
        await Journey.LiveAsync(street);
        await street.Locator(".round-close").ClickAsync();
        await Expect(street.Locator(".record-alert")).ToContainTextAsync("已截止");
        await Expect(street.Locator(".welfare-card")).ToContainTextAsync("稳定匹配：6 对");
        var outcomes = street.Locator(".outcomes-table tbody tr.ant-table-row");
        await Expect(outcomes).ToHaveCountAsync(8);
        await Expect(outcomes.Filter(new() { HasText = "匹配成功" })).ToHaveCountAsync(6);
        await Expect(outcomes.Filter(new() { HasText = "名额已满" })).ToHaveCountAsync(2);
        var needRows = street.Locator(".round-needs-table tbody tr.ant-table-row");
        await Expect(needRows.Filter(new() { HasText = Sewer })).ToContainTextAsync("争议需求");
        await Expect(needRows.Filter(new() { HasText = Meals })).ToContainTextAsync("争议需求");
        await Expect(needRows.Filter(new() { HasText = otherTitle })).Not.ToContainTextAsync("争议");
        await Journey.ShotAsync(street, "j2-03-round-matching-reasons");

        // Confirm: the uncontested pair becomes a claim; the contested places wait for the auction.
        await street.Locator(".round-confirm").ClickAsync();
        await Expect(street.Locator(".record-alert")).ToContainTextAsync("已生成 1 张认领单");
        await Expect(street.Locator(".record-alert")).ToContainTextAsync("留待拍卖会 5 对");
        await Expect(outcomes.Filter(new() { HasText = otherTitle }).Locator("a", new() { HasText = "认领单" })).ToHaveCountAsync(1);
        await Journey.ShotAsync(street, "j2-04-round-confirmed");

        // A new auction from the round's contested needs, each with its free places as the lot's capacity.
        await Journey.MenuAsync(street, "项目拍卖会", "/admin/auctions");
        var auctionTitle = $"府山街道{quarter}共建项目拍卖会";
        await street.Locator("input.auction-title").FillAsync(auctionTitle);
        await Expect(street.Locator("select.auction-mode option:checked")).ToContainTextAsync("举牌表达共建意向");
        await street.Locator("select.auction-round").SelectOptionAsync(new SelectOptionValue { Label = $"{roundTitle}（争议需求 2 项）" });
        await Journey.ShotAsync(street, "j2-05-auction-from-round");
        await street.Locator("button.auction-create").ClickAsync();
        await street.WaitForURLAsync(new Regex(@"/admin/auctions/\d+$"));
        await Expect(street.Locator(".page-head h1")).ToHaveTextAsync(auctionTitle);
        var lots = street.Locator(".lots-table tbody tr.ant-table-row");
        await Expect(lots).ToHaveCountAsync(2);
        await Expect(lots.Filter(new() { HasText = Sewer }).Locator("td").Nth(2)).ToHaveTextAsync("2");
        await Expect(lots.Filter(new() { HasText = Meals }).Locator("td").Nth(2)).ToHaveTextAsync("3");

        // The sewer lot cannot be put up for more units than the need has places left.
        await lots.Filter(new() { HasText = Sewer }).Locator(".lot-edit").ClickAsync();
        await Expect(street.Locator("input.lot-title")).ToHaveValueAsync(Sewer);
        await street.Locator("input.lot-capacity").FillAsync("3");
        await street.Locator("button.lot-save").ClickAsync();
        await Expect(street.Locator(".record-alert")).ToContainTextAsync("只剩 2 个名额");
        await street.Locator("input.lot-capacity").FillAsync("2");
        await street.Locator("input.lot-title").FillAsync(Sewer + "（共建 2 家）");
        await street.Locator("button.lot-save").ClickAsync();
        await Expect(street.Locator(".record-alert")).ToContainTextAsync("拍品已修改");
        await Expect(lots.Filter(new() { HasText = Sewer + "（共建 2 家）" })).ToHaveCountAsync(1);
        await Journey.ShotAsync(street, "j2-06-auction-lots");

        // The lot list for the hall, printed from the public results page.
        var print = await street.RunAndWaitForPopupAsync(() => street.Locator(".auction-links a", new() { HasText = "打印拍品单" }).ClickAsync());
        await print.WaitForLoadStateAsync();
        await Expect(print.Locator("h1")).ToHaveTextAsync(auctionTitle);
        var list = print.Locator(".result-list > li");
        await Expect(list).ToHaveCountAsync(2);
        await Expect(list.Nth(0)).ToContainTextAsync("第 1 号");
        await Expect(list.Filter(new() { HasText = Meals })).ToContainTextAsync("可共建 3 家");
        await print.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(print.Locator(".no-print").First).ToBeHiddenAsync();
        await Journey.ShotAsync(print, "j2-07-lot-list-print");
    }

    /// <summary>Units' choices during the week, as their phones submit them (the phone step itself is shown above).</summary>
    private async Task ChooseAsync(string roundTitle, string need, params int[] units)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var roundId = await db.SelectionRounds.Where(r => r.Title == roundTitle).Select(r => r.Id).SingleAsync();
        var needId = await db.Needs.Where(n => n.Title == need).Select(n => n.Id).SingleAsync();
        foreach (var n in units)
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == $"unit.fushan.{n}");
            await RoundEdits.RankNeedsAsync(db, Caller.Of(user), roundId, [needId], DateTimeOffset.UtcNow, default);
        }
    }
}
