using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using UglyToad.PdfPig;

namespace CoBuild.Tests.Contracts;

/// <summary>The printed contract, its public verification, and the cost of the list pages.</summary>
[Collection(AppCollection.Name)]
public sealed class PrintTests(AppFixture app)
{
    [Fact]
    public async Task The_pdf_is_an_a4_document_of_the_signed_version_and_its_code_verifies_publicly()
    {
        var community = await app.ClientFor("community.jishan");
        var list = (await community.Get<MenuPage<ContractRow>>("/api/v1/org-contracts?q=%E9%9B%A8%E6%B1%A1%E5%88%86%E6%B5%81%E6%94%B9%E9%80%A0%E5%85%B1%E5%BB%BA"))!;
        var row = list.Items.Single(c => c.Title == "蕺山社区雨污分流改造共建协议");
        var detail = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{row.Id}"))!;
        var hash = detail.Versions.Single().ContentHash;

        var response = await community.GetAsync($"/api/v1/org-contracts/{row.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        ExternalTools.AssertQpdfClean(bytes);
        using var pdf = PdfDocument.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.InRange(page.Width, 594, 596);
        Assert.InRange(page.Height, 841, 843);
        var text = string.Concat(pdf.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
        Assert.Contains("蕺山社区雨污分流改造共建协议", text);
        Assert.Contains("绍兴市城市排水有限公司", text);
        Assert.Contains(hash, text);
        Assert.Contains($"/verify/{hash}", text);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ClientFor("unit.fushan.01")).GetAsync($"/api/v1/org-contracts/{row.Id}/pdf")).StatusCode);

        var anonymous = await app.ClientFor(null);
        var verified = (await anonymous.Get<Verification>($"/api/v1/verify/{hash}"))!;
        Assert.True(verified.IsCurrent);
        Assert.True(verified.ContentIntact);
        Assert.Equal(2, verified.Signatures.Count(s => s.Matches));
        var html = await anonymous.GetStringAsync($"/verify/{hash}");
        Assert.Contains("真实有效", html);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/verify/{new string('a', 64)}")).StatusCode);

        var draft = await Paper.DraftAsync(app, "未签署不能打印");
        Assert.Equal(HttpStatusCode.Conflict, (await community.GetAsync($"/api/v1/org-contracts/{draft.Contract.Id}/pdf")).StatusCode);
    }

    [Fact]
    public async Task An_amended_contract_marks_its_first_version_as_no_longer_current()
    {
        var active = await Paper.ActiveAsync(app, "打印修订协议");
        var unit = await app.ClientFor("unit.drainage");
        var community = await app.ClientFor("community.jishan");
        var v1 = active.Versions.Single().ContentHash;
        await unit.PostAsJsonAsync($"/api/v1/org-contracts/{active.Contract.Id}/amendments", new AmendmentInput("打印修订协议（第二版）", null, null, "更名"), Json.Options);
        foreach (var c in new[] { unit, community }) (await c.PostAsJsonAsync($"/api/v1/org-contracts/{active.Contract.Id}/sign", new SignRequest(null))).EnsureSuccessStatusCode();
        var old = (await (await app.ClientFor(null)).Get<Verification>($"/api/v1/verify/{v1}"))!;
        Assert.False(old.IsCurrent);
        Assert.Equal(2, old.CurrentVersion);
        using var pdf = PdfDocument.Open(await (await community.GetAsync($"/api/v1/org-contracts/{active.Contract.Id}/pdf?version=1")).Content.ReadAsByteArrayAsync());
        Assert.Contains("非现行版本", string.Concat(pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.Value)));
    }

    [Fact]
    public async Task Contract_and_personal_lists_cost_the_same_statements_for_5_or_200_rows()
    {
        var street = await app.ClientFor("street.fushan");
        foreach (var url in new[] { "/api/v1/org-contracts?pageSize=", "/api/v1/personal-contracts?pageSize=", "/api/v1/personal-contracts/logs?pageSize=" })
        {
            var small = await StatementsAsync(street, url + "5");
            Assert.Equal(small, await StatementsAsync(street, url + "200"));
            Assert.InRange(small, 1, 4);
        }
        // Signed in: anonymous reads come from the output cache and run no statement at all.
        var page = await StatementsAsync(await app.ClientFor("resident.demo"), "/api/v1/projects/" + await Paper.DbAsync(app, db =>
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Projects.Where(p => p.Title == "蕺山社区雨污分流改造工程").Select(p => p.Id))));
        Assert.InRange(page, 1, 8);
        var personal = (await street.Get<MenuPage<PersonalRow>>("/api/v1/personal-contracts?pageSize=200"))!;
        Assert.Equal(200, personal.Items.Count);
        Assert.True(personal.Total > 300);
    }

    /// <summary>
    /// Statements one request ran: the median of three tries, so a background job's statement (a replay, the overdue
    /// sweep) does not decide the figure.
    /// </summary>
    private async Task<int> StatementsAsync(HttpClient client, string url)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        var counts = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            app.Sql.Reset();
            // A query string never seen before misses the read caches (ReadCaching), so this counts the database path.
            (await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "fresh=" + Guid.NewGuid().ToString("N"))).EnsureSuccessStatusCode();
            counts.Add(app.Sql.Count);
        }
        return counts.Order().ElementAt(1);
    }
}
