using System.Diagnostics;
using System.Text.RegularExpressions;
using CoBuild.Web.Components;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CoBuild.BrowserTests.Journeys;

/// <summary>
/// Journey 5, a party member's year: 蕺山社区 invites its members to sign; member.demo, on the phone, picks two services
/// from the community's menu, pledges 50 hours and signs; after a visit logs the hours in under a minute; the community
/// confirms; by the year's end she sees 52/50 小时 and, from December, the community's evaluation.
/// </summary>
public sealed class Journey5MemberYearTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Member_signs_from_the_invitation_logs_a_visit_the_community_confirms_and_she_ends_the_year_at_52_of_50_hours()
    {
        var year = DateTime.UtcNow.AddHours(8).Year;

        // The community invites: this year's signing campaign.
        var cadre = await app.DesktopAsync();
        await Journey.LogInAsync(cadre, "community.jishan", "/admin");
        await Journey.MenuAsync(cadre, "人人契约", "/admin/personal-contracts", interactive: false);
        await cadre.Locator(".pc-start input[name=title]").FillAsync($"蕺山社区{year}年度人人契约签约活动");
        await cadre.Locator(".pc-start input[name=hours]").FillAsync("50");
        await cadre.Locator(".pc-start-go").ClickAsync();
        await Expect(cadre.Locator(".pc-reminded")).ToContainTextAsync("已发起");
        await Journey.ShotAsync(cadre, "j5-01-desk-campaign-started");

        // The member's phone: the invitation on the home page.
        var member = await app.PhoneAsync();
        await Journey.LogInAsync(member, "member.demo", "/m");
        await Expect(member.Locator(".m-pledge")).ToContainTextAsync($"您还没有签署 {year} 年度人人契约");
        var campaign = $"蕺山社区{year}年度人人契约签约活动";
        var invitation = member.Locator(".todo-item[data-key=campaign-invitation]");
        await Expect(invitation.Locator(".todo-count")).ToHaveTextAsync("1");
        await Expect(invitation).ToContainTextAsync(campaign);
        await Journey.ShotAsync(member, "j5-02-phone-home-invitation");
        // The invitation is in her messages too; she opens it from there.
        await member.Locator(".m-nav a", new() { HasText = "消息" }).ClickAsync();
        await member.WaitForURLAsync("**/m/inbox");
        var message = member.Locator(".inbox-list li.unread", new() { HasText = $"蕺山社区发起“{campaign}”" });
        await Expect(message).ToContainTextAsync($"邀请签署 {year} 年度人人契约");
        await Journey.ShotAsync(member, "j5-03-phone-inbox-invitation");
        await message.Locator("a").ClickAsync();
        await member.WaitForURLAsync("**/m/pledge");
        await Expect(member.Locator(".pledge-campaign")).ToContainTextAsync($"蕺山社区正在开展“{campaign}”");
        await Expect(member.Locator(".pledge-sign")).ToContainTextAsync("与 蕺山社区 签约");

        // Two services from 蕺山's menu, 50 hours, sign.
        // The community's service menu (老人走访, 作业辅导, ...), not its needs list.
        var menu = member.Locator(".pledge-item");
        Assert.True(await menu.CountAsync() >= 6, "蕺山 offers its service menu");
        await Expect(menu.Filter(new() { HasText = "雨污分流" })).ToHaveCountAsync(0);
        var services = new[] { "老人走访", "作业辅导" };
        foreach (var service in services) await menu.Filter(new() { HasText = service }).Locator("input").CheckAsync();
        await member.Locator("input[name=PledgedHours]").FillAsync("50");
        await Journey.AssertFitsAsync(member, "the pledge form");
        await Journey.ShotAsync(member, "j5-04-phone-pick-services");
        await member.Locator(".pledge-sign-go").ClickAsync();
        await Expect(member.Locator(".form-ok").First).ToContainTextAsync("签署成功");
        await Expect(member.Locator(".pledge-pledged")).ToHaveTextAsync("50 小时");
        await Expect(member.Locator(".pledge-parties")).ToContainTextAsync("王晓燕 与 ");
        await Expect(member.Locator(".pledge-parties")).ToContainTextAsync("蕺山社区");
        await Expect(member.Locator(".pledge-services span")).ToHaveCountAsync(2);
        await Expect(member.Locator(".progress-text")).ToContainTextAsync("0/50 小时");
        await Journey.ShotAsync(member, "j5-05-phone-signed");

        // After a visit: the hours logged from the phone, in well under a minute.
        var clock = Stopwatch.StartNew();
        await member.GotoAsync("/m");
        await member.Locator(".m-pledge a", new() { HasText = "登记服务" }).ClickAsync();
        await member.WaitForURLAsync("**/m/pledge");
        await member.Locator("input[name=Hours]").FillAsync("2");
        await member.Locator("input[name=What]").FillAsync("走访独居老人 2 户");
        await member.Locator("input[name=photo]").SetInputFilesAsync(new FilePayload { Name = "走访.png", MimeType = "image/png", Buffer = Png });
        await member.Locator(".pledge-log-go").ClickAsync();
        await Expect(member.Locator(".pledge-log .form-ok")).ToContainTextAsync("已登记");
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"logging a visit took {clock.Elapsed}");
        var visit = member.Locator(".pledge-logs li", new() { HasText = "走访独居老人 2 户" });
        await Expect(visit.Locator(".m-status")).ToHaveTextAsync("待确认");
        await Journey.ShotAsync(member, "j5-06-phone-visit-logged");

        // The community confirms it.
        await cadre.ReloadAsync();
        var row = cadre.Locator(".pc-log-table tr", new() { HasText = "走访独居老人 2 户" });
        await Expect(row).ToContainTextAsync("王晓燕");
        await Journey.ShotAsync(cadre, "j5-07-desk-log-to-confirm");
        await row.Locator(".pc-confirm").ClickAsync();
        await Expect(cadre.Locator(".pc-log-ok")).ToContainTextAsync("已确认 王晓燕");

        // The member hears of it and sees the hours count.
        await member.Locator(".m-nav a", new() { HasText = "消息" }).ClickAsync();
        await member.WaitForURLAsync("**/m/inbox");
        var confirmed = member.Locator(".inbox-list li.unread", new() { HasText = "服务时长已确认" });
        await Expect(confirmed).ToContainTextAsync("2 小时已计入契约");
        await confirmed.Locator("a").ClickAsync();
        await member.WaitForURLAsync("**/m/pledge");
        await Expect(member.Locator(".progress-text")).ToContainTextAsync("2/50 小时");
        await Expect(visit.Locator(".m-status")).ToHaveTextAsync("已确认");
        await Journey.ShotAsync(member, "j5-08-phone-confirmed");

        // The rest of the year: 25 more visits of 2 hours, logged and confirmed the same way.
        await RestOfTheYearAsync(services[0]);

        // Year's end: 52/50 小时, and the evaluation from December on.
        if (DateTime.UtcNow.AddHours(8).Month == 12)
        {
            await cadre.GotoAsync("/admin/personal-contracts");
            await cadre.Locator(".pc-table a.pc-open", new() { HasText = "王晓燕" }).First.ClickAsync();
            await Expect(cadre.Locator(".pc-done")).ToHaveTextAsync("52 小时");
            await cadre.Locator(".pc-grade-pick").SelectOptionAsync("优秀");
            await cadre.Locator(".pc-grade-go").ClickAsync();
            await Expect(cadre.Locator(".pc-grade")).ToContainTextAsync("优秀");
            await Journey.ShotAsync(cadre, "j5-09-desk-evaluation");
        }
        await member.GotoAsync("/m");
        await Expect(member.Locator(".m-pledge")).ToContainTextAsync("已完成 52 小时");
        await member.Locator(".m-pledge a", new() { HasText = "登记服务" }).ClickAsync();
        await Expect(member.Locator(".progress-text")).ToContainTextAsync("52/50 小时");
        await Expect(member.Locator(".progress-text")).ToContainTextAsync("100%");
        if (DateTime.UtcNow.AddHours(8).Month == 12) await Expect(member.Locator(".pledge-grade")).ToContainTextAsync("优秀");
        await Journey.AssertFitsAsync(member, "the year's contract");
        await Journey.ShotAsync(member, "j5-10-phone-year-end");
    }

    /// <summary>The months between: the member's visits and the community's confirmations, through the same handlers the pages use.</summary>
    private async Task RestOfTheYearAsync(string service)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var member = Caller.Of(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "member.demo"));
        var cadre = Caller.Of(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "community.jishan"));
        var today = Display.Today(clock);
        var contractId = await db.PersonalContracts.Where(p => p.PartyMemberId == member.PartyMemberId && p.Year == today.Year).Select(p => p.Id).SingleAsync();
        var newYear = new DateOnly(today.Year, 1, 1);
        for (var i = 1; i <= 25; i++)
        {
            var on = today.AddDays(-7 * i) is var d && d >= newYear ? d : newYear;
            var log = await PersonalContractEdits.LogAsync(db, member, contractId, new ServiceLogInput(on, 2, Regex.Replace(service, @"\s.*$", "")), null, clock, default);
            await PersonalContractEdits.AnswerAsync(db, cadre, log.Id, true, null, clock.GetUtcNow(), default);
            db.ChangeTracker.Clear();
        }
    }
}
