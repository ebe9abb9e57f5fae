using System.Net;
using CoBuild.Tests.Infrastructure;

namespace CoBuild.Tests.Imports;

[Collection(AppCollection.Name)]
public sealed class ExportTests(AppFixture app)
{
    [Fact]
    public async Task Member_export_is_scoped_and_masked()
    {
        var client = await app.ClientFor("street.fushan");
        var rows = Sheets.Read(await client.GetByteArrayAsync("/api/v1/exports/members"));
        Assert.True(rows.Count > 100);
        var fushanCommunities = (await client.Get<List<CoBuild.Web.Features.Organizations.OrgUnitItem>>(
            $"/api/v1/org-units?parentId={(await Demo.Node(client, CoBuild.Web.Features.Organizations.OrgLevel.Street, "府山街道")).Id}"))!.Select(c => c.Name).ToHashSet();
        Assert.All(rows, r =>
        {
            Assert.Contains((string)r["居住社区"]!, fushanCommunities);
            Assert.Matches(@"^\d{4}\*{10}\d{3}[\dX]$", (string)r["身份证号"]!);
            Assert.Matches(@"^1\d{2}\*{4}\d{4}$", (string)r["手机号"]!);
        });
    }

    [Theory]
    [InlineData("units", "单位名称")]
    [InlineData("org-units", "名称")]
    [InlineData("committee-seats", "委员")]
    [InlineData("venues", "房间")]
    [InlineData("party-organizations", "党组织名称")]
    public async Task Each_register_exports_within_the_street(string list, string column)
    {
        var fushan = Sheets.Read(await (await app.ClientFor("street.fushan")).GetByteArrayAsync($"/api/v1/exports/{list}"));
        var district = Sheets.Read(await (await app.ClientFor("district.admin")).GetByteArrayAsync($"/api/v1/exports/{list}"));
        Assert.NotEmpty(fushan);
        Assert.All(fushan, r => Assert.NotNull(r[column]));
        Assert.True(district.Count > fushan.Count, $"{list}: district {district.Count} vs street {fushan.Count}");
    }

    [Fact]
    public async Task A_community_cadre_exports_the_units_of_the_community()
    {
        var rows = Sheets.Read(await (await app.ClientFor("community.jishan")).GetByteArrayAsync("/api/v1/exports/units"));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("蕺山社区", r["所在社区"]));
    }

    [Fact]
    public async Task Exports_apply_the_list_page_filters()
    {
        var client = await app.ClientFor("district.admin");
        var fushan = await Demo.Node(client, CoBuild.Web.Features.Organizations.OrgLevel.Street, "府山街道");
        var schools = Sheets.Read(await client.GetByteArrayAsync($"/api/v1/exports/units?streetId={fushan.Id}&kind=School"));
        Assert.NotEmpty(schools);
        Assert.All(schools, r => Assert.Equal(("府山街道", "学校"), ((string?)r["所在街道"], (string?)r["单位类型"])));
        var unitParty = Sheets.Read(await client.GetByteArrayAsync("/api/v1/exports/party-organizations?owner=unit"));
        Assert.All(unitParty, r => Assert.NotNull(r["所属单位"]));
        var cubes = Sheets.Read(await client.GetByteArrayAsync("/api/v1/exports/venues?kind=RedCube"));
        Assert.Equal(7, cubes.Select(r => r["场所"]).Distinct().Count());
    }

    [Fact]
    public async Task Exports_refuse_outsiders_and_unknown_lists()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientFor("unit.drainage")).GetAsync("/api/v1/exports/members")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await (await app.ClientFor(null)).GetAsync("/api/v1/exports/units")).StatusCode);
        var admin = await app.ClientFor("street.dongpu");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/exports/planets")).StatusCode);
        var jishan = await Demo.Node(admin, CoBuild.Web.Features.Organizations.OrgLevel.Community, "蕺山社区");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/v1/exports/members?orgUnitId={jishan.Id}")).StatusCode);
    }
}
