using System.Net;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Menus;

namespace CoBuild.Tests.Menus;

/// <summary>The three lists in and out of Excel: all-or-nothing imports with a row report, scoped exports read back.</summary>
[Collection(AppCollection.Name)]
public sealed class MenuExcelTests(AppFixture app)
{
    private static Dictionary<string, object?> NeedRow(string title, string? community = "蕺山社区", string? group = "D04", object? capacity = null) => new()
    {
        ["需求名称"] = title, ["所在街道"] = "府山街道", ["发布社区"] = community, ["分类编码"] = group, ["需求说明"] = "导入测试", ["可共建单位数"] = capacity,
    };

    [Fact]
    public async Task A_need_file_with_bad_rows_is_refused_whole_then_accepted_when_fixed()
    {
        var cadre = await app.ClientFor("community.jishan");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var rows = new List<Dictionary<string, object?>>
        {
            NeedRow($"导入需求A{tag}"),
            NeedRow($"导入需求B{tag}", group: "Z99"),
            NeedRow($"导入需求C{tag}", community: "仓桥社区"),
            NeedRow($"导入需求D{tag}", capacity: 0),
            NeedRow($"导入需求E{tag}", capacity: "三"),
        };
        var refused = await cadre.PostAsync("/api/v1/imports/needs", Sheets.Upload(rows));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var report = (await refused.Problem()).GetProperty("rows").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString())).ToList();
        Assert.Equal([(3, "分类编码"), (4, "发布社区"), (5, "可共建单位数"), (6, "可共建单位数")], report);
        Assert.Equal(0, (await cadre.Get<MenuPage<NeedItem>>($"/api/v1/needs?q={tag}"))!.Total);

        var fixedRows = new List<Dictionary<string, object?>> { NeedRow($"导入需求A{tag}"), NeedRow($"导入需求B{tag}", capacity: 3) };
        var accepted = await cadre.PostAsync("/api/v1/imports/needs", Sheets.Upload(fixedRows));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var saved = (await cadre.Get<MenuPage<NeedItem>>($"/api/v1/needs?q={tag}"))!;
        Assert.Equal(2, saved.Total);
        Assert.Contains(saved.Items, n => n.Capacity == 3 && n.GroupCode == "D04" && n.OrgUnit == "蕺山社区");
    }

    [Fact]
    public async Task Street_resources_import_for_the_street_not_for_a_community()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var rows = new List<Dictionary<string, object?>>
        {
            new() { ["资源名称"] = $"导入会议室{tag}", ["所在街道"] = "府山街道", ["类别"] = "活动阵地", ["分类编码"] = "A02", ["说明"] = "30 人", ["总额"] = null },
            new() { ["资源名称"] = $"导入基金{tag}", ["所在街道"] = "府山街道", ["类别"] = "公益资金", ["分类编码"] = "B02", ["说明"] = null, ["总额"] = 80000 },
        };
        var community = await (await app.ClientFor("community.jishan")).PostAsync("/api/v1/imports/resources", Sheets.Upload(rows));
        Assert.Equal(HttpStatusCode.BadRequest, community.StatusCode);
        var street = await app.ClientFor("street.fushan");
        var noAmount = new List<Dictionary<string, object?>> { new(rows[1]) { ["总额"] = null } };
        var refused = await street.PostAsync("/api/v1/imports/resources", Sheets.Upload(noAmount));
        Assert.Contains("总额", (await refused.Problem()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await street.PostAsync("/api/v1/imports/resources", Sheets.Upload(rows))).StatusCode);
        var fund = (await street.Get<MenuPage<ResourceItem>>($"/api/v1/resources?q=导入基金{tag}"))!.Items.Single();
        Assert.Equal(80000, fund.Remaining);
    }

    [Theory]
    [InlineData("needs", "需求名称")]
    [InlineData("resources", "资源名称")]
    [InlineData("offers", "服务名称")]
    [InlineData("projects", "项目名称")]
    public async Task Lists_export_as_real_workbooks_limited_to_the_scope(string list, string column)
    {
        var cadre = await app.ClientFor("community.jishan");
        var response = await cadre.GetAsync($"/api/v1/exports/{list}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = Sheets.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r[column]?.ToString())));
        if (list is "needs") Assert.All(rows, r => Assert.Equal("蕺山社区", r["发布方"]));
        if (list is "resources") Assert.DoesNotContain(rows, r => r["提供方"]?.ToString() == "东浦街道");
    }

    [Fact]
    public async Task The_need_export_filters_by_keyword_and_group()
    {
        var street = await app.ClientFor("street.fushan");
        var rows = Sheets.Read(await (await street.GetAsync("/api/v1/exports/needs?group=D04&q=" + Uri.EscapeDataString("助餐"))).Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("D04", r["分类编码"]));
    }
}
