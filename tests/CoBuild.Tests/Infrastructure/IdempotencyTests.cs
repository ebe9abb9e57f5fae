using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CoBuild.Tests.Contracts;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Orders;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Infrastructure;

/// <summary>Idempotency-Key on creating POSTs and per-render form tokens: duplicates sent in parallel create one record.</summary>
[Collection(AppCollection.Name)]
public sealed partial class IdempotencyTests(AppFixture app)
{
    private const string Header = "Idempotency-Key";

    [Fact]
    public async Task The_same_order_posted_seven_times_in_parallel_with_one_key_makes_one_order_and_seven_identical_answers()
    {
        var fund = await FundAsync();
        var cadre = await app.ClientFor("community.jishan");
        var ordersBefore = await OrdersOnAsync(fund.Id);
        var key = Guid.NewGuid().ToString();
        var responses = await Task.WhenAll(Enumerable.Range(0, 7).Select(_ =>
            cadre.SendAsync(Post($"/api/v1/resources/{fund.Id}/orders", new OrderRequest("重复提交的订单", 10, null, null, null), key))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
        Assert.Single(responses.Select(r => r.Headers.Location?.ToString()).Distinct());
        Assert.Equal(6, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
        var order = await responses[0].Read<OrderItem>();
        Assert.Equal(ordersBefore + 1, await OrdersOnAsync(fund.Id));
        Assert.Equal(fund.Remaining - 10, (await cadre.Get<ResourceItem>($"/api/v1/resources/{fund.Id}"))!.Remaining);

        // Later, the same key again still answers with that order and deducts nothing.
        var later = await cadre.SendAsync(Post($"/api/v1/resources/{fund.Id}/orders", new OrderRequest("重复提交的订单", 10, null, null, null), key));
        Assert.Equal(HttpStatusCode.Created, later.StatusCode);
        Assert.Equal(order.Id, (await later.Read<OrderItem>()).Id);
        Assert.Equal(ordersBefore + 1, await OrdersOnAsync(fund.Id));
    }

    [Fact]
    public async Task The_same_service_log_posted_twelve_times_in_parallel_with_one_key_makes_one_log()
    {
        var (member, contractId) = await MemberAsync();
        var before = await LogsOfAsync(contractId);
        var key = Guid.NewGuid().ToString("N");
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ =>
            member.SendAsync(Post($"/api/v1/personal-contracts/{contractId}/logs", new ServiceLogInput(Paper.Today, 2, "走访独居老人"), key))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single((await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()))).Distinct());
        Assert.Equal(before + 1, await LogsOfAsync(contractId));
    }

    [Fact]
    public async Task The_same_key_with_another_body_or_path_is_refused_with_422_and_changes_nothing()
    {
        var fund = await FundAsync();
        var cadre = await app.ClientFor("community.jishan");
        var key = Guid.NewGuid().ToString();
        Assert.Equal(HttpStatusCode.Created, (await cadre.SendAsync(Post($"/api/v1/resources/{fund.Id}/orders", new OrderRequest("一次", 5, null, null, null), key))).StatusCode);
        var count = await OrdersOnAsync(fund.Id);

        var otherBody = await cadre.SendAsync(Post($"/api/v1/resources/{fund.Id}/orders", new OrderRequest("一次", 6, null, null, null), key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        Assert.True((await otherBody.Problem()).GetProperty("errors").TryGetProperty(Header, out _));
        var otherPath = await cadre.SendAsync(Post("/api/v1/org-contracts", await Paper.InputAsync(app, "幂等键另一路径"), key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherPath.StatusCode);
        Assert.Equal(count, await OrdersOnAsync(fund.Id));
    }

    [Fact]
    public async Task A_refusal_is_replayed_too_and_a_bad_key_is_a_400()
    {
        var fund = await FundAsync();
        var cadre = await app.ClientFor("community.jishan");
        var key = Guid.NewGuid().ToString();
        var over = new OrderRequest(null, fund.Remaining!.Value + 1, null, null, null);
        var first = await cadre.SendAsync(Post($"/api/v1/resources/{fund.Id}/orders", over, key));
        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        var again = await cadre.SendAsync(Post($"/api/v1/resources/{fund.Id}/orders", over, key));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());

        foreach (var bad in new[] { new string('k', 101), "有中文", "with space" })
        {
            var request = Post($"/api/v1/resources/{fund.Id}/orders", new OrderRequest(null, 1, null, null, null), null);
            request.Headers.TryAddWithoutValidation(Header, bad);
            var response = await cadre.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Problem()).GetProperty("errors").TryGetProperty(Header, out _));
        }
    }

    [Fact]
    public async Task Without_a_key_two_posts_make_two_records_and_keys_are_per_caller()
    {
        var (member, contractId) = await MemberAsync();
        var (other, otherContractId) = await MemberAsync();
        var before = await LogsOfAsync(contractId);
        var input = new ServiceLogInput(Paper.Today, 1, "整理社区图书角");
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/v1/personal-contracts/{contractId}/logs", input)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync($"/api/v1/personal-contracts/{contractId}/logs", input)).StatusCode);
        Assert.Equal(before + 2, await LogsOfAsync(contractId));

        var key = Guid.NewGuid().ToString();
        var otherBefore = await LogsOfAsync(otherContractId);
        var mine = await member.SendAsync(Post($"/api/v1/personal-contracts/{contractId}/logs", input, key));
        var theirs = await other.SendAsync(Post($"/api/v1/personal-contracts/{otherContractId}/logs", input, key));
        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(before + 3, await LogsOfAsync(contractId));
        Assert.Equal(otherBefore + 1, await LogsOfAsync(otherContractId));
    }

    [Fact]
    public async Task A_service_log_form_posted_twelve_times_with_one_token_makes_one_log()
    {
        var (member, contractId) = await MemberAsync();
        var page = await member.GetStringAsync("/m/pledge");
        var antiforgery = HiddenValue(page, "__RequestVerificationToken");
        var token = HiddenValue(page, "_formToken");
        var before = await LogsOfAsync(contractId);

        MultipartFormDataContent Form() => new()
        {
            { new StringContent("log"), "_handler" },
            { new StringContent(antiforgery), "__RequestVerificationToken" },
            { new StringContent(token), "_formToken" },
            { new StringContent(Paper.Today.ToString("yyyy-MM-dd")), "On" },
            { new StringContent("1.5"), "Hours" },
            { new StringContent("双击登记的服务"), "What" },
        };
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => member.PostAsync("/m/pledge", Form())));

