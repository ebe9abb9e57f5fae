using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Stats;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Contracts;

/// <summary>人人契约: signing with the community of residence, logging service, confirmation, campaigns.</summary>
[Collection(AppCollection.Name)]
public sealed class PersonalTests(AppFixture app)
{
    [Fact]
    public async Task The_demo_holds_about_four_thousand_personal_contracts_with_service_hours()
    {
        var o = (await (await app.ClientFor(null)).Get<Overview>("/api/v1/stats/overview"))!;
        Assert.InRange(o.PersonalContracts, 3900, 4100);
        Assert.True(o.ServiceHours > 5000);
        Assert.True(o.OrgContracts >= 20);
    }

    [Fact]
    public async Task A_member_signs_once_a_year_logs_service_and_the_community_confirms_it()
    {
        var member = await app.ClientFor("member.demo");
        var community = await app.ClientFor("community.jishan");
        var menu = (await member.Get<List<MenuChoice>>("/api/v1/personal-contracts/menu"))!;
        Assert.NotEmpty(menu);
        var year = Paper.Today.Year;

        // The menu is the community's service menu, not its needs; another community's service and a need are refused.
        Assert.Contains(menu, m => m.Title == "老人走访");
        Assert.Contains(menu, m => m.Title == "作业辅导");
        var (stranger, need) = await Paper.DbAsync(app, async db =>
        {
            var jishan = await db.OrgUnits.Where(o => o.Name == "蕺山社区").Select(o => o.Id).SingleAsync();
            var other = await db.ServiceItems.Where(s => s.CommunityId != jishan && s.Active).Select(s => s.Id).FirstAsync();
            var needIds = await db.Needs.Where(n => n.OrgUnitId == jishan).Select(n => n.Id).ToListAsync();
            var serviceIds = await db.ServiceItems.Where(s => s.CommunityId == jishan).Select(s => s.Id).ToListAsync();
            return (other, needIds.First(n => !serviceIds.Contains(n)));
        });
        Assert.DoesNotContain(menu, m => m.Id == stranger);
        foreach (var refused in new[] { stranger, need })
        {
            var outside = await member.PostAsJsonAsync("/api/v1/personal-contracts", new PersonalSignRequest(year, 50, [menu[0].Id, refused]));
            Assert.True((await outside.Problem()).GetProperty("errors").TryGetProperty("serviceIds", out _));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await community.PostAsJsonAsync("/api/v1/personal-contracts", new PersonalSignRequest(year, 50, [menu[0].Id]))).StatusCode);
        var hours = await member.PostAsJsonAsync("/api/v1/personal-contracts", new PersonalSignRequest(year, 0, [menu[0].Id]));
        Assert.True((await hours.Problem()).GetProperty("errors").TryGetProperty("pledgedHours", out _));

        var signed = await member.PostAsJsonAsync("/api/v1/personal-contracts", new PersonalSignRequest(year, 50, [.. menu.Take(2).Select(m => m.Id)]));
        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        var contract = await signed.Read<PersonalDetail>();
        Assert.Equal(menu.Take(2).Select(m => m.Title), contract.Services);
        var linked = await Paper.DbAsync(app, db => db.PersonalContractItems.Where(i => i.ContractId == contract.Contract.Id).OrderBy(i => i.Id).Select(i => i.ServiceItemId).ToListAsync());
        Assert.Equal(menu.Take(2).Select(m => (int?)m.Id), linked);
        Assert.Null(contract.ContentHash); // the member reads the contract, not its fingerprint
        Assert.Equal(64, (await community.Get<PersonalDetail>($"/api/v1/personal-contracts/{contract.Contract.Id}"))!.ContentHash!.Length);
        var again = await member.PostAsJsonAsync("/api/v1/personal-contracts", new PersonalSignRequest(year, 30, [menu[0].Id]));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        // The overview is cached for 10 s; read the figure it sums straight from the database.
        Task<decimal> Hours() => Paper.DbAsync(app, db => db.ServiceLogs.Where(l => l.Status == ServiceLogStatus.Confirmed).SumAsync(l => l.Hours));
        var before = await Hours();
        var future = await member.PostAsJsonAsync($"/api/v1/personal-contracts/{contract.Contract.Id}/logs", new ServiceLogInput(Paper.Today.AddDays(1), 2, "明天的服务"));
        Assert.True((await future.Problem()).GetProperty("errors").TryGetProperty("on", out _));
        var odd = await member.PostAsJsonAsync($"/api/v1/personal-contracts/{contract.Contract.Id}/logs", new ServiceLogInput(Paper.Today, 0.3m, "零点三小时"));
        Assert.True((await odd.Problem()).GetProperty("errors").TryGetProperty("hours", out _));
        var logged = await member.PostAsJsonAsync($"/api/v1/personal-contracts/{contract.Contract.Id}/logs", new ServiceLogInput(Paper.Today, 2, "陪独居老人就医"));
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        var logId = (await logged.Read<System.Text.Json.JsonElement>()).GetProperty("id").GetInt64();

