using System.Net;
using System.Text.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Imports;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Imports;

[Collection(AppCollection.Name)]
public sealed class ImportTests(AppFixture app)
{
    private static Dictionary<string, object?> Member(string name, string idCard, string community = "蕺山社区", string street = "府山街道") => new()
    {
        ["姓名"] = name, ["身份证号"] = idCard, ["手机号"] = "13905750000", ["职业"] = "教师", ["工作单位"] = "绍兴市第一中学",
        ["居住街道"] = street, ["居住社区"] = community, ["网格"] = "第1网格", ["技能特长"] = "作业辅导", ["服务意向"] = "作业辅导",
    };

    private static List<(int Row, string Column, string Reason)> Rows(JsonElement problem) =>
        problem.GetProperty("rows").EnumerateArray()
            .Select(r => (r.GetProperty("row").GetInt32(), r.GetProperty("column").GetString()!, r.GetProperty("reason").GetString()!)).ToList();

    [Fact]
    public async Task A_file_with_one_bad_check_digit_is_refused_whole_then_accepted_when_fixed()
    {
        var client = await app.ClientFor("street.fushan");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var before = (await client.Get<MemberPage>($"/api/v1/org-units/{jishan.Id}/members?pageSize=1"))!.Total;
        var tag = Guid.NewGuid().ToString("N")[..4];
        var rows = Enumerable.Range(1, 12).Select(i => Member($"导入{tag}{i:00}", Sheets.NewIdCard())).ToList();
        var good = (string)rows[5]["身份证号"]!;
        rows[5]["身份证号"] = Sheets.WrongCheckDigit(good); // Excel row 7: header is row 1

        var refused = await client.PostAsync("/api/v1/imports/members", Sheets.Upload(rows));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var report = Rows(await refused.Problem());
        Assert.Equal([(7, "身份证号", "校验位错误")], report);
        Assert.Equal(before, (await client.Get<MemberPage>($"/api/v1/org-units/{jishan.Id}/members?pageSize=1"))!.Total);

        rows[5]["身份证号"] = good;
        var accepted = await client.PostAsync("/api/v1/imports/members", Sheets.Upload(rows));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(12, (await accepted.Read<ImportResult>()).Saved);
        var page = (await client.Get<MemberPage>($"/api/v1/org-units/{jishan.Id}/members?q=导入{tag}"))!;
        Assert.Equal(12, page.Total);
        Assert.All(page.Items, m => Assert.Equal("第1网格", m.Grid));

        var again = await client.PostAsync("/api/v1/imports/members", Sheets.Upload(rows.Take(1)));
        Assert.Equal([(2, "身份证号", "该党员已在系统中")], Rows(await again.Problem()));
    }

    [Fact]
    public async Task Every_bad_row_is_reported_with_row_column_and_reason()
    {
        var client = await app.ClientFor("street.fushan");
        var dup = Sheets.NewIdCard();
        var rows = new List<Dictionary<string, object?>>
        {
            Member("", Sheets.NewIdCard()),
            Member("甲", dup),
            Member("乙", dup),
            Member("丙", Sheets.NewIdCard(), community: "不存在社区"),
            Member("丁", Sheets.NewIdCard(), street: "东浦街道", community: (await Demo.DongpuCommunity(client)).Name),
            Member("戊", "12345"),
        };
        rows[1]["手机号"] = "12345";
        var response = await client.PostAsync("/api/v1/imports/members", Sheets.Upload(rows));
        var report = Rows(await response.Problem());
        Assert.Contains((2, "姓名", "不能为空"), report);
        Assert.Contains((3, "手机号", "应为 11 位数字，以 1 开头"), report);
        Assert.Contains((4, "身份证号", "与第 3 行重复"), report);
        Assert.Contains(report, e => e.Row == 5 && e.Column == "居住社区" && e.Reason.Contains("没有"));
        Assert.Contains(report, e => e.Row == 6 && e.Column == "居住社区" && e.Reason.Contains("不在您的管理范围内"));
        Assert.Contains((7, "身份证号", "应为 18 位"), report);
    }

