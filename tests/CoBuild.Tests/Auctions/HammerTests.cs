using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Auctions;
using CoBuild.Web.Features.Accounts;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Selection;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Auctions;

/// <summary>The hammer: one award set however many times it falls, draft contracts per winner, tie rules, pass and undo.</summary>
[Collection(AppCollection.Name)]
public sealed class HammerTests(AppFixture app)
{
    private async Task<List<OrgContract>> Contracts(int lotId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.OrgContracts.AsNoTracking().Include(c => c.Commitments).Where(c => c.Source == ContractSource.AuctionLot && c.SourceId == lotId).OrderBy(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task Twenty_simultaneous_hammers_give_one_award_set_within_capacity_and_one_draft_contract_per_winner()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 3);
        var units = await ceremony.Units(41, 10);
        var raised = new List<PaddleItem>();
        foreach (var unit in units) raised.Add(await (await ceremony.Raise(unit, lot.Id)).Read<PaddleItem>());
        var first3 = raised.Take(3).Select(p => p.UnitId).ToList();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => ceremony.Hammer(lot.Id)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var results = await Task.WhenAll(responses.Select(r => r.Read<HammerResult>()));
        Assert.All(results, r => Assert.Equal(1, r.HammerNo));
        Assert.All(results, r => Assert.Equal(results[0].Awards.Select(a => (a.UnitId, a.ContractId)), r.Awards.Select(a => (a.UnitId, a.ContractId))));
        Assert.Equal(first3, results[0].Awards.Select(a => a.UnitId));
        Assert.Equal("先举牌者优先（第 1 个举牌）", results[0].Awards[0].Reason);

        var contracts = await Contracts(lot.Id);
        Assert.Equal(3, contracts.Count);
        Assert.All(contracts, c => Assert.Equal(ContractStatus.Draft, c.Status));
        Assert.Equal(first3.Order(), contracts.Select(c => c.ResidentUnitId).Order());
        Assert.Equal(results[0].Awards.Select(a => a.ContractId!.Value).Order(), contracts.Select(c => c.Id));
        Assert.All(contracts, c => Assert.Contains("老旧小区雨污分流", Assert.Single(c.Commitments).Title));
        var after = await ceremony.Lot(lot.Id);
        Assert.Equal(LotStatus.Hammered, after.Status);
        Assert.NotNull(after.ProjectId);

        // The winner's message opens its own draft; a unit that did not win gets none.
        var winner = contracts.Single(c => c.ResidentUnitId == first3[0]);
        var winnerInbox = await units[0].GetStringAsync("/api/v1/inbox");
        Assert.Contains($"/contracts/{winner.Id}", winnerInbox);
        Assert.Contains(winner.Number, winnerInbox);
        var loserInbox = await units[9].GetStringAsync("/api/v1/inbox");
        Assert.All(contracts, c => Assert.DoesNotContain($"/contracts/{c.Id}\"", loserInbox));
    }

