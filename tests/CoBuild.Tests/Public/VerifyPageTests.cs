using System.Net;
using System.Text.Json;
using CoBuild.Tests.Contracts;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;

namespace CoBuild.Tests.Public;

/// <summary>The public verification of a printed contract shows everything that was signed, read from the frozen version.</summary>
[Collection(AppCollection.Name)]
public sealed class VerifyPageTests(AppFixture app)
{
    [Fact]
    public async Task The_api_and_the_page_list_every_signed_commitment_with_side_and_due_date()
    {
        var active = await Paper.ActiveAsync(app, "核验承诺协议", await Paper.InputAsync(app, "核验承诺协议", null, null,
            ("每月一次管网巡检（约 1.2 公里）", 30, ContractSide.Unit), ("提供巡检场地", 20, ContractSide.Party), ("汛前排涝演练", 90, ContractSide.Unit)));
        var hash = active.Versions.Single().ContentHash;
        var signed = active.Commitments.Where(c => !c.Removed).ToList();
        Assert.Equal(3, signed.Count);
        var anonymous = await app.ClientFor(null);

        var v = await anonymous.Get<JsonElement>($"/api/v1/verify/{hash}");
        var listed = v.GetProperty("commitments").EnumerateArray().Select(c => (c.GetProperty("title").GetString()!, c.GetProperty("side").GetString()!, c.GetProperty("sideName").GetString()!,
            DateOnly.Parse(c.GetProperty("dueOn").GetString()!))).ToList();
        Assert.Equal(signed.Select(c => (c.Title, c.Side.ToString(), OrgContract.SideName(c.Side), c.DueOn)).Order(), listed.Order());

        var html = await anonymous.GetStringAsync($"/verify/{hash}");
        Assert.Contains("真实有效", html);
        foreach (var c in signed)
            Assert.Matches($"<tr class=\"verify-commitment\"><td[^>]*>{OrgContract.SideName(c.Side)}</td><td[^>]*>{System.Text.RegularExpressions.Regex.Escape(c.Title)}</td><td[^>]*>{c.DueOn:yyyy-MM-dd}</td></tr>", html);
    }

    [Fact]
    public async Task The_demo_contract_page_shows_its_commitments_and_an_unknown_code_is_404()
    {
        var anonymous = await app.ClientFor(null);
        var hash = await Paper.DbAsync(app, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(
            db.ContractVersions.Where(x => x.Title == "蕺山社区雨污分流改造共建协议").Select(x => x.ContentHash)));
        var html = await anonymous.GetStringAsync($"/verify/{hash}");
        Assert.Contains("完成蕺山社区雨污分流管网改造施工（约 1.2 公里）", html);
        Assert.Contains("协调居民、提供施工场地与临时停车安排", html);

        foreach (var code in new[] { new string('a', 64), "nonsense" })
        {
            var page = await anonymous.GetAsync($"/verify/{code}");
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/verify/{code}")).StatusCode);
        }
    }
}
