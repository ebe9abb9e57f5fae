using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CoBuild.Tests.Contracts;
using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Projects;
using Microsoft.EntityFrameworkCore;

namespace CoBuild.Tests.Public;

/// <summary>The anonymous output cache of public pages keeps one entry per query, not one per path.</summary>
[Collection(AppCollection.Name)]
public sealed partial class AnonymousCacheTests(AppFixture app)
{
    [Fact]
    public async Task A_filtered_street_page_is_not_served_for_the_plain_page_or_page_two()
    {
        var planned = await (await app.ClientFor("community.jishan")).PostAsJsonAsync("/api/v1/projects",
            new CreateProject(null, "测试·缓存筹备中项目", null, ProjectSource.GovernmentTask, null, null, Paper.Today, null), Json.Options);
        planned.EnsureSuccessStatusCode();
        var (street, total, notPlanned) = await Paper.DbAsync(app, async db =>
        {
            var s = await db.OrgUnits.Where(o => o.Name == "府山街道").Select(o => new { o.Id, o.Path }).SingleAsync();
            var all = db.Projects.Where(p => p.Path.StartsWith(s.Path));
            return (s.Id, await all.CountAsync(), await all.CountAsync(p => p.Status != ProjectStatus.Planned));
        });
        Assert.True(total > 20 && notPlanned > 0);

        var anonymous = await app.ClientFor(null);
        var url = $"/streets/{street}/projects";
        var plannedPage = await anonymous.GetStringAsync(url + "?status=Planned");
        Assert.NotEmpty(Statuses(plannedPage));
        Assert.All(Statuses(plannedPage), s => Assert.Equal(Project.StatusName(ProjectStatus.Planned), s));
        var plain = await anonymous.GetStringAsync(url);
        Assert.Contains(Statuses(plain), s => s != Project.StatusName(ProjectStatus.Planned));
        Assert.Contains("第 1 页", plain);
        var second = await anonymous.GetStringAsync(url + "?page=2");
        Assert.Contains("第 2 页", second);
        Assert.NotEqual(Titles(plain), Titles(second));
        // And the other way round, within the cache's 10 s: the filter still filters.
        Assert.All(Statuses(await anonymous.GetStringAsync(url + "?status=Planned")), s => Assert.Equal(Project.StatusName(ProjectStatus.Planned), s));
        var completed = Statuses(await anonymous.GetStringAsync(url + "?status=Completed"));
        Assert.NotEmpty(completed);
        Assert.All(completed, s => Assert.Equal(Project.StatusName(ProjectStatus.Completed), s));
    }

    private static List<string> Statuses(string html) => StatusOf().Matches(html).Select(m => m.Groups[1].Value).ToList();
    private static List<string> Titles(string html) => TitleOf().Matches(html).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("<span class=\"muted\">[^<·]*· ([^<·]+) · \\d{4}-\\d{2}-\\d{2}</span>")]
    private static partial Regex StatusOf();

    [GeneratedRegex("<a href=\"/projects/\\d+\"><b>([^<]*)</b></a>")]
    private static partial Regex TitleOf();
}