    [Fact]
    public async Task An_id_card_stored_as_a_number_is_named_as_such_once_per_row_and_a_numeric_phone_is_its_digits()
    {
        var client = await app.ClientFor("street.fushan");
        var tag = Guid.NewGuid().ToString("N")[..4];
        var rows = Enumerable.Range(1, 3).Select(i => Member($"数字{tag}{i}", Sheets.NewIdCard())).ToList();
        rows[0]["身份证号"] = 330602199001011234L;  // Excel keeps 15 digits: 3.30602199001011E+17
        rows[2]["身份证号"] = 3.30602199001011E+17;

        var refused = await client.PostAsync("/api/v1/imports/members", Sheets.Upload(rows));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal([(2, "身份证号", MemberImport.StoredAsNumber), (4, "身份证号", MemberImport.StoredAsNumber)], Rows(await refused.Problem()));
        Assert.Equal("身份证号被存成了数字，请将该列设为文本后重填", MemberImport.StoredAsNumber);

        var phoneAsNumber = Member($"数字{tag}话", Sheets.NewIdCard());
        phoneAsNumber["手机号"] = 13905750123L;
        var accepted = await client.PostAsync("/api/v1/imports/members", Sheets.Upload([phoneAsNumber]));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var saved = Assert.Single((await client.Get<MemberPage>($"/api/v1/org-units/{jishan.Id}/members?q=数字{tag}话"))!.Items);
        Assert.EndsWith("0123", saved.Phone);
    }

    [Fact]
    public async Task Data_on_another_sheet_is_named_with_the_sheet_it_belongs_on()
    {
        var client = await app.ClientFor("street.fushan");
        var header = new Dictionary<string, object?>();
        foreach (var c in MemberImport.Columns) header[c.Name] = null;
        var elsewhere = await client.PostAsync("/api/v1/imports/members", Sheets.Upload(new Dictionary<string, object>
        {
            ["导入数据"] = new List<Dictionary<string, object?>> { header },
            ["Sheet2"] = new List<Dictionary<string, object?>> { Member("别处", Sheets.NewIdCard()) },
        }));
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.StatusCode);
        Assert.Equal([(1, "工作表", "数据在工作表“Sheet2”中，请放到“导入数据”工作表")], Rows(await elsewhere.Problem()));