        var pending = (await community.Get<MenuPage<ServiceLogRow>>("/api/v1/personal-contracts/logs?status=Pending&pageSize=200"))!;
        Assert.Contains(pending.Items, l => l.Id == logId && l.Hours == 2);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("street.dongpu")).PostAsJsonAsync($"/api/v1/personal-contracts/logs/{logId}/confirm", new AnswerRequest(null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/v1/personal-contracts/logs/{logId}/confirm", new AnswerRequest(null))).StatusCode);
        var confirms = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => community.PostAsJsonAsync($"/api/v1/personal-contracts/logs/{logId}/confirm", new AnswerRequest(null))));
        Assert.Equal(1, confirms.Count(r => r.StatusCode == HttpStatusCode.OK));
        var mine = (await member.Get<PersonalDetail>($"/api/v1/personal-contracts/{contract.Contract.Id}"))!;
        Assert.Equal(2, mine.Contract.HoursDone);
        Assert.Equal(ServiceLogStatus.Confirmed, mine.Logs.Single().Status);
        Assert.True(await Paper.DbAsync(app, db => db.Notifications.AnyAsync(n => n.PartyMemberId == mine.Contract.PartyMemberId && n.Title == "服务时长已确认")));
        var inbox = (await member.Get<List<CoBuild.Web.Features.Inbox.InboxMessage>>("/api/v1/inbox"))!;
        Assert.Contains(inbox, m => m.Title == "服务时长已确认");
        Assert.Equal(before + 2, await Hours());
    }

    [Fact]
    public async Task Parallel_signing_for_one_year_makes_one_contract()
    {
        var member = await app.ClientFor("member.demo");
        var menu = (await member.Get<List<MenuChoice>>("/api/v1/personal-contracts/menu"))!;
        var next = Paper.Today.Year + 1;
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => member.PostAsJsonAsync("/api/v1/personal-contracts", new PersonalSignRequest(next, 40, [menu[0].Id]))));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await Paper.DbAsync(app, db => db.PersonalContracts.CountAsync(p => p.Year == next)));
    }

    [Fact]
    public async Task A_street_campaign_shows_progress_and_reminds_the_members_who_have_not_signed()
    {
        var street = await app.ClientFor("street.fushan");
        var campaign = (await street.Get<List<CampaignRow>>("/api/v1/signing-campaigns"))!.Single(c => c.OrgUnit == "府山街道" && c.Year == Paper.Today.Year);
        var progress = (await street.Get<CampaignProgress>($"/api/v1/signing-campaigns/{campaign.Id}"))!;
        Assert.True(progress.Invited > progress.Signed && progress.Signed > 0);
        Assert.Equal(progress.Invited, progress.Communities.Sum(c => c.Invited));
        var unsigned = (await street.Get<MenuPage<UnsignedMember>>($"/api/v1/signing-campaigns/{campaign.Id}/unsigned?pageSize=5"))!;
        Assert.Equal(progress.Invited - progress.Signed, unsigned.Total);
        Assert.All(unsigned.Items, m => Assert.True(m.Phone is null || m.Phone.Contains("****")));

        var reminded = await street.PostAsync($"/api/v1/signing-campaigns/{campaign.Id}/remind", null);
        Assert.Equal(HttpStatusCode.OK, reminded.StatusCode);
        Assert.Equal(unsigned.Total, (await reminded.Read<System.Text.Json.JsonElement>()).GetProperty("reminded").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"/api/v1/signing-campaigns/{campaign.Id}/remind", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("street.dongpu")).GetAsync($"/api/v1/signing-campaigns/{campaign.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("unit.drainage")).GetAsync("/api/v1/signing-campaigns")).StatusCode);
        // A community of the street reads the street's campaign but does not remind the whole street.
        var jishan = await app.ClientFor("community.jishan");
        Assert.Equal(HttpStatusCode.OK, (await jishan.GetAsync($"/api/v1/signing-campaigns/{campaign.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await jishan.PostAsync($"/api/v1/signing-campaigns/{campaign.Id}/remind", null)).StatusCode);
        var twice = await street.PostAsJsonAsync("/api/v1/signing-campaigns", new CampaignRequest(null, Paper.Today.Year, "重复活动", 50));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }
}
