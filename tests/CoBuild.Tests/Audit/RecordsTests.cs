using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CoBuild.Tests.Contracts;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Infrastructure.Auth;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Audit;

/// <summary>
/// Records read as people read them: a contract's history is a Chinese timeline (who by name and organization, what,
/// the fields changed with readable values); login names, JSON keys and hashes stay in the raw rows, which only the
/// district admin reads.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class RecordsTests(AppFixture app)
{
    [GeneratedRegex("[0-9a-f]{64}")]
    private static partial Regex FullHash();

    [GeneratedRegex(@"\b(?:street|community|unit|member|resident|district|dept)\.[a-z0-9.]+\b")]
    private static partial Regex LoginName();

    [GeneratedRegex(@"\b(?:startsOn|endsOn|pendingVersion|dueOn|AwaitingSignatures|sign-and-enact|delivery-confirm)\b|""(?:title|status|version|side|hash)""\s*:")]
    private static partial Regex EnglishKey();

    /// <summary>A draft edited, signed by both, a delivery recorded and confirmed: every step of it in the timeline.</summary>
    private async Task<int> LivedContractAsync(string title)
    {
        var community = await app.ClientFor("community.jishan");
        var draft = await Paper.DraftAsync(app, title);
        var id = draft.Contract.Id;
        var input = await Paper.InputAsync(app, title + "（修改）", Paper.Today.AddDays(-10), new DateOnly(Paper.Today.Year + 1, 3, 1));
        (await community.PutAsJsonAsync($"/api/v1/org-contracts/{id}", input, Json.Options)).EnsureSuccessStatusCode();
        foreach (var user in new[] { "unit.drainage", "community.jishan" })
            (await Paper.SignAsync(await app.ClientFor(user), id)).EnsureSuccessStatusCode();
        var active = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        var line = active.Commitments.Single(c => c.Side == ContractSide.Unit);
        var unit = await app.ClientFor("unit.drainage");
        var recorded = await unit.PostAsJsonAsync($"/api/v1/org-contracts/{id}/commitments/{line.Id}/deliveries",
            new DeliveryInput(Paper.Today, "完成第一次管网巡检", 3, "小时", false), Json.Options);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var delivery = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        (await community.PostAsJsonAsync($"/api/v1/org-contracts/{id}/deliveries/{delivery}/confirm", new AnswerRequest("已核实"))).EnsureSuccessStatusCode();
        return id;
    }

    [Fact]
    public async Task The_contract_timeline_says_who_what_and_which_fields_changed_in_Chinese()
    {
        var id = await LivedContractAsync("时间线测试协议");
        var unit = await app.ClientFor("unit.drainage");
        var json = await unit.GetStringAsync($"/api/v1/org-contracts/{id}");
        var history = JsonDocument.Parse(json).RootElement.GetProperty("history").GetRawText();
        Assert.DoesNotMatch(FullHash(), history);
        Assert.DoesNotMatch(LoginName(), history);
        Assert.DoesNotMatch(EnglishKey(), history);

        var detail = (await unit.Get<ContractDetail>($"/api/v1/org-contracts/{id}"))!;
        Assert.Equal(["起草协议", "修改草稿", "签署", "签署，协议生效", "登记履约", "确认履约"], detail.History.Select(h => h.What));
        var edit = detail.History[1];
        Assert.Equal("蕺山社区 全科社工", edit.Who); // the account's name already says its organization
        Assert.Contains(edit.Changes, c => c.Field == "名称" && c.From == "时间线测试协议" && c.To == "时间线测试协议（修改）");
        Assert.Contains(edit.Changes, c => c.Field == "结束日期" && c.To == $"{Paper.Today.Year + 1}年3月1日");
        var signed = detail.History[2];
        Assert.Equal("绍兴市城市排水有限公司 党支部", signed.Who);
        Assert.Contains(signed.Changes, c => c.Field == "签署方" && c.To == "乙方 绍兴市城市排水有限公司党支部（绍兴市城市排水有限公司）");
        Assert.Contains(signed.Changes, c => c.Field == "状态" && c.To == "待签署");
        Assert.Contains(detail.History[3].Changes, c => c.Field == "状态" && c.To == "履约中");
        Assert.Contains(detail.History[4].Changes, c => c.Field == "承诺" && c.To == "每月一次管网巡检");
        Assert.Contains(detail.History[4].Changes, c => c.Field == "数量" && c.To == "3 小时");
        Assert.Contains(detail.History[5].Changes, c => c.Field == "状态" && c.From == "待确认" && c.To == "已确认");
        Assert.Contains(detail.History[5].Changes, c => c.Field == "说明" && c.To == "已核实");
    }

    [Theory]
    [InlineData("unit.drainage")]
    [InlineData("community.jishan")]
    public async Task The_contract_page_shows_the_timeline_without_login_names_json_or_hashes(string user)
    {
        var id = await LivedContractAsync($"页面时间线{user}");
        var html = await (await app.ClientFor(user)).GetStringAsync($"/contracts/{id}");
        var start = html.IndexOf("contract-history", StringComparison.Ordinal);
        Assert.True(start > 0);
        var history = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Contains("修改草稿", history);
        Assert.Contains("签署，协议生效", history);
        Assert.Contains("蕺山社区 全科社工", history);
        Assert.Contains($"{Paper.Today.Year + 1}年3月1日", history);
        Assert.DoesNotContain("{", history);
        Assert.DoesNotMatch(FullHash(), history);
        Assert.DoesNotMatch(LoginName(), history);
        Assert.DoesNotMatch(EnglishKey(), history);
        // Nowhere on the page: the full fingerprint is behind the public verification link only.
        Assert.DoesNotMatch(LoginName(), html);
        Assert.DoesNotMatch(new Regex(">[^<]*[0-9a-f]{64}[^<]*<"), html);
    }

    [Theory]
    [InlineData("street.fushan")]
    [InlineData("community.jishan")]
    [InlineData("unit.drainage")]
    [InlineData("member.demo")]
    public async Task Raw_audit_rows_are_for_the_district_admin_only(string user)
    {
        var id = (await Paper.ActiveAsync(app, $"原始记录{user}")).Contract.Id;
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(user)).GetAsync($"/api/v1/org-contracts/{id}/audit")).StatusCode);
        var raw = (await (await app.ClientFor("district.admin")).Get<List<AuditRow>>($"/api/v1/org-contracts/{id}/audit"))!;
        Assert.Contains(raw, r => r.Action == "sign-and-enact" && r.Actor == "community.jishan" && r.Hash.Length == 64);
    }

    [Fact]
    public async Task Order_history_names_people_and_their_organization_not_logins_or_demo()
    {
        var street = await app.ClientFor("street.fushan");
        var orders = (await street.Get<MenuPage<OrderItem>>("/api/v1/orders?kind=Claim&status=Delivered&pageSize=200"))!.Items;
        Assert.NotEmpty(orders);
        var events = new List<OrderEventItem>();
        foreach (var o in orders.Take(5)) events.AddRange((await street.Get<OrderItem>($"/api/v1/orders/{o.Id}"))!.Events);
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.NotEqual("demo", e.Actor);
            Assert.DoesNotMatch(LoginName(), e.Actor);
        });
        Assert.Contains(events, e => e.Actor.EndsWith("社区）", StringComparison.Ordinal));
        Assert.Contains(events, e => e.Actor.Contains("（") && !e.Actor.EndsWith("社区）", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_member_sees_the_pledge_and_its_parties_but_no_fingerprint()
    {
        var (member, contractId, community) = await MemberAsync();
        var html = await member.GetStringAsync("/m/pledge");
        Assert.Contains("pledge-card", html);
        Assert.Contains($"中共{community}", html); // the other party: the community's party organization
        Assert.Contains($"（{community}）", html);
        Assert.DoesNotContain("指纹", html);
        Assert.DoesNotMatch(FullHash(), html);
        Assert.DoesNotMatch(new Regex("[0-9a-f]{8}…[0-9a-f]{8}"), html);
        Assert.Null((await member.Get<PersonalDetail>($"/api/v1/personal-contracts/{contractId}"))!.ContentHash);
        // Staff keep a short code to check the record against the chain.
        var staff = await (await app.ClientFor("district.admin")).GetStringAsync($"/admin/personal-contracts/{contractId}");
        Assert.Matches(new Regex("[0-9a-f]{8}…[0-9a-f]{8}"), staff);
        Assert.DoesNotMatch(FullHash(), staff);
    }

    /// <summary>A sign-in of its own for a member with an active contract this year (the demo member signs in other tests).</summary>
    private async Task<(HttpClient Client, int ContractId, string Community)> MemberAsync()
    {
        var name = "records." + Guid.NewGuid().ToString("N")[..10];
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var taken = await db.Users.Where(u => u.PartyMemberId != null).Select(u => u.PartyMemberId!.Value).ToListAsync();
        var c = await db.PersonalContracts.Where(p => p.Year == Paper.Today.Year && p.Status == PersonalContractStatus.Active && !taken.Contains(p.PartyMemberId))
            .OrderByDescending(p => p.Id).Select(p => new { p.Id, p.DistrictId, p.CommunityId, p.Path, p.PartyMemberId, Community = p.Community!.Name }).FirstAsync();
        var user = new AppUser
        {
            UserName = name, DisplayName = "记录测试党员", Role = Roles.PartyMember, DistrictId = c.DistrictId,
            ScopeOrgUnitId = c.CommunityId, ScopePath = c.Path, PartyMemberId = c.PartyMemberId, LockoutEnabled = true,
        };
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, CoBuild.Web.Features.Demo.DemoDistrict.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return (await app.ClientFor(name), c.Id, c.Community);
    }
}
