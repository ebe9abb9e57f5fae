using System.Text.RegularExpressions;
using CoBuild.Tests.Infrastructure;

namespace CoBuild.Tests.Menus;

/// <summary>The three lists render once on the server (issue 14): tab, filters and page are in the address; the create forms are islands opened by a link.</summary>
[Collection(AppCollection.Name)]
public sealed class MenuListsPageTests(AppFixture app)
{
    [Fact]
    public async Task Tabs_and_pages_are_links_and_the_open_tab_lists_its_rows()
    {
        var client = await app.ClientFor("community.jishan");
        var first = await client.GetStringAsync("/admin/menus?tab=resources");
        var second = await client.GetStringAsync("/admin/menus?tab=resources&page=2");

        Assert.DoesNotContain("ant-design-blazor.js", first); // no circuit for the page itself
        Assert.Contains(@"href=""/admin/menus?tab=offers""", first);
        Assert.Matches(@"aria-selected=""true"" href=""/admin/menus\?tab=resources""", first);
        Assert.Contains(@"class=""ant-btn ant-btn-sm pager-next"" href=""/admin/menus?tab=resources&amp;page=2""", first);
        Assert.Contains("resources-table", first);
        Assert.Contains(@"class=""ant-btn ant-btn-default resource-new"" href=""/admin/menus?tab=resources&amp;new=resource""", first);
        Assert.DoesNotContain("resource-title", first); // the create form is an island opened by that link
        Assert.Contains("resource-title", await client.GetStringAsync("/admin/menus?tab=resources&new=resource"));
        Assert.DoesNotContain("needs-table", first);
        Assert.Empty(Rows(first).Intersect(Rows(second)));
        Assert.NotEmpty(Rows(second));
    }

    [Fact]
    public async Task The_filter_form_keeps_the_tab_and_narrows_every_count()
    {
        var client = await app.ClientFor("community.jishan");
        var all = await client.GetStringAsync("/admin/menus");
        var meals = await client.GetStringAsync("/admin/menus?tab=needs&q=" + Uri.EscapeDataString("助餐"));
        Assert.Contains(@"<input type=""hidden"" name=""tab"" value=""needs""", meals);
        Assert.All(Rows(meals), r => Assert.Contains("助餐", r));
        Assert.NotEmpty(Rows(meals));
        Assert.True(Count(meals, "需求清单") < Count(all, "需求清单"));
        Assert.Contains(@"href=""/admin/menus?tab=projects&amp;q=%E5%8A%A9%E9%A4%90""", meals); // the other tabs keep the filter
    }

    [Fact]
    public async Task The_district_admin_sees_the_lists_without_create_forms()
    {
        var html = await (await app.ClientFor("district.admin")).GetStringAsync("/admin/menus?tab=nonsense&page=-4&new=need");
        Assert.Contains("needs-table", html);
        Assert.DoesNotContain("need-new", html);
        Assert.DoesNotContain("need-title", html);
    }

    private static IEnumerable<string> Rows(string html) => Regex.Matches(html, @"<tr class=""ant-table-row"">(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value);

    private static int Count(string html, string tab) => int.Parse(Regex.Match(html, tab + @"（(\d+)）").Groups[1].Value);
}
