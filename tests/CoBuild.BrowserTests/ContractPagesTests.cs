using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CoBuild.BrowserTests;

/// <summary>
/// Journeys 4 and 5: a party member signs her 人人契约 on the phone and logs service, which her community confirms;
/// a unit representative signs a draft from the auction on the phone, the street signs at its desk, and the contract
/// comes into force; the unit records a delivery with a photo and the street confirms it.
/// </summary>
public sealed class ContractPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Member_signs_a_personal_contract_logs_service_and_the_community_confirms_it()
    {
        var member = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(member, "member.demo", "/m");
        await Assertions.Expect(member.Locator(".m-pledge")).ToContainTextAsync("还没有签署");
        await member.Locator(".m-nav a", new() { HasText = "契约" }).ClickAsync();
        await member.WaitForURLAsync("**/m/pledge");
        await Assertions.Expect(member.Locator(".pledge-sign h2")).ToContainTextAsync("年度人人契约");
        await Assertions.Expect(member.Locator(".pledge-sign")).ToContainTextAsync("蕺山社区");
        // The choices are 蕺山社区's service menu (things a person can do), not its needs list.
        var choices = member.Locator(".pledge-item");
        Assert.True(await choices.CountAsync() is >= 6 and <= 10, "the community's service menu offers 6 to 10 services");
        await Assertions.Expect(choices.Filter(new() { HasText = "雨污分流" })).ToHaveCountAsync(0);
        await choices.Filter(new() { HasText = "老人走访" }).Locator("input[type=checkbox]").CheckAsync();
        await choices.Filter(new() { HasText = "作业辅导" }).Locator("input[type=checkbox]").CheckAsync();
        await Assertions.Expect(member.Locator("input[name=PledgedHours]")).ToHaveValueAsync("50");
        await AssertFitsAsync(member, "pledge form");
        await AppFixture.ScreenshotAsync(member, "60-phone-pledge-sign");

        await member.Locator(".pledge-sign-go").ClickAsync();
        await Assertions.Expect(member.Locator(".pledge-card")).ToBeVisibleAsync();
        await Assertions.Expect(member.Locator(".pledge-pledged")).ToHaveTextAsync("50 小时");
        await Assertions.Expect(member.Locator(".pledge-services span")).ToHaveTextAsync(["老人走访", "作业辅导"]);
        await Assertions.Expect(member.Locator(".progress-text")).ToContainTextAsync("0/50 小时");
        await AssertFitsAsync(member, "signed contract");
        await AppFixture.ScreenshotAsync(member, "61-phone-pledge-signed");

        await member.Locator("input[name=Hours]").FillAsync("2");
        await member.Locator("input[name=What]").FillAsync("走访独居老人 2 户");
        await member.Locator("input[name=photo]").SetInputFilesAsync(new FilePayload { Name = "visit.png", MimeType = "image/png", Buffer = Png });
        await member.Locator(".pledge-log-go").ClickAsync();
        await Assertions.Expect(member.Locator(".pledge-log .form-ok")).ToContainTextAsync("已登记");
        var log = member.Locator(".pledge-logs li").First;
        await Assertions.Expect(log).ToContainTextAsync("走访独居老人 2 户");
        await Assertions.Expect(log.Locator(".m-status")).ToHaveTextAsync("待确认");
        await Assertions.Expect(log.Locator("a", new() { HasText = "查看照片" })).ToHaveCountAsync(1);
        await AssertFitsAsync(member, "logged service");
        await AppFixture.ScreenshotAsync(member, "62-phone-pledge-logged");

        // member.demo lives in 蕺山社区, whose cadre has a demo account.
        var staff = await app.NewPageAsync();
        await AppFixture.LogInAsync(staff, "community.jishan", "/admin");
        await staff.GotoAsync("/admin/personal-contracts");
        await Assertions.Expect(staff.Locator(".pc-log-table")).ToBeVisibleAsync();
        // The demo's campaigns are the streets': 蕺山社区 starts its own for this year, then reminds whoever has not signed.
        await staff.Locator(".pc-start-go").ClickAsync();
        await Assertions.Expect(staff.Locator(".pc-reminded")).ToContainTextAsync("已发起");
        await staff.Locator(".pc-remind").ClickAsync();
        await Assertions.Expect(staff.Locator(".pc-reminded")).ToContainTextAsync("已提醒");
        await staff.Locator(".pc-remind").ClickAsync();
        await Assertions.Expect(staff.Locator("#campaign .form-error")).ToContainTextAsync("小时");
        Assert.True(int.Parse(await staff.Locator(".pc-signed").InnerTextAsync()) >= 1, "the member's signature counts in the campaign");
        var row = staff.Locator(".pc-log-table tr", new() { HasText = "走访独居老人 2 户" });
        await Assertions.Expect(row).ToContainTextAsync("王晓燕");
        await AppFixture.ScreenshotAsync(staff, "63-admin-personal-contracts");
        await row.Locator(".pc-confirm").ClickAsync();
        await Assertions.Expect(staff.Locator(".pc-log-ok")).ToContainTextAsync("已确认 王晓燕");
        await Assertions.Expect(staff.Locator(".pc-log-table tr", new() { HasText = "走访独居老人 2 户" })).ToHaveCountAsync(0);
        await Assertions.Expect(staff.Locator(".pc-table tr", new() { HasText = "王晓燕" }).First).ToContainTextAsync("2 小时");

        // The member's contract page: services, the confirmed log, and the yearly grade (December on).
        await staff.Locator(".pc-table a.pc-open", new() { HasText = "王晓燕" }).First.ClickAsync();
        await Assertions.Expect(staff.Locator(".pc-title")).ToContainTextAsync("王晓燕");
        await Assertions.Expect(staff.Locator(".pc-done")).ToHaveTextAsync("2 小时");
        await Assertions.Expect(staff.Locator(".pc-detail-logs tr", new() { HasText = "走访独居老人 2 户" })).ToContainTextAsync("已确认");
        if (DateTime.Now.Month < 12)
            await Assertions.Expect(staff.Locator(".pc-grade-later")).ToContainTextAsync("12 月 1 日");
        else
        {
            await staff.Locator(".pc-grade-pick").SelectOptionAsync("良好");
            await staff.Locator(".pc-grade-go").ClickAsync();
            await Assertions.Expect(staff.Locator(".pc-ok")).ToContainTextAsync("评定已保存");
            await Assertions.Expect(staff.Locator(".pc-grade")).ToContainTextAsync("良好");
        }
        await AppFixture.ScreenshotAsync(staff, "76-admin-personal-contract");

        // Another member's contract is ended with a reason, on a phone-sized screen.
        var cadrePhone = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(cadrePhone, "community.jishan", "/admin");
        await cadrePhone.GotoAsync("/admin/personal-contracts?status=Active");
        var other = cadrePhone.Locator(".pc-table tbody tr").Filter(new() { HasNotText = "王晓燕" }).First;
        var otherName = (await other.Locator("a.pc-open").InnerTextAsync()).Trim();
        await other.Locator("a.pc-open").ClickAsync();
        await cadrePhone.Locator(".pc-terminate-go").ClickAsync();
        await Assertions.Expect(cadrePhone.Locator("#terminate .form-error")).ToContainTextAsync("理由");
        await cadrePhone.Locator(".pc-terminate-reason").FillAsync("已迁出本社区");
        await cadrePhone.Locator(".pc-terminate-go").ClickAsync();
        await Assertions.Expect(cadrePhone.Locator(".pc-ok")).ToContainTextAsync("契约已解除");
        await Assertions.Expect(cadrePhone.Locator(".pc-status")).ToHaveTextAsync("已解除");
        await AssertFitsAsync(cadrePhone, "personal contract page");
        await AppFixture.ScreenshotAsync(cadrePhone, "77-admin-personal-contract-phone");
        await cadrePhone.GotoAsync("/admin/personal-contracts?status=Terminated&q=" + Uri.EscapeDataString(otherName));
        await Assertions.Expect(cadrePhone.Locator(".pc-table tbody tr", new() { HasText = otherName })).ToContainTextAsync("已解除");

        await member.ReloadAsync();
        await Assertions.Expect(member.Locator(".pledge-done")).ToHaveTextAsync("2 小时");
        await Assertions.Expect(member.Locator(".progress-text")).ToContainTextAsync("2/50 小时");
        await Assertions.Expect(member.Locator(".pledge-logs li").First.Locator(".m-status")).ToHaveTextAsync("已确认");
        await AppFixture.ScreenshotAsync(member, "64-phone-pledge-confirmed");
    }

    [Fact]
    public async Task Community_cadre_adds_and_stops_a_service_on_its_menu()
    {
        var page = await app.NewPageAsync(1920, 1080);
        await AppFixture.LogInAsync(page, "community.jishan", "/admin");
        await page.GotoAsync("/admin/service-menu");
        await Assertions.Expect(page.Locator(".sm-table")).ToContainTextAsync("老人走访");
        await page.Locator(".sm-edit-form input[name=Title]").FillAsync("上门助浴");
        await page.Locator(".sm-edit-form select[name=Category]").SelectOptionAsync("为老服务");
        await page.Locator(".sm-edit-form textarea[name=Description]").FillAsync("为失能老人上门助浴，两人一组。");
        await page.Locator(".sm-save").ClickAsync();
        await Assertions.Expect(page.Locator(".sm-ok")).ToContainTextAsync("已添加");
        var row = page.Locator(".sm-table tr", new() { HasText = "上门助浴" });
        await Assertions.Expect(row.Locator(".sm-state")).ToHaveTextAsync("启用");
        await AppFixture.ScreenshotAsync(page, "83-admin-service-menu");

        await row.Locator(".sm-edit").ClickAsync();
        await Assertions.Expect(page.Locator(".sm-edit-form input[name=Title]")).ToHaveValueAsync("上门助浴");
        await page.Locator(".sm-edit-form input[name=Active]").UncheckAsync();
        await page.Locator(".sm-save").ClickAsync();
        await Assertions.Expect(page.Locator(".sm-ok")).ToContainTextAsync("已保存");
        await Assertions.Expect(page.Locator(".sm-table tr", new() { HasText = "上门助浴" }).Locator(".sm-state")).ToHaveTextAsync("停用");
        await page.Locator(".sm-edit-form input[name=Title]").FillAsync("老人走访");
        await page.Locator(".sm-save").ClickAsync();
        await Assertions.Expect(page.Locator(".sm-error")).ToContainTextAsync("已有“老人走访”");

        var phone = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(phone, "community.jishan", "/admin");
        await phone.GotoAsync("/admin/service-menu");
        await Assertions.Expect(phone.Locator(".sm-table")).ToContainTextAsync("上门助浴");
        await AppFixture.ScreenshotAsync(phone, "84-admin-service-menu-phone");
    }

    [Fact]
    public async Task Unit_signs_a_draft_on_the_phone_the_street_signs_at_the_desk_and_confirms_a_delivery()
    {
        string userName;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var drafts = await db.OrgContracts.Where(c => c.Status == ContractStatus.Draft).Select(c => c.ResidentUnitId).Distinct().ToListAsync();
            userName = await db.Users.Where(u => u.UnitId != null && drafts.Contains(u.UnitId.Value) && u.UserName!.StartsWith("unit.fushan."))
                .OrderBy(u => u.UserName).Select(u => u.UserName!).FirstAsync();
        }

        var unit = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(unit, userName, "/m");
        await unit.Locator(".m-drafts a").ClickAsync();
        await unit.WaitForURLAsync("**/m/contracts");
        var draft = unit.Locator(".contracts-list li", new() { Has = unit.Locator(".m-status", new() { HasText = "草稿" }) }).First;
        await Assertions.Expect(draft.Locator(".k-sign")).ToHaveTextAsync("待本方签署");
        await Assertions.Expect(draft.Locator(".m-status")).ToHaveTextAsync("草稿");
        await AssertFitsAsync(unit, "contract list");
        await AppFixture.ScreenshotAsync(unit, "65-phone-unit-contracts");

        await draft.Locator("a").ClickAsync();
        await unit.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/contracts/\d+$"));
        var path = new Uri(unit.Url).AbsolutePath;
        await Assertions.Expect(unit.Locator(".contract-status")).ToHaveTextAsync("草稿");
        await Assertions.Expect(unit.Locator(".k-commitment").First).ToContainTextAsync("乙方");
        await AssertFitsAsync(unit, "draft contract");
        await AppFixture.ScreenshotAsync(unit, "66-phone-unit-draft");

        await unit.Locator(".contract-sign-go").ClickAsync();
        await Assertions.Expect(unit.Locator(".contract-ok")).ToContainTextAsync("已签署");
        await Assertions.Expect(unit.Locator(".contract-status")).ToHaveTextAsync("待签署");
        await Assertions.Expect(unit.Locator(".contract-waiting")).ToContainTextAsync("等待对方签署");
        await Assertions.Expect(unit.Locator(".k-signatures")).ToContainTextAsync("乙方");
        await AssertFitsAsync(unit, "signed by the unit");
        await AppFixture.ScreenshotAsync(unit, "67-phone-unit-signed");

        var street = await app.NewPageAsync();
        await AppFixture.LogInAsync(street, "street.fushan", "/admin");
        await street.GotoAsync(path);
        // The page shows a short check code; the full fingerprint travels in the form and the verification link.
        var hash = (await street.Locator("input[name=expectedHash]").GetAttributeAsync("value"))!;
        Assert.Matches("^[0-9a-f]{64}$", hash);
        await Assertions.Expect(street.Locator(".sign-hash")).ToHaveTextAsync($"{hash[..8]}…{hash[^8..]}");
        await street.Locator(".contract-sign-go").ClickAsync();
        await Assertions.Expect(street.Locator(".contract-status")).ToHaveTextAsync("履约中");
        await Assertions.Expect(street.Locator(".k-signatures li")).ToHaveCountAsync(2);
        await Assertions.Expect(street.Locator(".contract-verify")).ToHaveAttributeAsync("href", $"/verify/{hash}");
        await Assertions.Expect(street.Locator(".contract-pdf")).ToHaveAttributeAsync("href", $"/api/v1/org-contracts/{path.Split('/')[^1]}/pdf");
        await AppFixture.ScreenshotAsync(street, "68-desk-street-signed");

        // The unit delivers on its commitment with a photo; the street confirms and the commitment is done.
        await unit.ReloadAsync();
        await Assertions.Expect(unit.Locator(".contract-status")).ToHaveTextAsync("履约中");
        var commitment = unit.Locator(".k-commitment", new() { HasText = "乙方" }).First;
        await commitment.Locator("summary", new() { HasText = "登记履约" }).ClickAsync();
        await commitment.Locator("textarea[name=description]").FillAsync("派管网班组完成蕺山片区雨污管道勘察");
        await commitment.Locator("input[name=completes]").CheckAsync();
        await commitment.Locator("input[name=file]").SetInputFilesAsync(new FilePayload { Name = "survey.png", MimeType = "image/png", Buffer = Png });
        await commitment.Locator("button[type=submit]", new() { HasText = "提交履约记录" }).ClickAsync();
        await Assertions.Expect(unit.Locator(".contract-ok")).ToContainTextAsync("履约记录已提交");
        await Assertions.Expect(unit.Locator(".k-delivery").First).ToContainTextAsync("待确认");
        await Assertions.Expect(unit.Locator(".k-delivery .k-files a").First).ToContainTextAsync("survey.png");

        await street.ReloadAsync();
        await street.Locator(".k-delivery", new() { HasText = "雨污管道勘察" }).Locator(".delivery-confirm").ClickAsync();
        await Assertions.Expect(street.Locator(".contract-ok")).ToContainTextAsync("已确认履约");
        await Assertions.Expect(street.Locator(".k-commitment.done").First).ToContainTextAsync("已完成");
        await AppFixture.ScreenshotAsync(street, "69-desk-delivery-confirmed");

        // From the back-office list the contract opens as a plain page again (its forms post without a circuit).
        await street.GotoAsync("/admin/contracts");
        // Staff open it at its back-office address, in the back-office frame.
        await street.Locator(".contracts-table tbody tr", new() { HasText = "履约中" }).Locator($"a[href='/admin{path}']").First.ClickAsync();
        await street.WaitForURLAsync($"**/admin{path}");
        await Assertions.Expect(street.Locator(".bo-sider")).ToHaveCountAsync(1);
        await Assertions.Expect(street.Locator(".k-commitment.done").First).ToContainTextAsync("已完成");
        Assert.Null(await street.EvaluateAsync<string?>("() => document.body.dataset.interactive ?? null"));
    }

    [Fact]
    public async Task Street_drafts_edits_and_amends_a_contract_with_a_unit_then_ends_and_rates_it()
    {
        int unitId;
        string unitName;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            unitId = await db.Users.Where(u => u.UserName == "unit.fushan.03").Select(u => u.UnitId!.Value).SingleAsync();
            unitName = await db.ResidentUnits.Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync();
        }
        var street = await app.NewPageAsync();
        await AppFixture.LogInAsync(street, "street.fushan", "/admin");
        await AppFixture.OpenInteractiveAsync(street, "/admin/contracts/new");
        await street.Locator(".k-create").ClickAsync();
        await Assertions.Expect(street.Locator(".contract-new-error")).ToContainTextAsync("乙方");
        await street.Locator(".k-unit").SelectOptionAsync(unitId.ToString());
        await street.Locator(".k-title").FillAsync("府山街道助老共建协议");
        await street.Locator(".k-line-title").Nth(0).FillAsync("每季度组织助老志愿服务 1 次");
        await street.Locator(".k-line-title").Nth(1).FillAsync("提供红立方活动场地");
        await street.Locator(".k-create").ClickAsync();
        await street.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/contracts/\d+$"));
        var path = new Uri(street.Url).AbsolutePath;
        await Assertions.Expect(street.Locator(".contract-status")).ToHaveTextAsync("草稿");
        await Assertions.Expect(street.Locator(".k-commitment")).ToHaveCountAsync(2);

        // The draft is edited as a whole: a new title and a third line.
        await street.Locator(".contract-edit summary").ClickAsync();
        await street.Locator(".contract-edit input[name=title]").FillAsync("府山街道助老服务共建协议");
        await street.Locator(".contract-edit input[name='c2.title']").FillAsync("年底联合开展履约评议");
        await street.Locator(".contract-edit input[name='c2.due']").FillAsync(await street.Locator(".contract-edit input[name=endsOn]").InputValueAsync());
        await street.Locator(".contract-edit button[type=submit]").ClickAsync();
        await Assertions.Expect(street.Locator(".contract-ok")).ToContainTextAsync("草稿已保存");
        await Assertions.Expect(street.Locator("h1")).ToHaveTextAsync("府山街道助老服务共建协议");
        await Assertions.Expect(street.Locator(".k-commitment")).ToHaveCountAsync(3);
        await street.Locator(".contract-sign-go").ClickAsync();
        await Assertions.Expect(street.Locator(".contract-status")).ToHaveTextAsync("待签署");

        var unit = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(unit, "unit.fushan.03", "/m");
        await unit.GotoAsync(path);
        await unit.Locator(".contract-sign-go").ClickAsync();
        await Assertions.Expect(unit.Locator(".contract-status")).ToHaveTextAsync("履约中");

        // An amendment drops the second line; it is in force once both sides sign version 2.
        await street.ReloadAsync();
        await street.Locator(".contract-amend summary").ClickAsync();
        await street.Locator(".contract-amend textarea[name=reason]").FillAsync("场地由社区统筹，不再列入本协议");
        await street.Locator(".contract-amend input[name='c1.title']").FillAsync("");
        await street.Locator(".contract-amend button[type=submit]").ClickAsync();
        await Assertions.Expect(street.Locator(".contract-ok")).ToContainTextAsync("修订已提交");
        await Assertions.Expect(street.Locator(".contract-sign h2")).ToHaveTextAsync("签署第 2 版");
        await Assertions.Expect(street.Locator(".contract-sign")).ToContainTextAsync("场地由社区统筹");
        await street.Locator(".contract-sign-go").ClickAsync();
        await unit.ReloadAsync();
        await unit.Locator(".contract-sign-go").ClickAsync();
        await Assertions.Expect(unit.Locator(".contract-head")).ToContainTextAsync("第 2 版生效");
        await Assertions.Expect(unit.Locator(".k-commitment.removed")).ToContainTextAsync("提供红立方活动场地");
        await AssertFitsAsync(unit, "amended contract");

        await AppFixture.OpenInteractiveAsync(street, "/admin/contracts/partners");
        await Assertions.Expect(street.Locator(".partners-table")).ToContainTextAsync(unitName);
        await street.GotoAsync("/admin/contracts");
        await street.Locator(".k-q").FillAsync("助老服务");
        await street.Locator(".k-search").ClickAsync();
        await Assertions.Expect(street.Locator(".contracts-table tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(street.Locator(".contracts-table")).ToContainTextAsync("第 2 版");
        await AppFixture.ScreenshotAsync(street, "70-admin-contracts-search");

        // Ending it opens the final rating.
        await street.GotoAsync(path);
        await street.Locator(".contract-end summary").ClickAsync();
        await street.Locator(".contract-terminate").ClickAsync(); // no reason: the browser asks for one
        await street.Locator(".contract-end textarea[name=reason]").FillAsync("单位改制，双方协商终止");
        await street.Locator(".contract-terminate").ClickAsync();
        await Assertions.Expect(street.Locator(".contract-status")).ToHaveTextAsync("已终止");
        await street.Locator(".k-stars input[value='4']").CheckAsync();
        await street.Locator(".contract-evaluations textarea[name=comment]").FillAsync("响应及时");
        await street.Locator(".contract-evaluations button[type=submit]").ClickAsync();
        await Assertions.Expect(street.Locator(".contract-evaluations li")).ToContainTextAsync("★★★★☆");

        // The district finds it among 府山's terminated contracts.
        var district = await app.NewPageAsync();
        await AppFixture.LogInAsync(district, "district.admin", "/admin");
        await district.GotoAsync("/admin/contracts");
        await district.Locator(".k-street").SelectOptionAsync(new SelectOptionValue { Label = "府山街道" });
        await district.Locator(".k-status-filter").SelectOptionAsync("Terminated");
        await district.Locator(".k-search").ClickAsync();
        await Assertions.Expect(district.Locator(".contracts-table tbody tr", new() { HasText = "府山街道助老服务共建协议" })).ToContainTextAsync("已终止");
        await district.GotoAsync("/admin/personal-contracts");
        await Assertions.Expect(district.Locator(".pc-table")).ToBeVisibleAsync();

        // The district prints the audit checkpoint for its files, then checks the filed code as a clerk would type it.
        await district.GotoAsync("/admin/contracts");
        await district.Locator("a.k-audit").ClickAsync();
        var seq = await district.Locator(".a-seq").InnerTextAsync();
        var hash = await district.Locator(".a-hash").InnerTextAsync();
        Assert.Matches("^([0-9a-f]{8} ){7}[0-9a-f]{8}$", hash.Trim());
        await district.Locator(".a-in-seq").FillAsync(seq);
        await district.Locator(".a-in-hash").FillAsync(hash);
        await district.Locator(".a-verify").ClickAsync();
        await Assertions.Expect(district.Locator(".a-result")).ToContainTextAsync($"第 {seq.Trim()} 条与存档校验码一致");
        await AppFixture.ScreenshotAsync(district, "78-audit-checkpoint");
        await district.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(district.Locator(".bo-sider")).ToBeHiddenAsync();
        await Assertions.Expect(district.Locator(".audit-verify")).ToBeHiddenAsync();
        await Assertions.Expect(district.Locator(".audit-checkpoint .print-only")).ToBeVisibleAsync();
        await AppFixture.ScreenshotAsync(district, "79-audit-checkpoint-print");
    }

    /// <summary>Issue 13 items 3 and 13: the history reads as a timeline in Chinese and the parties are party organizations.</summary>
    [Fact]
    public async Task Contract_page_names_the_party_organizations_and_tells_its_history_as_a_timeline()
    {
        int id, orderId;
        string hash;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            id = await db.OrgContracts.Where(c => c.Title == "蕺山社区雨污分流改造共建协议").Select(c => c.Id).SingleAsync();
            hash = await db.ContractVersions.Where(v => v.ContractId == id).OrderByDescending(v => v.Number).Select(v => v.ContentHash).FirstAsync();
            var fushan = await db.OrgUnits.Where(o => o.Name == "府山街道").Select(o => o.Path).SingleAsync();
            orderId = await db.Orders.Where(o => o.BeneficiaryPath.StartsWith(fushan) && o.Status == CoBuild.Web.Features.Orders.OrderStatus.Delivered).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        }
        var logins = new System.Text.RegularExpressions.Regex(@"\b(?:street|community|unit|member|district)\.[a-z0-9.]+\b");

        var desk = await app.NewPageAsync(1920, 1080);
        await AppFixture.LogInAsync(desk, "community.jishan", "/admin");
        await desk.GotoAsync($"/contracts/{id}");
        await Assertions.Expect(desk.Locator(".contract-party-a")).ToContainTextAsync("中共蕺山社区委员会（蕺山社区）");
        await Assertions.Expect(desk.Locator(".contract-party-b")).ToContainTextAsync("绍兴市城市排水有限公司党支部（绍兴市城市排水有限公司）");
        await Assertions.Expect(desk.Locator(".k-commitment", new() { HasText = "雨污分流管网改造施工" })).ToContainTextAsync("关联项目“蕺山社区雨污分流改造工程”");
        var events = desk.Locator(".contract-history .k-event");
        Assert.True(await events.CountAsync() >= 5, "draft, two signatures, deliveries and confirmations");
        await Assertions.Expect(events.First.Locator(".k-what")).ToHaveTextAsync("起草协议");
        await Assertions.Expect(desk.Locator(".contract-history")).ToContainTextAsync("签署，协议生效");
        await Assertions.Expect(desk.Locator(".contract-history")).ToContainTextAsync("确认履约");
        var history = await desk.Locator(".contract-history").InnerTextAsync();
        Assert.DoesNotMatch(logins, history);
        Assert.DoesNotContain("{", history);
        Assert.Matches(@"\d{4}年\d{1,2}月\d{1,2}日", history);
        await desk.Locator(".contract-history").ScrollIntoViewIfNeededAsync();
        await AppFixture.ScreenshotAsync(desk, "records-contract-timeline-1920");

        var phone = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(phone, "unit.drainage", "/m");
        await phone.GotoAsync($"/contracts/{id}");
        await Assertions.Expect(phone.Locator(".contract-party-a")).ToContainTextAsync("中共蕺山社区委员会");
        Assert.DoesNotMatch(logins, await phone.Locator(".contract-history").InnerTextAsync());
        await AssertFitsAsync(phone, "contract timeline");
        await AppFixture.ScreenshotAsync(phone, "records-contract-timeline-375");
        await phone.GotoAsync("/m/contracts");
        await Assertions.Expect(phone.Locator(".contracts-list")).ToContainTextAsync("中共蕺山社区委员会（蕺山社区）");
        await AssertFitsAsync(phone, "contract list with parties");
        await AppFixture.ScreenshotAsync(phone, "records-phone-contracts-parties-375");

        var street = await app.NewPageAsync(375, 812);
        await AppFixture.LogInAsync(street, "street.fushan", "/admin");
        await street.GotoAsync($"/m/orders/{orderId}");
        var steps = street.Locator(".m-timeline li");
        Assert.True(await steps.CountAsync() >= 2);
        var orderHistory = await street.Locator(".m-timeline").InnerTextAsync();
        Assert.DoesNotContain("demo", orderHistory);
        Assert.Contains("）", orderHistory);
        await AppFixture.ScreenshotAsync(street, "records-order-history-375");

        var verify = await app.NewPageAsync(375, 812);
        await verify.GotoAsync($"{app.BaseUrl}/verify/{hash}");
        await Assertions.Expect(verify.Locator("body")).ToContainTextAsync("中共蕺山社区委员会（蕺山社区）");
        await Assertions.Expect(verify.Locator("body")).ToContainTextAsync("绍兴市城市排水有限公司党支部（绍兴市城市排水有限公司）");
        await AssertFitsAsync(verify, "verification page");
        await AppFixture.ScreenshotAsync(verify, "records-verify-parties-375");
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 375, $"{what} is {width}px wide on a 375px screen");
    }
}
