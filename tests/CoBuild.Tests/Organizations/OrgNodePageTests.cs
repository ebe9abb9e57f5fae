using System.Net;
using System.Text.RegularExpressions;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Organizations;

/// <summary>
/// The org node page and the member list render once on the server (issue 14): each table's page, the keyword and the
/// member being revealed are in the address, and only the reveal form is an interactive island.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class OrgNodePageTests(AppFixture app)
{
    [Fact]
    public async Task The_node_page_is_server_rendered_and_pages_its_units_by_links()
    {
        var client = await app.ClientFor("street.fushan");
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var first = await client.GetStringAsync($"/admin/org/{fushan.Id}");
        var second = await client.GetStringAsync($"/admin/org/{fushan.Id}?units=2");

        Assert.DoesNotContain("ant-design-blazor.js", first); // no circuit for the page itself
        Assert.Matches($@"class=""ant-btn ant-btn-sm pager-next"" href=""[^""]*/admin/org/{fushan.Id}\?units=2""", first);
        var (units1, units2) = (UnitsCard(first), UnitsCard(second));
        Assert.Contains("1 / ", units1);
        Assert.Contains("2 / ", units2);
        Assert.Equal(10, RowCount(units1));
        Assert.Empty(Rows(units1).Intersect(Rows(units2)));
    }

    [Fact]
    public async Task Members_are_searched_and_a_listed_member_opens_the_reveal_form_without_unmasked_data()
    {
        var client = await app.ClientFor("street.fushan");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var html = await client.GetStringAsync($"/admin/org/{jishan.Id}?q=" + Uri.EscapeDataString("王晓燕"));
        Assert.Contains("王晓燕", html);
        Assert.Contains(@"name=""q"" value=""王晓燕""", html);
        var id = RevealId().Match(html).Groups[1].Value;
        Assert.NotEmpty(id);

        var dialog = await client.GetStringAsync($"/admin/org/{jishan.Id}?q={Uri.EscapeDataString("王晓燕")}&reveal={id}");
        Assert.Contains("reveal-modal", dialog);
        Assert.Contains("reveal-go", dialog); // the island's prerender
        Assert.DoesNotMatch(@"\b3306\d{13}[\dX]\b", dialog); // no unmasked ID card in the page
        Assert.DoesNotMatch(@"\b1[3-9]\d{9}\b", dialog); // nor a phone number

        // A member not listed on the page opens nothing.
        var other = await client.GetStringAsync($"/admin/org/{jishan.Id}?q={Uri.EscapeDataString("王晓燕")}&reveal=999999999");
        Assert.DoesNotContain("reveal-modal", other);
    }

    [Fact]
    public async Task Another_streets_admin_gets_no_member_data_whatever_the_address_says()
    {
        var fushanClient = await app.ClientFor("street.fushan");
        var jishan = await Demo.Node(fushanClient, OrgLevel.Community, "蕺山社区");
        var id = RevealId().Match(await fushanClient.GetStringAsync($"/admin/org/{jishan.Id}")).Groups[1].Value;

        var response = await (await app.ClientFor("street.dongpu")).GetAsync($"/admin/org/{jishan.Id}?reveal={id}&units=2");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("无权查看", html);
        Assert.DoesNotContain("member-table", html);
        Assert.DoesNotContain("reveal-modal", html);
    }

    [Fact]
    public async Task The_member_list_keeps_a_chosen_community_inside_the_callers_scope()
    {
        var client = await app.ClientFor("street.fushan");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var chosen = await client.GetStringAsync($"/admin/members?community={jishan.Id}");
        Assert.Contains($@"<option value=""{jishan.Id}"" selected", chosen);
        Assert.Contains(@"<input type=""hidden"" name=""community"" value=""" + jishan.Id, chosen); // the keyword form keeps it
        Assert.DoesNotContain("仓桥社区</td>", chosen);

        // Another street's community is not a choice: the list stays on the caller's street.
        var dongpu = await Demo.DongpuCommunity(client);
        var outside = await client.GetStringAsync($"/admin/members?community={dongpu.Id}");
        Assert.DoesNotContain(dongpu.Name + "</td>", outside);
        Assert.Contains("蕺山社区</td>", outside);
    }

    private static string UnitsCard(string html)
    {
        var start = html.IndexOf("驻区单位（", StringComparison.Ordinal);
        var end = html.IndexOf("党组织（", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static int RowCount(string html) => Regex.Count(html, @"<tr class=""ant-table-row""");

    private static IEnumerable<string> Rows(string html) => Regex.Matches(html, @"<tr class=""ant-table-row"">(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"reveal=(\d+)""")]
    private static partial Regex RevealId();
}