    [Fact]
    public async Task Contested_needs_of_a_round_become_lots_and_the_community_ranking_decides_over_the_earliest_paddle()
    {
        var street = await app.ClientFor("street.fushan");
        var cadre = await app.ClientFor("community.jishan");
        var units = new List<(HttpClient Client, int Id)>();
        foreach (var n in new[] { 34, 35, 36 })
        {
            var client = await app.ClientFor($"unit.fushan.{n:00}");
            units.Add((client, (await client.Get<MeResponse>("/api/v1/me"))!.UnitId!.Value));
        }
        var need = (await (await cadre.PostAsJsonAsync("/api/v1/needs", new CreateNeed("拍卖测试助餐" + Guid.NewGuid().ToString("N")[..6], null, "D04", 1))).Read<NeedItem>()).Id;
        var round = await (await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "拍卖前的双向选择", [need], units.Select(u => u.Id).ToList(), MaxRanks: 1))).Read<RoundItem>();
        foreach (var u in units) await u.Client.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/rankings", new RankNeeds([need]));
        await cadre.PutAsJsonAsync($"/api/v1/selection-rounds/{round.Id}/needs/{need}/rankings", new RankUnits([units[2].Id, units[0].Id, units[1].Id]));
        Assert.Equal([need], (await (await street.PostAsync($"/api/v1/selection-rounds/{round.Id}/close", null)).Read<RoundResultItem>()).Contested.Select(n => n.NeedId));

        var created = await street.PostAsJsonAsync("/api/v1/auctions", new CreateAuction("争议需求拍卖", DateTimeOffset.UtcNow, SelectionRoundId: round.Id));
        var auction = await created.Read<AuctionState>();
        var lot = Assert.Single(auction.Lots);
        Assert.Equal((TieRule.RoundRank, need, 1), (lot.TieRule, lot.NeedId, lot.Capacity));
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/open", null)).StatusCode);
        foreach (var u in units) Assert.Equal(HttpStatusCode.Created, (await u.Client.PostAsJsonAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/paddles", new RaisePaddle(null))).StatusCode);
        var result = await (await street.PostAsync($"/api/v1/auctions/{auction.Id}/lots/{lot.Id}/hammer", null)).Read<HammerResult>();
        var award = Assert.Single(result.Awards);
        Assert.Equal(units[2].Id, award.UnitId); // raised last, ranked first by the community
        Assert.Equal("社区排序第 1", award.Reason);
        var contract = Assert.Single(await Contracts(lot.Id));
        await using (var scope = app.Services.CreateAsyncScope())
            Assert.Equal("蕺山社区", (await scope.ServiceProvider.GetRequiredService<AppDbContext>().OrgUnits.SingleAsync(o => o.Id == contract.OrgUnitId)).Name); // the need's community signs

        var open = await street.PostAsJsonAsync("/api/v1/selection-rounds", new CreateRound(null, "未截止", [need], null));
        var openRound = await open.Read<RoundItem>();
        var refused = await street.PostAsJsonAsync("/api/v1/auctions", new CreateAuction("未截止的轮次", DateTimeOffset.UtcNow, SelectionRoundId: openRound.Id));
        Assert.True((await refused.Problem()).GetProperty("errors").TryGetProperty("selectionRoundId", out _));
    }

    [Fact]
    public async Task The_moderator_picks_with_a_reason_when_more_units_raise_than_the_lot_takes()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 2, tie: TieRule.ModeratorPick);
        var units = await ceremony.Units(51, 4);
        var raised = new List<PaddleItem>();
        foreach (var unit in units) raised.Add(await (await ceremony.Raise(unit, lot.Id)).Read<PaddleItem>());

        var noPick = await ceremony.Hammer(lot.Id);
        Assert.Equal(HttpStatusCode.BadRequest, noPick.StatusCode);
        Assert.True((await noPick.Problem()).GetProperty("errors").TryGetProperty("picks", out _));
        Assert.Equal(LotStatus.Open, (await ceremony.Lot(lot.Id)).Status); // nothing half-written
        var noReason = await ceremony.Hammer(lot.Id, new HammerRequest([raised[3].UnitId, raised[2].UnitId], null));
        Assert.True((await noReason.Problem()).GetProperty("errors").TryGetProperty("reason", out _));
        var stranger = await ceremony.Hammer(lot.Id, new HammerRequest([raised[3].UnitId, 999_999], "专业对口"));
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ceremony.Hammer(lot.Id, new HammerRequest([0, raised[2].UnitId], "专业对口"))).StatusCode);

        var result = await (await ceremony.Hammer(lot.Id, new HammerRequest([raised[3].UnitId, raised[2].UnitId], "专业对口"))).Read<HammerResult>();
        Assert.Equal([raised[3].UnitId, raised[2].UnitId], result.Awards.Select(a => a.UnitId));
        Assert.All(result.Awards, a => Assert.Equal("主持人选定：专业对口", a.Reason));
        Assert.Equal(2, (await Contracts(lot.Id)).Count);
    }

    [Fact]
    public async Task Undo_revokes_the_last_hammer_with_a_reason_voids_the_drafts_and_a_new_hammer_gives_a_new_set()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var first = await ceremony.LotAsync(capacity: 1);
        var units = await ceremony.Units(61, 3);
        foreach (var unit in units) await ceremony.Raise(unit, first.Id);
        var struck = await (await ceremony.Hammer(first.Id)).Read<HammerResult>();

        var second = await ceremony.LotAsync(capacity: 1);
        await ceremony.Raise(units[0], second.Id);
        await ceremony.Hammer(second.Id);
        var notLast = await ceremony.Street.PostAsJsonAsync(ceremony.Url($"/lots/{first.Id}/undo"), new ReasonRequest("误操作"));
        Assert.Equal(HttpStatusCode.Conflict, notLast.StatusCode);
        Assert.Contains("只能撤销最后一槌", (await notLast.Problem()).GetProperty("detail").GetString());

        var noReason = await ceremony.Street.PostAsJsonAsync(ceremony.Url($"/lots/{second.Id}/undo"), new ReasonRequest(" "));
        Assert.True((await noReason.Problem()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await units[0].PostAsJsonAsync(ceremony.Url($"/lots/{second.Id}/undo"), new ReasonRequest("想撤"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.PostAsJsonAsync(ceremony.Url($"/lots/{second.Id}/undo"), new ReasonRequest("主持人误槌，重新举牌"))).StatusCode);
        var reopened = await ceremony.Lot(second.Id);
        Assert.Equal(LotStatus.Open, reopened.Status);
        Assert.Empty(reopened.Awards);
        Assert.All(await Contracts(second.Id), c => Assert.Equal(ContractStatus.Voided, c.Status));

        await ceremony.Raise(units[1], second.Id);
        var again = await (await ceremony.Hammer(second.Id)).Read<HammerResult>();
        Assert.Equal(2, again.HammerNo);
        Assert.Single(again.Awards);
        var contracts = await Contracts(second.Id);
        Assert.Equal([ContractStatus.Voided, ContractStatus.Draft], contracts.Select(c => c.Status));
        var log = (await ceremony.Street.Get<List<EntryItem>>(ceremony.Url("/log")))!;
        Assert.Contains(log, e => e.Action == "撤销落槌" && e.Detail.Contains("主持人误槌，重新举牌") && e.Actor == "street.fushan");
        Assert.Equal(struck.Awards.Single().UnitId, (await ceremony.Lot(first.Id)).Awards.Single().UnitId); // the earlier lot keeps its award
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("community.jishan")).GetAsync(ceremony.Url("/log"))).StatusCode);

        // The ceremony as a real workbook: results, every paddle, the moderator's log.
        var xlsx = await ceremony.Street.GetByteArrayAsync(ceremony.Url("/export"));
        var results = Sheets.Read(xlsx, "拍卖结果");
        Assert.Equal(2, results.Count);
        Assert.Equal("已落槌", results[1]["状态"]);
        Assert.Equal(again.Awards.Single().Unit, results[1]["获得共建权的单位"]);
        Assert.Equal(5, Sheets.Read(xlsx, "举牌记录").Count); // 3 on the first lot, 2 on the second
        Assert.Contains(Sheets.Read(xlsx, "操作记录"), r => (string?)r["操作"] == "撤销落槌" && ((string?)r["内容"])!.Contains("主持人误槌"));
    }

    [Fact]
    public async Task One_lot_at_a_time_pass_and_the_auction_finishes_when_every_lot_is_decided()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var a = await ceremony.LotAsync(capacity: 1);
        var b = await ceremony.LotAsync(capacity: 1, open: false);
        var busy = await ceremony.Street.PostAsync(ceremony.Url($"/lots/{b.Id}/open"), null);
        Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
        var empty = await ceremony.Hammer(a.Id);
        Assert.Equal(HttpStatusCode.Conflict, empty.StatusCode);
        Assert.Contains("流拍", (await empty.Problem()).GetProperty("detail").GetString());
        Assert.Equal(LotStatus.Open, (await ceremony.Lot(a.Id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.PostAsJsonAsync(ceremony.Url($"/lots/{a.Id}/pass"), new ReasonRequest("无人举牌"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ceremony.Street.PostAsync(ceremony.Url($"/lots/{b.Id}/open"), null)).StatusCode);
        await ceremony.Raise(await app.ClientFor("unit.fushan.70"), b.Id);
        await ceremony.Hammer(b.Id);
        var state = (await ceremony.Street.Get<AuctionState>(ceremony.Url()))!;
        Assert.Equal(AuctionStatus.Finished, state.Status);
        Assert.Equal([LotStatus.Passed, LotStatus.Hammered], state.Lots.Select(l => l.Status));
        Assert.Equal(HttpStatusCode.Conflict, (await ceremony.Street.PostAsync(ceremony.Url($"/lots/{a.Id}/open"), null)).StatusCode);
    }

    [Fact]
    public async Task Parallel_opens_of_eight_lots_leave_exactly_one_open()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lots = new List<LotState>();
        for (var i = 0; i < 8; i++) lots.Add(await ceremony.LotAsync(capacity: 1, open: false));
        var responses = await Task.WhenAll(lots.Select(l => ceremony.Street.PostAsync(ceremony.Url($"/lots/{l.Id}/open"), null)));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var state = (await ceremony.Street.Get<AuctionState>(ceremony.Url()))!;
        var open = Assert.Single(state.Lots, l => l.Status == LotStatus.Open);
        Assert.Equal(open.Id, state.CurrentLotId);
    }

    [Fact]
    public async Task Enum_values_outside_their_names_are_refused_naming_the_field()
    {
        var ceremony = await Ceremony.StartAsync(app, mode: LotMode.Pledge);
        foreach (var (field, json) in new[] { ("mode", "{\"title\":\"拍品\",\"capacity\":1,\"mode\":7}"), ("tieRule", "{\"title\":\"拍品\",\"capacity\":1,\"tieRule\":99}"),
                     ("pledgeUnit", "{\"title\":\"拍品\",\"capacity\":1,\"mode\":\"Pledge\",\"increment\":10,\"pledgeUnit\":123456789}") })
        {
            var response = await ceremony.Street.PostAsync(ceremony.Url("/lots"), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty(field, out _), field);
        }
        Assert.Empty((await ceremony.Street.Get<AuctionState>(ceremony.Url()))!.Lots);
    }

    [Fact]
    public async Task A_replay_of_the_demo_ceremony_runs_the_same_outcome_and_grants_nothing()
    {
        var street = await app.ClientFor("street.fushan");
        var demo = (await street.Get<List<AuctionItem>>("/api/v1/auctions"))!.Single(a => a.Title == CoBuild.Web.Features.Demo.DemoAuction.Title);
        var started = await street.PostAsync($"/api/v1/auctions/{demo.Id}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var replay = await started.Read<AuctionState>();
        Assert.Equal(17, replay.Lots.Count);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("street.dongpu")).PostAsync($"/api/v1/auctions/{demo.Id}/replay", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await street.PostAsync($"/api/v1/auctions/{replay.Id}/replay", null)).StatusCode); // not finished yet

        var deadline = DateTime.UtcNow.AddSeconds(90);
        AuctionState now;
        do { await Task.Delay(250); now = (await street.Get<AuctionState>($"/api/v1/auctions/{replay.Id}"))!; }
        while (now.Status != AuctionStatus.Finished && DateTime.UtcNow < deadline);
        Assert.Equal(AuctionStatus.Finished, now.Status);
        var source = (await street.Get<AuctionState>($"/api/v1/auctions/{demo.Id}"))!;
        Assert.Equal(source.Lots.Select(l => (l.Status, l.PaddleCount, string.Join(",", l.Awards.Select(a => a.UnitId)))),
            now.Lots.Select(l => (l.Status, l.PaddleCount, string.Join(",", l.Awards.Select(a => a.UnitId)))));
        Assert.All(now.Lots, l => Assert.All(l.Awards, a => Assert.Null(a.ContractId)));
        Assert.All(now.Lots, l => Assert.Null(l.ProjectId));
        var lotIds = now.Lots.Select(l => l.Id).ToList();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.OrgContracts.AnyAsync(c => c.Source == ContractSource.AuctionLot && c.SourceId != null && lotIds.Contains(c.SourceId.Value)));
        Assert.False(await db.Notifications.AnyAsync(n => n.Link == $"/live/{replay.Id}/paddle"));
    }

    [Fact]
    public async Task Moderator_steps_by_role_matrix()
    {
        var ceremony = await Ceremony.StartAsync(app);
        var lot = await ceremony.LotAsync(capacity: 1, open: false);
        var expected = new Dictionary<string, HttpStatusCode>
        {
            ["district.admin"] = HttpStatusCode.OK, ["street.dongpu"] = HttpStatusCode.Forbidden, ["community.jishan"] = HttpStatusCode.Forbidden,
            ["unit.fushan.01"] = HttpStatusCode.Forbidden, ["unit.drainage"] = HttpStatusCode.Forbidden, ["dept.housing"] = HttpStatusCode.Forbidden,
            ["member.demo"] = HttpStatusCode.Forbidden, ["resident.demo"] = HttpStatusCode.Forbidden,
        };
        foreach (var (user, status) in expected)
        {
            var client = await app.ClientFor(user);
            Assert.Equal(status == HttpStatusCode.OK ? HttpStatusCode.Created : status,
                (await client.PostAsJsonAsync(ceremony.Url("/lots"), new CreateLot($"{user} 的拍品", null, 1))).StatusCode);
            Assert.Equal(status == HttpStatusCode.OK ? HttpStatusCode.Conflict : status, // allowed, but the lot is not open yet
                (await client.PostAsync(ceremony.Url($"/lots/{lot.Id}/countdown/stop"), null)).StatusCode);
            Assert.Equal(status, (await client.GetAsync(ceremony.Url("/log"))).StatusCode);
            Assert.Equal(status, (await client.GetAsync(ceremony.Url("/export"))).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientFor(null)).GetAsync(ceremony.Url())).StatusCode); // the hall is public
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).PostAsync(ceremony.Url($"/lots/{lot.Id}/open"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ceremony.Street.GetAsync("/api/v1/auctions/999999")).StatusCode);
    }
}
