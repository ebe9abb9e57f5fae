using System.Net;
using CoBuild.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Contracts;

/// <summary>The back-office pages of 人人契约 (server-rendered): who may open them, and what they show.</summary>
[Collection(AppCollection.Name)]
public sealed class PersonalPagesTests(AppFixture app)
{
    [Theory]
    [InlineData("community.jishan", HttpStatusCode.OK)]
    [InlineData("street.fushan", HttpStatusCode.OK)]
    [InlineData("district.admin", HttpStatusCode.OK)]
    [InlineData("street.dongpu", HttpStatusCode.NotFound)]
    [InlineData("unit.drainage", HttpStatusCode.Forbidden)]
    [InlineData("member.demo", HttpStatusCode.Forbidden)]
    [InlineData("resident.demo", HttpStatusCode.Forbidden)]
    public async Task A_members_contract_page_opens_only_within_scope(string user, HttpStatusCode expected)
    {
        var (id, name) = await JishanContractAsync();
        var response = await (await app.ClientFor(user)).GetAsync($"/admin/personal-contracts/{id}");
        Assert.Equal(expected, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains(name, html);
            Assert.Contains("服务记录", html);
        }
        else
            Assert.DoesNotContain(name + " · ", html);
    }

    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in()
    {
        var (id, _) = await JishanContractAsync();
        var client = await app.ClientFor(null);
        foreach (var path in new[] { "/admin/personal-contracts", $"/admin/personal-contracts/{id}" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/account/login", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public async Task The_list_page_keeps_to_the_callers_communities_and_filters_by_query()
    {
        var (_, name) = await JishanContractAsync();
        var jishan = await (await app.ClientFor("community.jishan")).GetStringAsync("/admin/personal-contracts?q=" + Uri.EscapeDataString(name));
        Assert.Contains($">{name}</a>", jishan);
        Assert.Contains("待确认的服务记录", jishan);
        var dongpu = await (await app.ClientFor("street.dongpu")).GetStringAsync("/admin/personal-contracts?q=" + Uri.EscapeDataString(name));
        Assert.DoesNotContain($">{name}</a>", dongpu);
        Assert.DoesNotContain("蕺山社区", dongpu);
        var unknownStatus = await (await app.ClientFor("community.jishan")).GetAsync("/admin/personal-contracts?status=Nonsense&page=999999&logs=-3");
        Assert.Equal(HttpStatusCode.OK, unknownStatus.StatusCode);
    }

    private Task<(int Id, string Name)> JishanContractAsync() => Paper.DbAsync(app, async db =>
    {
        var c = await db.PersonalContracts.Where(p => p.Community!.Name == "蕺山社区" && p.PartyMember!.Name != "王晓燕")
            .OrderBy(p => p.Id).Select(p => new { p.Id, p.PartyMember!.Name }).FirstAsync();
        return (c.Id, c.Name);
    });
}
