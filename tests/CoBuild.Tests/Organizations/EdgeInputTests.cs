using System.Net;
using System.Net.Http.Json;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Members;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure;
using CoBuild.Web.Infrastructure.PersonalData;

namespace CoBuild.Tests.Organizations;

/// <summary>Inputs at the edges and simultaneous writes: a 4xx or a clean result, never a 500.</summary>
[Collection(AppCollection.Name)]
public sealed class EdgeInputTests(AppFixture app)
{
    [Fact]
    public async Task Parallel_adds_under_one_parent_never_fail_with_500_and_codes_stay_unique()
    {
        var client = await app.ClientFor("community.jishan");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var tag = Guid.NewGuid().ToString("N")[..4];
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.PostAsJsonAsync("/api/v1/org-units", new CreateOrgUnit(jishan.Id, $"并发{tag}网格{i % 6}"))));
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        var children = (await client.Get<List<OrgUnitItem>>($"/api/v1/org-units?parentId={jishan.Id}"))!;
        Assert.Equal(children.Count, children.Select(c => c.Code).Distinct().Count());
        // Six names, each sent twice: every name lands exactly once, its twin gets 409.
        Assert.Equal(6, children.Count(c => c.Name.StartsWith($"并发{tag}")));
        Assert.Equal(6, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
    }

    [Fact]
    public async Task Huge_page_numbers_and_unknown_filters_are_answered_cleanly()
    {
        var client = await app.ClientFor("street.fushan");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var page = (await client.Get<MemberPage>($"/api/v1/org-units/{jishan.Id}/members?page=2147483647&pageSize=500"))!;
        Assert.Empty(page.Items);
        Assert.Empty((await client.Get<List<VenueItem>>("/api/v1/venues?orgUnitId=999999"))!);
        var blankPurpose = await client.PostAsJsonAsync($"/api/v1/party-members/1/reveal", new RevealRequest("phone", "   "));
        Assert.Equal(HttpStatusCode.BadRequest, blankPurpose.StatusCode);
        var culture = await client.GetAsync("/culture?c=en&redirect=/%09x");
        Assert.Equal(HttpStatusCode.Redirect, culture.StatusCode);
        Assert.Equal("/", culture.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("/admin", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/\tx", false)]
    [InlineData("https://evil.example", false)]
    [InlineData("", false)]
    public void Return_addresses_stay_on_this_site(string url, bool local) => Assert.Equal(local, LocalUrl.IsLocal(url));

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("138-0013-8000", "138****8000")]
    [InlineData("+86 13800138000", "138****8000")]
    [InlineData("0575-85123456", "0575-85123456")]
    public void Mobiles_are_masked_however_written(string phone, string masked) => Assert.Equal(masked, PhoneNumber.Mask(phone));

    [Fact]
    public async Task A_street_cannot_import_a_party_organization_for_another_streets_unit()
    {
        var client = await app.ClientFor("street.fushan");
        var dongpu = await Demo.Node(client, OrgLevel.Street, "东浦街道");
        var unit = (await client.Get<List<UnitItem>>($"/api/v1/resident-units?streetId={dongpu.Id}"))!.First();
        var row = new Dictionary<string, object?> { ["党组织名称"] = unit.Name + "第二党支部", ["类型"] = "党支部", ["所属单位"] = unit.Name, ["所在街道"] = null, ["所在社区"] = null, ["所在网格"] = null, ["书记"] = "某人" };
        var response = await client.PostAsync("/api/v1/imports/party-organizations", Sheets.Upload([row]));
        var problem = await response.Problem();
        Assert.Contains("不在您的管理范围内", problem.GetProperty("rows")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_earlier_term_does_not_overlap_a_later_seat()
    {
        var client = await app.ClientFor("street.fushan");
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var unit = (await client.Get<List<UnitItem>>($"/api/v1/resident-units?streetId={fushan.Id}"))![5];
        var holder = "任期" + Guid.NewGuid().ToString("N")[..4];
        var later = new CreateSeat(fushan.Id, unit.Id, holder, SeatPost.Member, new DateOnly(2030, 1, 1), new DateOnly(2032, 12, 31));
        var earlier = later with { TermStart = new DateOnly(2024, 1, 1), TermEnd = new DateOnly(2025, 12, 31) };
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/committee-seats", later, Json.Options)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/committee-seats", earlier, Json.Options)).StatusCode);
        var overlapping = later with { TermStart = new DateOnly(2031, 1, 1), TermEnd = new DateOnly(2033, 1, 1) };
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/v1/committee-seats", overlapping, Json.Options)).StatusCode);
    }
}
