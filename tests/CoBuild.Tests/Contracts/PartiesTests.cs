using System.Text.RegularExpressions;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using UglyToad.PdfPig;

namespace CoBuild.Tests.Contracts;

/// <summary>
/// A 党建共建协议 is signed by party organizations: the community's 党组织 (or the street's 党工委) and the unit's
/// 党组织, each shown with the organization it belongs to, on the page, in the lists, on paper and on the public check.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PartiesTests(AppFixture app)
{
    private const string Community = "中共蕺山社区委员会（蕺山社区）";
    private const string Drainage = "绍兴市城市排水有限公司党支部（绍兴市城市排水有限公司）";

    private async Task<ContractRow> JishanAsync(HttpClient client) =>
        (await client.Get<MenuPage<ContractRow>>("/api/v1/org-contracts?q=%E9%9B%A8%E6%B1%A1%E5%88%86%E6%B5%81%E6%94%B9%E9%80%A0%E5%85%B1%E5%BB%BA"))!
            .Items.Single(c => c.Title == "蕺山社区雨污分流改造共建协议");

    [Fact]
    public async Task The_api_list_and_page_name_the_party_organizations_with_their_organizations()
    {
        var community = await app.ClientFor("community.jishan");
        var row = await JishanAsync(community);
        Assert.Equal(Community, row.PartyA);
        Assert.Equal(Drainage, row.PartyB);
        Assert.Equal("蕺山社区", row.OrgUnit);
        var detail = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{row.Id}"))!;
        Assert.Equal(Community, detail.Contract.PartyA);
        Assert.Equal(Drainage, detail.Contract.PartyB);
        Assert.Contains(detail.Commitments, c => c.LinkTitle == "项目“蕺山社区雨污分流改造工程”");

        foreach (var user in new[] { "community.jishan", "unit.drainage" })
        {
            var html = await (await app.ClientFor(user)).GetStringAsync($"/contracts/{row.Id}");
            Assert.Contains(Community, html);
            Assert.Contains(Drainage, html);
            Assert.Contains("关联项目“蕺山社区雨污分流改造工程”", html);
            Assert.DoesNotMatch(new Regex(@"#\d"), html.Replace("&#", "", StringComparison.Ordinal));
        }
        var phoneList = await (await app.ClientFor("unit.drainage")).GetStringAsync("/m/contracts");
        Assert.Contains(Community, phoneList);
    }

    [Fact]
    public async Task A_street_signs_as_its_party_working_committee()
    {
        var street = await app.ClientFor("street.fushan");
        var rows = (await street.Get<MenuPage<ContractRow>>("/api/v1/org-contracts?pageSize=100"))!.Items.Where(r => r.OrgUnit == "府山街道").ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("中共府山街道工作委员会（府山街道）", r.PartyA));
        Assert.All(rows, r => Assert.EndsWith($"（{r.Unit}）", r.PartyB));
    }

    [Fact]
    public async Task The_pdf_and_the_public_check_name_the_parties_and_link_by_title_not_number()
    {
        var community = await app.ClientFor("community.jishan");
        var row = await JishanAsync(community);
        var hash = (await community.Get<ContractDetail>($"/api/v1/org-contracts/{row.Id}"))!.Versions.Single().ContentHash;
        using var pdf = PdfDocument.Open(await community.GetByteArrayAsync($"/api/v1/org-contracts/{row.Id}/pdf"));
        var text = string.Concat(pdf.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))));
        Assert.Contains("中共蕺山社区委员会", text);
        Assert.Contains("绍兴市城市排水有限公司党支部", text);
        Assert.Contains("蕺山社区雨污分流改造工程", text);
        Assert.DoesNotMatch(new Regex(@"#\s*\d"), text);

        var anonymous = await app.ClientFor(null);
        var verified = (await anonymous.Get<Verification>($"/api/v1/verify/{hash}"))!;
        Assert.Equal(Community, verified.PartyA);
        Assert.Equal(Drainage, verified.PartyB);
        Assert.Contains(verified.Commitments, c => c.Link == "项目“蕺山社区雨污分流改造工程”");
        var html = await anonymous.GetStringAsync($"/verify/{hash}");
        Assert.Contains(Community, html);
        Assert.Contains(Drainage, html);
    }
}
