using System.Text.Json;
using System.Text.RegularExpressions;
using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Demo;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// Preparing and showing a ceremony: the round form's need picker filters and selects, the round's deadline for
/// rankings shows to the street and the units, and the projector fits a 1920x1080 screen whatever the number of lots.
/// </summary>
public sealed class AuctionPreparationTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<T> With<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task<Caller> As(AppDbContext db, string user) => Caller.Of(await db.Users.AsNoTracking().SingleAsync(u => u.UserName == user));

    private sealed record Fit(int Height, bool TitleOnScreen, int WrappedStatuses, int OverflowingStatuses, bool CurrentRowOnScreen, string BoardPage, int PaddlesOffScreen);

    /// <summary>Measures the projector as the hall sees it: page height, the current lot, and every status cell on the board.</summary>
    private static async Task<Fit> MeasureAsync(IPage page) =>
        JsonSerializer.Deserialize<Fit>(await page.EvaluateAsync<string>("""
            () => {
              const on = el => { if (!el || el.closest('[hidden]')) return false; const r = el.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; };
              const shown = [...document.querySelectorAll('.live-board td.st')].filter(td => !td.closest('[hidden]'));
              return JSON.stringify({
                Height: document.documentElement.scrollHeight,
                TitleOnScreen: on(document.querySelector('.live-stage .live-lot-title')),
                WrappedStatuses: shown.filter(td => td.querySelector('span').getClientRects().length > 1).length,
                OverflowingStatuses: shown.filter(td => td.scrollWidth > td.clientWidth + 1).length,
                CurrentRowOnScreen: on(document.querySelector('.live-board tr.cur')),
                BoardPage: document.querySelector('.live-page[data-for=board]').textContent,
                PaddlesOffScreen: [...document.querySelectorAll('.live-paddles li')].filter(li => !li.closest('[hidden]') && !on(li)).length,
              });
            }
            """))!;

    [Fact]
    public async Task The_demo_ceremony_of_17_lots_fits_the_projector_with_the_current_lot_and_one_line_statuses()
    {
        var demo = await With(db => db.Auctions.Where(a => a.Title == DemoAuction.Title).Select(a => a.Id).SingleAsync());
        var projector = await app.NewPageAsync(1920, 1080);
        await projector.GotoAsync($"/live/{demo}/screen");
        await Assertions.Expect(projector.Locator(".live-link")).ToHaveTextAsync("已连接");
        await Assertions.Expect(projector.Locator(".live-board tbody tr")).ToHaveCountAsync(DemoAuction.Lots);
        await Assertions.Expect(projector.Locator(".live-hammer")).ToContainTextAsync("共建权已获得");
        await Assertions.Expect(projector.Locator(".live-lot-no")).ToContainTextAsync("举牌表达共建意向");
        var fit = await MeasureAsync(projector);
        Assert.True(fit.Height <= 1080, $"the projector page is {fit.Height}px tall at 1920x1080");
        Assert.True(fit.TitleOnScreen, "the current lot's title is off the screen");
        Assert.True(fit.CurrentRowOnScreen, "the current lot's row of the board is off the screen");
        Assert.Equal((0, 0), (fit.WrappedStatuses, fit.OverflowingStatuses));
        Assert.Equal(0, fit.PaddlesOffScreen);
        await AppFixture.ScreenshotAsync(projector, "90-projector-demo-17-lots");

        var phone = await app.NewPageAsync(375, 812);
        await phone.GotoAsync($"/live/{demo}/screen");
        await Assertions.Expect(phone.Locator(".live-board tbody tr")).ToHaveCountAsync(DemoAuction.Lots);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 375);
        await AppFixture.ScreenshotAsync(phone, "91-projector-demo-phone");
    }

    [Fact]
    public async Task Forty_lots_and_thirty_paddles_still_fit_the_board_turns_its_pages_and_shows_the_current_lot()
    {
        var stamp = Guid.NewGuid().ToString("N")[..4];
        var (auctionId, current) = await With(async db =>
        {
            var street = await As(db, "street.fushan");
            var now = DateTimeOffset.UtcNow;
            var auction = await AuctionEdits.CreateAsync(db, street, new CreateAuction("大屏四十件" + stamp, now.AddHours(1)), now, default);
            var lots = new List<Lot>();
            for (var i = 1; i <= 40; i++)
                lots.Add(await AuctionEdits.AddLotAsync(db, street, auction.Id, new CreateLot($"第{i}件 蕺山片区老旧小区雨污分流与道路整治共建项目", null, 1 + i % 3), default));
            var open = lots[32];
            await AuctionEdits.OpenAsync(db, street, auction.Id, open.Id, now, default);
            for (var u = 1; u <= 30; u++) await AuctionEdits.RaiseAsync(db, await As(db, $"unit.fushan.{u:00}"), auction.Id, open.Id, null, now, default);
            return (auction.Id, open.Number);
        });

        var projector = await app.NewPageAsync(1920, 1080);
        await projector.GotoAsync($"/live/{auctionId}/screen");
        await Assertions.Expect(projector.Locator(".live-link")).ToHaveTextAsync("已连接");
        await Assertions.Expect(projector.Locator(".live-lot-no")).ToContainTextAsync($"第 {current} 号拍品");
        await Assertions.Expect(projector.Locator(".live-meta")).ToContainTextAsync("表达共建意向 30 家");
        var fit = await MeasureAsync(projector);
        Assert.True(fit.Height <= 1080, $"the projector page is {fit.Height}px tall at 1920x1080 with 40 lots");
        Assert.True(fit.TitleOnScreen && fit.CurrentRowOnScreen, "the current lot is off the screen");
        Assert.Equal((0, 0, 0), (fit.WrappedStatuses, fit.OverflowingStatuses, fit.PaddlesOffScreen));
        var pages = Regex.Match(fit.BoardPage, @"第 (\d+) / (\d+) 页 · 共 40 件");
        Assert.True(pages.Success, fit.BoardPage);
        Assert.True(int.Parse(pages.Groups[2].Value) >= 2);
        await AppFixture.ScreenshotAsync(projector, "92-projector-40-lots");

        // The board turns by itself: another page shows within a few seconds, and it still fits.
        await Assertions.Expect(projector.Locator(".live-page[data-for=board]")).Not.ToHaveTextAsync(fit.BoardPage, new() { Timeout = 10_000 });
        Assert.True((await MeasureAsync(projector)).Height <= 1080);
        await AppFixture.ScreenshotAsync(projector, "93-projector-40-lots-next-page");
    }

    [Fact]
    public async Task The_round_form_picks_needs_by_community_category_and_date_and_the_deadline_shows_to_the_units()
    {
        var street = await app.NewPageAsync(1920, 1080);
        await AppFixture.LogInAsync(street, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(street, "/admin/rounds");
        await street.Locator(".round-new").ClickAsync();
        var picker = street.Locator(".need-picker");
        var items = picker.Locator(".round-need");
        await Assertions.Expect(items.First).ToBeVisibleAsync();
        var all = await items.CountAsync();
        Assert.True(all > 10, $"{all} needs to pick from");
        await Assertions.Expect(picker.Locator(".picker-count")).ToContainTextAsync($"已选 0 项 · 可见 {all} / {all} 项");

        // Community: only its needs remain; "select all visible" takes exactly them.
        var community = (await picker.Locator("select.picker-community option").Nth(1).InnerTextAsync()).Trim();
        await picker.Locator("select.picker-community").SelectOptionAsync(new SelectOptionValue { Label = community });
        await Assertions.Expect(items).Not.ToHaveCountAsync(all);
        var mine = await items.CountAsync();
        Assert.All(await picker.Locator(".picker-title").AllInnerTextsAsync(), t => Assert.StartsWith(community + " · ", t));
        await picker.Locator(".picker-all").ClickAsync();
        await Assertions.Expect(picker.Locator(".picker-count")).ToContainTextAsync($"已选 {mine} 项");
        Assert.Equal(mine, await picker.Locator(".round-need input:checked").CountAsync());

        // Category narrows further; the ticks of hidden needs stay.
        var category = (await picker.Locator("select.picker-category option").Nth(1).InnerTextAsync()).Trim();
        await picker.Locator("select.picker-community").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await picker.Locator("select.picker-category").SelectOptionAsync(new SelectOptionValue { Label = category });
        await Assertions.Expect(items).Not.ToHaveCountAsync(all);
        Assert.All(await items.Locator(".muted").AllInnerTextsAsync(), t => Assert.StartsWith(category + " · ", t));
        await Assertions.Expect(picker.Locator(".picker-count")).ToContainTextAsync($"已选 {mine} 项");

        // Published date: nothing was published after tomorrow; from a year back everything shows again.
        await picker.Locator("select.picker-category").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        var tomorrow = DateTime.UtcNow.AddHours(8).AddDays(1).ToString("yyyy-MM-dd");
        await picker.Locator("input.picker-from").FillAsync(tomorrow);
        await Assertions.Expect(items).ToHaveCountAsync(0);
        await Assertions.Expect(picker).ToContainTextAsync("没有符合筛选条件的需求");
        await picker.Locator("input.picker-from").FillAsync(DateTime.UtcNow.AddYears(-2).ToString("yyyy-MM-dd"));
        await picker.Locator("input.picker-to").FillAsync(tomorrow);
        await Assertions.Expect(items).ToHaveCountAsync(all);

        await picker.Locator(".picker-clear").ClickAsync();
        await Assertions.Expect(picker.Locator(".picker-count")).ToContainTextAsync("已选 0 项");
        await picker.Locator("select.picker-community").SelectOptionAsync(new SelectOptionValue { Label = community });
        await picker.Locator(".picker-all").ClickAsync();
        var title = "截止轮次" + Guid.NewGuid().ToString("N")[..4];
        await street.Locator(".round-title").FillAsync(title);
        var due = DateTime.UtcNow.AddHours(8).AddDays(5).Date.AddHours(18);
        await street.Locator("input.round-deadline").FillAsync(due.ToString("yyyy-MM-ddTHH:mm"));
        await AppFixture.ScreenshotAsync(street, "94-round-need-picker");
        await street.Locator(".round-create").ClickAsync();
        var row = street.Locator(".rounds-table .ant-table-row", new() { HasText = title });
        await Assertions.Expect(row).ToContainTextAsync(due.ToString("yyyy-MM-dd HH:mm"));
        var roundId = await With(db => db.SelectionRounds.Where(r => r.Title == title).Select(r => r.Id).SingleAsync());
        Assert.Equal(mine, await With(db => db.Set<CoBuild.Web.Features.Selection.RoundNeed>().CountAsync(n => n.SelectionRoundId == roundId)));

        await row.Locator("a", new() { HasText = "查看" }).ClickAsync();
        await Assertions.Expect(street.Locator(".round-deadline-line")).ToContainTextAsync(due.ToString("yyyy-MM-dd HH:mm"));
        await AppFixture.ScreenshotAsync(street, "95-round-deadline");

        var unit = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(unit, "unit.fushan.05", "/m");
        await unit.GotoAsync($"/m/rounds/{roundId}");
        await Assertions.Expect(unit.Locator(".round-deadline-line")).ToContainTextAsync(due.ToString("yyyy-MM-dd HH:mm"));
        await Assertions.Expect(unit.Locator(".round-choice").First).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(unit, "96-unit-round-deadline-phone");
    }
}
