using System.Text.RegularExpressions;
using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoBuild.BrowserTests.Journeys;

/// <summary>
/// Journey 4, signing and delivering: unit.drainage opens on its phone the draft the auction left, reads the
/// commitments and signs; community.jishan signs at its desk, the contract is in force and its PDF downloads; the unit
/// records a delivery with a photo from the phone, the community confirms it, and the street sees the commitment done.
/// </summary>
public sealed class Journey4SigningTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Lot = "蕺山社区雨污分流改造（二期）";
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Unit_signs_on_the_phone_community_signs_at_the_desk_the_delivery_is_confirmed_and_the_street_sees_it_done()
    {
        await HammerForDrainageAsync();

        // The unit's representative, on the phone: the draft waits on the home page.
        var unit = await app.PhoneAsync();
        await Journey.LogInAsync(unit, "unit.drainage", "/m");
        await Expect(unit.Locator(".m-drafts")).ToContainTextAsync("待签共建协议草稿 1 份");
        await Journey.ShotAsync(unit, "j4-01-phone-home-draft");
        await unit.Locator(".m-drafts a").ClickAsync();
        await unit.WaitForURLAsync("**/m/contracts");
        var draft = unit.Locator(".contracts-list li", new() { HasText = Lot });
        await Expect(draft.Locator(".k-sign")).ToHaveTextAsync("待本方签署");
        await draft.Locator("a").First.ClickAsync();
        await unit.WaitForURLAsync(new Regex(@"/contracts/\d+$"));
        var path = new Uri(unit.Url).AbsolutePath;
        await Expect(unit.Locator(".contract-status")).ToHaveTextAsync("草稿");
        // The parties are the party organizations, with the places they belong to.
        await Expect(unit.Locator(".contract-party-a")).ToContainTextAsync(new Regex("^中共蕺山社区委员会|蕺山社区.*党"));
        await Expect(unit.Locator(".contract-party-a")).ToContainTextAsync("蕺山社区");
        await Expect(unit.Locator(".contract-party-b")).ToContainTextAsync("绍兴市城市排水有限公司党支部");
        await Expect(unit.Locator(".contract-party-b")).ToContainTextAsync("本方");
        await Expect(unit.Locator(".k-commitment").First).ToContainTextAsync($"乙方 · 共建“{Lot}”");
        await Journey.AssertFitsAsync(unit, "the draft");
        await Journey.ShotAsync(unit, "j4-02-phone-draft");
        await unit.Locator(".contract-sign-go").ClickAsync();
        await Expect(unit.Locator(".contract-ok")).ToContainTextAsync("已签署");
        await Expect(unit.Locator(".contract-status")).ToHaveTextAsync("待签署");
        await Expect(unit.Locator(".contract-waiting")).ToContainTextAsync("等待对方签署");
        await Journey.ShotAsync(unit, "j4-03-phone-unit-signed");

        // The community's cadre, at the desk: finds the contract waiting for its signature and signs.
        var cadre = await app.DesktopAsync();
        await Journey.LogInAsync(cadre, "community.jishan", "/admin");
        var toSign = cadre.Locator(".todo-item[data-key=contracts-to-sign]");
        await Expect(toSign.Locator(".todo-count")).ToHaveTextAsync("1");
        await Journey.ShotAsync(cadre, "j4-04-desk-todo-contract-to-sign");
        await toSign.Locator("a").ClickAsync();
        await cadre.WaitForURLAsync("**/admin/contracts?tosign=true");
        await Expect(cadre.Locator(".contracts-table tbody tr.ant-table-row")).ToHaveCountAsync(1);
        var row = cadre.Locator(".contracts-table tbody tr", new() { HasText = Lot });
        await Expect(row).ToContainTextAsync("待签署");
        await Journey.ShotAsync(cadre, "j4-05-desk-contracts-to-sign");
        // Staff open the contract inside the back office: side menu, no phone tab bar.
        await row.Locator("a", new() { HasText = Lot }).ClickAsync();
        await cadre.WaitForURLAsync(new Regex(@"/admin/contracts/\d+$"));
        await Expect(cadre.Locator(".bo-sider")).ToBeVisibleAsync();
        await Expect(cadre.Locator(".m-nav")).ToHaveCountAsync(0);
        await Expect(cadre.Locator(".k-signatures")).ToContainTextAsync("乙方");
        await cadre.Locator(".contract-sign-go").ClickAsync();
        await Expect(cadre.Locator(".contract-status")).ToHaveTextAsync("履约中");
        await Expect(cadre.Locator(".k-signatures li")).ToHaveCountAsync(2);
        await Journey.ShotAsync(cadre, "j4-06-desk-community-signed");

        // The PDF for the files: both parties and the verification code, downloadable from the page.
        var pdfHref = await cadre.Locator(".contract-pdf").GetAttributeAsync("href");
        var pdf = await cadre.APIRequest.GetAsync(pdfHref!);
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("application/pdf", pdf.Headers["content-type"]);
        var bytes = await pdf.BodyAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.True(bytes.Length > 5_000, $"the PDF has {bytes.Length} bytes");

        // Months later: the unit records a delivery with a photo from the phone.
        await unit.ReloadAsync();
        await Expect(unit.Locator(".contract-status")).ToHaveTextAsync("履约中");
        var commitment = unit.Locator(".k-commitment", new() { HasText = "乙方" }).First;
        await commitment.Locator("summary", new() { HasText = "登记履约" }).ClickAsync();
        await commitment.Locator("textarea[name=description]").FillAsync("二期雨污管网改造完工，新建污水管 0.6 公里，经闭水试验合格。");
        await commitment.Locator("input[name=completes]").CheckAsync();
        await commitment.Locator("input[name=file]").SetInputFilesAsync(new FilePayload { Name = "闭水试验.png", MimeType = "image/png", Buffer = Png });
        await Journey.ShotAsync(unit, "j4-07-phone-delivery-form");
        await commitment.Locator("button[type=submit]", new() { HasText = "提交履约记录" }).ClickAsync();
        await Expect(unit.Locator(".contract-ok")).ToContainTextAsync("履约记录已提交");
        var delivery = unit.Locator(".k-delivery", new() { HasText = "二期雨污管网改造完工" });
        await Expect(delivery).ToContainTextAsync("待确认");
        await Expect(delivery.Locator(".k-files a")).ToContainTextAsync("闭水试验.png");
        await Journey.AssertFitsAsync(unit, "the delivery");
        await Journey.ShotAsync(unit, "j4-08-phone-delivery-recorded");

        // The community confirms it.
        await cadre.ReloadAsync();
        await cadre.Locator(".k-delivery", new() { HasText = "二期雨污管网改造完工" }).Locator(".delivery-confirm").ClickAsync();
        await Expect(cadre.Locator(".contract-ok")).ToContainTextAsync("已确认履约");
        await Journey.ShotAsync(cadre, "j4-09-desk-delivery-confirmed");

        // The street finds the contract and sees the commitment done, in green.
        var street = await app.DesktopAsync();
        await Journey.LogInAsync(street, "street.fushan", "/admin");
        await Journey.MenuAsync(street, "共建协议", "/admin/contracts", interactive: false);
        await street.Locator(".k-q").FillAsync("二期");
        await street.Locator(".k-search").ClickAsync();
        var found = street.Locator(".contracts-table tbody tr", new() { HasText = Lot });
        await Expect(found).ToContainTextAsync("履约中");
        await found.Locator("a", new() { HasText = Lot }).ClickAsync();
        await street.WaitForURLAsync($"**{path}");
        var done = street.Locator(".k-commitment.done").First;
        await Expect(done).ToContainTextAsync("已完成");
        var color = await done.Locator(".k-c-head b").EvaluateAsync<string>("e => getComputedStyle(e).color");
        var rgb = Regex.Matches(color, @"\d+").Select(m => int.Parse(m.Value)).ToArray();
        Assert.True(rgb[1] > rgb[0] && rgb[1] > rgb[2], $"a done commitment reads green, not {color}");
        await Journey.ShotAsync(street, "j4-10-street-commitment-done");
    }

    /// <summary>Journey 3's result for the drainage company: a lot made from 蕺山's sewer need, hammered to it.</summary>
    private async Task HammerForDrainageAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var street = Caller.Of(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "street.fushan"));
        var drainage = Caller.Of(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "unit.drainage"));
        var needId = await db.Needs.Where(n => n.Title == "蕺山社区雨污分流改造").Select(n => n.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var auction = await AuctionEdits.CreateAsync(db, street, new CreateAuction("府山街道雨季共建项目拍卖会", now), now, default);
        var lot = await AuctionEdits.AddLotAsync(db, street, auction.Id, new CreateLot(Lot, "蕺山社区二期雨污分流管网改造。", 1, NeedId: needId), default);
        await AuctionEdits.OpenAsync(db, street, auction.Id, lot.Id, now, default);
        await AuctionEdits.RaiseAsync(db, drainage, auction.Id, lot.Id, null, now, default);
        await AuctionEdits.HammerAsync(db, street, auction.Id, lot.Id, null, now, default);
    }
}
