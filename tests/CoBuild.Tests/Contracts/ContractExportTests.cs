using System.Net;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Contracts;
using CoBuild.Web.Features.Menus;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Contracts;

/// <summary>The contract ledger and the member roster as .xlsx, read back with MiniExcel: same scope and filters as the lists.</summary>
[Collection(AppCollection.Name)]
public sealed class ContractExportTests(AppFixture app)
{
    [Fact]
    public async Task The_contract_ledger_holds_the_filtered_list_and_its_commitments()
    {
        var district = await app.ClientFor("district.admin");
        var fushan = await Demo.Node(district, OrgLevel.Street, "府山街道");
        var list = (await district.Get<MenuPage<ContractRow>>($"/api/v1/org-contracts?street={fushan.Id}&pageSize=200"))!;
        Assert.True(list.Total > 10);

        var response = await district.GetAsync($"/api/v1/org-contracts/export?street={fushan.Id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("共建协议台账_", response.Content.Headers.ContentDisposition!.FileNameStar);
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        var contracts = Sheets.Read(xlsx, "共建协议");
        Assert.Equal(list.Items.Select(c => c.Number).Order(), contracts.Select(r => (string)r["编号"]!).Order());
        var jishan = contracts.First(r => (string?)r["协议名称"] == "蕺山社区雨污分流改造共建协议");
        Assert.Equal("蕺山社区", jishan["甲方"]);
        var commitments = Sheets.Read(xlsx, "承诺事项");
        Assert.Contains(commitments, c => c["协议编号"]!.Equals(jishan["编号"]) && c["完成日期"] is not null); // the construction, delivered and confirmed
        Assert.All(commitments, c => Assert.Contains(c["协议编号"], contracts.Select(r => r["编号"])));

        var active = Sheets.Read(await district.GetByteArrayAsync($"/api/v1/org-contracts/export?street={fushan.Id}&status=Active"), "共建协议");
        Assert.NotEmpty(active);
        Assert.All(active, r => Assert.Equal("履约中", r["状态"]));
        var bad = await district.GetAsync("/api/v1/org-contracts/export?status=Nonsense");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Problem()).GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task Each_caller_exports_only_the_contracts_it_may_see()
    {
        var dongpu = Sheets.Read(await (await app.ClientFor("street.dongpu")).GetByteArrayAsync("/api/v1/org-contracts/export"), "共建协议");
        Assert.DoesNotContain(dongpu, r => (string?)r["甲方"] == "蕺山社区");
        var unit = Sheets.Read(await (await app.ClientFor("unit.drainage")).GetByteArrayAsync("/api/v1/org-contracts/export"), "共建协议");
        Assert.NotEmpty(unit);
        Assert.All(unit, r => Assert.Equal("绍兴市城市排水有限公司", r["乙方"]));
        foreach (var user in new[] { "member.demo", "resident.demo" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(user)).GetAsync("/api/v1/org-contracts/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync("/api/v1/org-contracts/export")).StatusCode);
    }

    [Fact]
    public async Task The_member_roster_holds_the_communitys_contracts_with_their_hours()
    {
        var cadre = await app.ClientFor("community.jishan");
        var list = (await cadre.Get<MenuPage<PersonalRow>>("/api/v1/personal-contracts?year=2026&pageSize=1"))!;
        Assert.True(list.Total > 20);
        var rows = Sheets.Read(await cadre.GetByteArrayAsync("/api/v1/personal-contracts/export?year=2026"), "人人契约");
        Assert.Equal(list.Total, rows.Count);
        Assert.All(rows, r => Assert.Equal("蕺山社区", r["社区"]));
        Assert.Contains(rows, r => Convert.ToDecimal(r["已完成（小时）"]) > 0);
        var district = Sheets.Read(await (await app.ClientFor("district.admin")).GetByteArrayAsync("/api/v1/personal-contracts/export?year=2026"), "人人契约");
        Assert.True(district.Count > 3000);
        foreach (var user in new[] { "unit.drainage", "resident.demo" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor(user)).GetAsync("/api/v1/personal-contracts/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync("/api/v1/personal-contracts/export")).StatusCode);
    }

    [Fact]
    public async Task The_list_pages_link_their_export_with_the_filters_on_screen()
    {
        var street = await app.ClientFor("street.fushan");
        var contracts = await street.GetStringAsync("/admin/contracts?status=Active&overdue=true&q=%E6%8E%92%E6%B0%B4");
        Assert.Contains("href=\"/api/v1/org-contracts/export?status=Active&amp;overdue=true&amp;q=%E6%8E%92%E6%B0%B4\"", contracts);
        var roster = await (await app.ClientFor("community.jishan")).GetStringAsync("/admin/personal-contracts?year=2025&status=Completed");
        Assert.Contains("href=\"/api/v1/personal-contracts/export?year=2025&amp;status=Completed\"", roster);
    }
}