        // The data sheet is read by its name wherever it stands; the help sheet is not data.
        var template = await client.GetByteArrayAsync("/api/v1/imports/members/template");
        var help = Sheets.Read(template, "填写说明");
        var moved = await client.PostAsync("/api/v1/imports/members", Sheets.Upload(new Dictionary<string, object>
        {
            ["填写说明"] = help,
            ["导入数据"] = new List<Dictionary<string, object?>> { Member("别处", "12345") },
        }));
        Assert.Equal([(2, "身份证号", "应为 18 位")], Rows(await moved.Problem()));
        var empty = await client.PostAsync("/api/v1/imports/members", Sheets.Upload(new Dictionary<string, object>
        {
            ["导入数据"] = new List<Dictionary<string, object?>> { header },
            ["填写说明"] = help,
        }));
        Assert.Equal([(2, "文件", "没有数据行")], Rows(await empty.Problem()));
    }

    [Fact]
    public async Task Files_that_are_not_the_template_are_refused_clearly()
    {
        var client = await app.ClientFor("district.admin");
        var missingColumn = await client.PostAsync("/api/v1/imports/units", Sheets.Upload([new() { ["名称"] = "某单位" }]));
        Assert.Contains(Rows(await missingColumn.Problem()), e => e.Row == 1 && e.Column == "单位名称");

        var notExcel = new MultipartFormDataContent { { new ByteArrayContent("hello,world"u8.ToArray()), "file", "a.xlsx" } };
        var garbage = await client.PostAsync("/api/v1/imports/units", notExcel);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains(Rows(await garbage.Problem()), e => e.Reason.Contains("不是有效的 .xlsx"));

        var noFile = await client.PostAsync("/api/v1/imports/units", new MultipartFormDataContent());
        Assert.Equal(HttpStatusCode.BadRequest, noFile.StatusCode);
        var json = await client.PostAsync("/api/v1/imports/units", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/v1/imports/planets", Sheets.Upload([Member("a", "b")]))).StatusCode);
    }

    [Fact]
    public async Task Units_and_their_party_organizations_import_and_duplicates_are_refused()
    {
        var client = await app.ClientFor("street.fushan");
        var name = "绍兴导入测试" + Guid.NewGuid().ToString("N")[..6] + "有限公司";
        var unitRow = new Dictionary<string, object?> { ["单位名称"] = name, ["单位类型"] = "企业", ["所在街道"] = "府山街道", ["所在社区"] = "蕺山社区", ["地址"] = "蕺山街 1 号", ["联系人"] = "周工", ["联系电话"] = "0575-85000000" };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/imports/units", Sheets.Upload([unitRow]))).StatusCode);
        var dup = await client.PostAsync("/api/v1/imports/units", Sheets.Upload([unitRow]));
        Assert.Contains(Rows(await dup.Problem()), e => e.Row == 2 && e.Column == "单位名称" && e.Reason == "系统中已有同名单位");

        var outside = new Dictionary<string, object?>(unitRow) { ["单位名称"] = name + "分部", ["所在街道"] = "东浦街道", ["所在社区"] = null };
        var refused = await client.PostAsync("/api/v1/imports/units", Sheets.Upload([outside]));
        Assert.Contains(Rows(await refused.Problem()), e => e.Column == "所在街道" && e.Reason.Contains("不在您的管理范围内"));

        var party = new Dictionary<string, object?> { ["党组织名称"] = name + "党支部", ["类型"] = "党支部", ["所属单位"] = name, ["所在街道"] = null, ["所在社区"] = null, ["所在网格"] = null, ["书记"] = "周工" };
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/imports/party-organizations", Sheets.Upload([party]))).StatusCode);
        var badKind = new Dictionary<string, object?>(party) { ["党组织名称"] = name + "党委", ["类型"] = "支委会" };
        Assert.Contains(Rows(await (await client.PostAsync("/api/v1/imports/party-organizations", Sheets.Upload([badKind]))).Problem()), e => e.Column == "类型");

        var export = Sheets.Read(await client.GetByteArrayAsync($"/api/v1/exports/party-organizations?q={Uri.EscapeDataString(name)}"));
        Assert.Equal(name, Assert.Single(export)["所属单位"]);
    }

    [Theory]
    [InlineData("unit.drainage", HttpStatusCode.Forbidden)]
    [InlineData("member.demo", HttpStatusCode.Forbidden)]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    public async Task Only_staff_import(string? user, HttpStatusCode expected)
    {
        var client = await app.ClientFor(user);
        Assert.Equal(expected, (await client.PostAsync("/api/v1/imports/members", Sheets.Upload([Member("x", Sheets.NewIdCard())]))).StatusCode);
        Assert.Equal(expected, (await client.GetAsync("/api/v1/imports/members/template")).StatusCode);
    }

    [Theory]
    [InlineData("units", "单位名称")]
    [InlineData("party-organizations", "党组织名称")]
    [InlineData("members", "身份证号")]
    public async Task Templates_are_real_workbooks_with_the_columns_and_a_help_sheet(string kind, string column)
    {
        var client = await app.ClientFor("community.jishan");
        var response = await client.GetAsync($"/api/v1/imports/{kind}/template");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Contains(column, MiniExcelLibs.MiniExcel.GetColumns(new MemoryStream(bytes), useHeaderRow: true));
        Assert.Contains(Sheets.Read(bytes, "填写说明"), r => (string?)r["列名"] == column);
    }
}