        Assert.All(responses, r => Assert.EndsWith("/m/pledge?done=log", r.Headers.Location?.OriginalString));
        Assert.Equal(before + 1, await LogsOfAsync(contractId));

        // A fresh render carries a new token, so the next entry is a record of its own.
        var next = HiddenValue(await member.GetStringAsync("/m/pledge"), "_formToken");
        Assert.NotEqual(token, next);
    }

    private static string HiddenValue(string html, string name)
    {
        var input = Regex.Matches(html, "<input[^>]*>").Select(m => m.Value).First(i => i.Contains($"name=\"{name}\""));
        return WebUtility.HtmlDecode(ValueAttribute().Match(input).Groups[1].Value);
    }

    [GeneratedRegex("value=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    private static HttpRequestMessage Post<T>(string url, T body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body, options: Json.Options) };
        if (key is not null) request.Headers.Add(Header, key);
        return request;
    }

    private async Task<ResourceItem> FundAsync()
    {
        var client = await app.ClientFor(null);
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var page = (await client.Get<MenuPage<ResourceItem>>($"/api/v1/resources?street={fushan.Id}&kind={ResourceKind.Fund}&pageSize=200"))!;
        return page.Items.Where(r => r.Remaining >= 100).OrderByDescending(r => r.Remaining).First();
    }

    private Task<int> OrdersOnAsync(int resourceId) => Paper.DbAsync(app, db => db.Orders.CountAsync(o => o.ResourceId == resourceId));

    private Task<int> LogsOfAsync(int contractId) => Paper.DbAsync(app, db => db.ServiceLogs.CountAsync(l => l.ContractId == contractId));

    /// <summary>A sign-in of its own for a member with an active contract this year, so these logs never meet another test's.</summary>
    private async Task<(HttpClient Client, int ContractId)> MemberAsync()
    {
        var name = "idem." + Guid.NewGuid().ToString("N")[..10];
        int contractId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CoBuild.Web.Infrastructure.Data.AppDbContext>();
            var taken = await db.Users.Where(u => u.PartyMemberId != null).Select(u => u.PartyMemberId!.Value).ToListAsync();
            var candidates = db.PersonalContracts.Where(p => p.Year == Paper.Today.Year && p.Status == PersonalContractStatus.Active && !taken.Contains(p.PartyMemberId));
            var c = await candidates.OrderBy(p => p.Id).Skip(Random.Shared.Next(0, Math.Max(1, await candidates.CountAsync() - 1)))
                .Select(p => new { p.Id, p.DistrictId, p.CommunityId, p.Path, p.PartyMemberId }).FirstAsync();
            var user = new AppUser
            {
                UserName = name, DisplayName = "幂等测试党员", Role = Roles.PartyMember, DistrictId = c.DistrictId,
                ScopeOrgUnitId = c.CommunityId, ScopePath = c.Path, PartyMemberId = c.PartyMemberId, LockoutEnabled = true,
            };
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, CoBuild.Web.Features.Demo.DemoDistrict.Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            contractId = c.Id;
        }
        return (await app.ClientFor(name), contractId);
    }
}
