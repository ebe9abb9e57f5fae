using System.Diagnostics;
using System.Text.RegularExpressions;
using CoBuild.Web.Features.ServiceDesk;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests.Journeys;

/// <summary>
/// Journey 6, the blocked drain: 蕺山社区's desk files it on the tablet (1024x768) in under a minute, the back office
/// assigns the grid worker and escalates, 府山街道 routes it to 便民服务 and asks the drainage company under its
/// contract for help, the company takes it, the street closes it, and the resident rates it on a 375 px phone from
/// the receipt's link without signing in.
/// </summary>
public sealed class Journey6LivingRoomTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_blocked_drain_is_filed_at_the_desk_goes_up_the_ladder_is_helped_closed_and_rated_from_the_phone()
    {
        var desk = await app.NewPageAsync(1024, 768);
        await AppFixture.LogInAsync(desk, "desk.jishan", "/admin");
        await desk.Locator(".bo-sider a[href='/desk']").ClickAsync();
        await desk.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/desk");
        await Assertions.Expect(desk.Locator("h1")).ToHaveTextAsync("社区客厅 · 前台受理");
        await AppFixture.ScreenshotAsync(desk, "j6-01-desk-1024x768");

        var clock = Stopwatch.StartNew();
        await desk.Locator(".desk-cat[data-code=facility-repair]").ClickAsync();
        await desk.Locator(".desk-option", new() { HasText = "下水道" }).ClickAsync();
        await desk.Locator(".desk-form input[name='f.building']").FillAsync("3幢");
        await desk.Locator(".desk-form textarea[name=Description]").FillAsync("3幢门口下水道堵塞，污水漫到路面");
        await desk.Locator(".desk-form input[name=ResidentName]").FillAsync("张阿姨");
        await desk.Locator(".desk-form input[name=Phone]").FillAsync("13800001234");
        await AppFixture.ScreenshotAsync(desk, "j6-02-desk-form-1024x768");
        await desk.Locator(".desk-submit").ClickAsync();
        await Assertions.Expect(desk.Locator(".desk-number")).ToHaveTextAsync(new Regex(@"^\d{12}-\d{4}-\d{6}$"));
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), $"the intake took {clock.Elapsed}");
        var number = (await desk.Locator(".desk-number").TextContentAsync())!;
        await Assertions.Expect(desk.Locator(".desk-qr")).ToBeVisibleAsync();
        await Assertions.Expect(desk.Locator(".desk-row", new() { HasText = number })).ToContainTextAsync("设施报修");
        Assert.True(await desk.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 1024, "the desk is wider than the tablet");
        await AppFixture.ScreenshotAsync(desk, "j6-03-desk-receipt-1024x768");
        var rateUrl = (await desk.Locator(".desk-rate-link a").GetAttributeAsync("href"))!;
        var detail = (await desk.Locator(".desk-receipt a", new() { HasText = "查看办理详情" }).GetAttributeAsync("href"))!;
        var id = int.Parse(detail.Split('/')[^1]);

        var office = await app.NewPageAsync(1024, 768);
        await AppFixture.LogInAsync(office, "community.jishan", "/admin");
        await office.GotoAsync(detail);
        await office.Locator(".req-form-assign select[name=Assignee]").SelectOptionAsync("grid.jishan");
        await office.Locator(".req-go-assign").ClickAsync();
        await Assertions.Expect(office.Locator(".req-assignee")).ToHaveTextAsync("grid.jishan");
        await office.Locator(".req-form-escalate textarea[name=Reason]").FillAsync("主管网属排水公司，社区无法单独处置");
        await office.Locator(".req-go-escalate").ClickAsync();
        await Assertions.Expect(office.Locator(".req-status")).ToHaveTextAsync("已上报");
        await AppFixture.ScreenshotAsync(office, "j6-04-escalated-1024x768");

        var street = await app.NewPageAsync(1024, 768);
        await AppFixture.LogInAsync(street, "street.fushan", "/admin");
        await street.GotoAsync(detail);
        await street.Locator(".req-form-route select[name=Target]").SelectOptionAsync("p:PublicService");
        await street.Locator(".req-go-route").ClickAsync();
        await Assertions.Expect(street.Locator(".req-platform")).ToHaveTextAsync("便民服务");
        await street.Locator(".req-form-askhelp select[name=UnitId]").SelectOptionAsync(new SelectOptionValue { Label = "绍兴市城市排水有限公司" });
        await street.Locator(".req-go-askhelp").ClickAsync();
        await Assertions.Expect(street.Locator(".req-helper")).ToContainTextAsync("绍兴市城市排水有限公司（待承接）");
        await AppFixture.ScreenshotAsync(street, "j6-05-street-routed-1024x768");

        var unit = await app.NewPageAsync(1024, 768);
        await AppFixture.LogInAsync(unit, "unit.drainage", "/m");
        await unit.GotoAsync(detail);
        await unit.Locator(".req-go-helptaken").ClickAsync();
        await Assertions.Expect(unit.Locator(".req-helper")).ToContainTextAsync("（已承接）");
        await AppFixture.ScreenshotAsync(unit, "j6-06-unit-took-1024x768");

        await street.GotoAsync(detail);
        await street.Locator(".req-form-close textarea[name=Result]").FillAsync("排水公司已疏通主管并更换破损管段");
        await street.Locator(".req-go-close").ClickAsync();
        await Assertions.Expect(street.Locator(".req-status")).ToHaveTextAsync("已办结");
        await AppFixture.ScreenshotAsync(street, "j6-07-closed-1024x768");

        var phone = await app.NewPageAsync(375, 812);
        await phone.GotoAsync(rateUrl);
        await Assertions.Expect(phone.Locator(".m-req-status")).ToHaveTextAsync("已办结");
        await Assertions.Expect(phone.Locator(".m-req-result")).ToHaveTextAsync("排水公司已疏通主管并更换破损管段");
        await AppFixture.ScreenshotAsync(phone, "j6-08-receipt-375x812");
        await phone.Locator(".m-rate button", new() { HasText = "满意" }).First.ClickAsync();
        await Assertions.Expect(phone.Locator(".m-req-rating")).ToHaveTextAsync("满意");
        await Assertions.Expect(phone.Locator(".m-rated")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".m-rate")).ToHaveCountAsync(0);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "the receipt is wider than the phone");
        await AppFixture.ScreenshotAsync(phone, "j6-09-rated-375x812");

        var resident = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(resident, "resident.demo", "/m");
        await resident.Locator(".m-nav a[href='/m/requests']").ClickAsync();
        await resident.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/m/requests");
        await resident.Locator(".m-req-new").ClickAsync();
        await resident.Locator(".m-cats .desk-cat[data-code=facility-repair]").ClickAsync();
        await Assertions.Expect(resident.Locator(".desk-option", new() { HasText = "下水道" })).ToBeVisibleAsync();
        Assert.True(await resident.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375, "the phone form is wider than the phone");
        await AppFixture.ScreenshotAsync(resident, "j6-10-resident-form-375x812");

        using var scope = app.Services.CreateScope();
        var t = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Tickets.AsNoTracking().Include(x => x.Events).SingleAsync(x => x.Id == id);
        Assert.Equal((number, TicketStatus.Closed, TicketLevel.Street, Platform.PublicService, Satisfaction.Satisfied),
            (t.Number, t.Status, t.ClosedLevel!.Value, t.Platform!.Value, t.Rating!.Value));
        Assert.NotNull(t.DeliveryId);
        Assert.Equal(["drain"], t.Answers["facility"]);
        Assert.Equal([TicketAction.Receive, TicketAction.Assign, TicketAction.Escalate, TicketAction.Route, TicketAction.AskHelp, TicketAction.HelpTaken,
            TicketAction.Close, TicketAction.Rate], t.Events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Action));
    }
}
