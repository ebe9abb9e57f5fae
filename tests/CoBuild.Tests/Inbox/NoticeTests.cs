using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Contracts;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Inbox;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Selection;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Inbox;

/// <summary>Every step that asks someone to act lands in their inbox, with a link that opens the place to act (issue 13, item 5).</summary>
[Collection(AppCollection.Name)]
public sealed class NoticeTests(AppFixture app)
{
    [Fact]
    public async Task A_round_opening_reaches_its_units_and_the_communities_whose_needs_are_in_it()
    {
        var (round, title) = await OpenRoundAsync("通知测试轮次");
        var unit = await app.ClientFor("unit.drainage");
        var unitMessage = await MessageAsync(unit, $"双向选择开始：{title}");
        Assert.Equal($"/m/rounds/{round}", unitMessage.Link);
        await LinkShowsAsync(unit, unitMessage.Link, title);
        var community = await app.ClientFor("community.jishan");
        var communityMessage = await MessageAsync(community, $"双向选择开始：{title}");
        Assert.Equal($"/admin/rounds/{round}", communityMessage.Link);
        await LinkShowsAsync(community, communityMessage.Link, title);
        // A unit of the street that was left out of the round hears nothing of it.
        var other = await app.ClientFor("unit.fushan.05");
        Assert.DoesNotContain((await other.Get<List<InboxMessage>>("/api/v1/inbox"))!, m => m.Title.Contains(title));
    }

    [Fact]
    public async Task The_street_reminds_those_who_have_not_ranked_once_however_often_it_presses()
    {
        var (round, title) = await OpenRoundAsync("提醒测试轮次");
        var street = await app.ClientFor("street.fushan");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("community.jishan")).PostAsync($"/api/v1/selection-rounds/{round}/remind", null)).StatusCode);
        var first = await (await street.PostAsync($"/api/v1/selection-rounds/{round}/remind", null)).Read<RoundReminded>();
        Assert.Equal(2, first.Reminded); // the unit that has not ranked and 蕺山 with its need not ranked
        var second = await street.PostAsync($"/api/v1/selection-rounds/{round}/remind", null);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(0, (await second.Read<RoundReminded>()).Reminded);

        var unit = await app.ClientFor("unit.drainage");
        var reminders = (await unit.Get<List<InboxMessage>>("/api/v1/inbox"))!.Where(m => m.Title == RoundNotices.ReminderTitle && m.Body.Contains(title)).ToList();
        Assert.Single(reminders);
        await LinkShowsAsync(unit, reminders[0].Link, title);
        Assert.Single((await (await app.ClientFor("community.jishan")).Get<List<InboxMessage>>("/api/v1/inbox"))!,
            m => m.Title == RoundNotices.ReminderTitle && m.Body.Contains(title));

        // Once the unit has ranked, a later reminder passes it by.
        var need = await Paper.DbAsync(app, db => db.Set<RoundNeed>().Where(n => n.SelectionRoundId == round).Select(n => n.NeedId).FirstAsync());
        Assert.Equal(HttpStatusCode.OK, (await unit.PutAsJsonAsync($"/api/v1/selection-rounds/{round}/rankings", new RankNeeds([need]))).StatusCode);
        var earlier = DateTimeOffset.UtcNow.AddHours(-2);
        await Paper.DbAsync(app, db => db.Notifications.Where(n => n.Title == RoundNotices.ReminderTitle && n.Body.Contains(title))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.CreatedAt, earlier)));
        Assert.Equal(1, (await (await street.PostAsync($"/api/v1/selection-rounds/{round}/remind", null)).Read<RoundReminded>()).Reminded);
    }

    [Fact]
    public async Task A_signing_campaign_invites_each_unsigned_member_and_the_demo_has_sent_its_invitations()
    {
        var member = await app.ClientFor("member.demo");
        var invitation = (await member.Get<List<InboxMessage>>("/api/v1/inbox"))!.FirstOrDefault(m => m.Title.StartsWith("邀请签署", StringComparison.Ordinal));
        Assert.NotNull(invitation);
        Assert.Equal("/m/pledge", invitation.Link);
        await LinkShowsAsync(member, invitation.Link, "人人契约");

        // A community's own campaign: every one of its members without a contract for the year gets one message.
        var year = Paper.Today.Year + 1;
        var community = await Paper.DbAsync(app, db => db.OrgUnits.Where(o => o.Name == "仓桥社区").Select(o => new { o.Id, o.Path }).SingleAsync());
        var unsigned = await Paper.DbAsync(app, db => db.MemberRegistrations.Where(r => r.CommunityId == community.Id
            && !db.PersonalContracts.Any(p => p.PartyMemberId == r.PartyMemberId && p.Year == year)).Select(r => r.PartyMemberId).ToListAsync());
        Assert.NotEmpty(unsigned);
        var street = await app.ClientFor("street.fushan");
        var created = await street.PostAsJsonAsync("/api/v1/signing-campaigns", new CampaignRequest(community.Id, year, "仓桥社区明年人人契约签约", 40));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var invited = await Paper.DbAsync(app, db => db.Notifications.Where(n => n.PartyMemberId != null && n.Title == $"邀请签署 {year} 年度人人契约" && n.Body.Contains("仓桥社区明年"))
            .Select(n => new { Member = n.PartyMemberId!.Value, n.Link }).ToListAsync());
        Assert.Equal(unsigned.Order(), invited.Select(i => i.Member).Order());
        Assert.All(invited, i => Assert.Equal("/m/pledge", i.Link));
    }

    /// <summary>A round of 府山 with one open need of 蕺山 and the drainage company as its only unit.</summary>
    private async Task<(int Id, string Title)> OpenRoundAsync(string prefix)
    {
        var title = $"{prefix} {Guid.NewGuid().ToString("N")[..6]}";
        var unit = await Paper.DrainageUnitAsync(app);
        var need = await Paper.DbAsync(app, db => db.Needs.Where(n => n.OrgUnit!.Name == "蕺山社区" && n.Status == NeedStatus.Open && n.Claimed < n.Capacity)
            .OrderBy(n => n.Id).Select(n => n.Id).FirstAsync());
        var response = await (await app.ClientFor("street.fushan")).PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, title, [need], [unit]), Json.Options);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((await response.Read<RoundItem>()).Id, title);
    }

    private static async Task<InboxMessage> MessageAsync(HttpClient client, string title)
    {
        var messages = (await client.Get<List<InboxMessage>>("/api/v1/inbox"))!;
        return Assert.Single(messages, m => m.Title == title);
    }

    private static async Task LinkShowsAsync(HttpClient client, string link, string text)
    {
        var response = await client.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync());
    }
}
