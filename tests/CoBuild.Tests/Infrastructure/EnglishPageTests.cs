using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using CoBuild.Web.Components;

namespace CoBuild.Tests.Infrastructure;

/// <summary>
/// English mode: the pages listed as fully translated show no Chinese outside data values (marked lang="zh"), and the
/// other pages say in the culture switch that they are partly in Chinese.
/// </summary>
[Collection(AppCollection.Name)]
public sealed partial class EnglishPageTests(AppFixture app)
{
    /// <summary>Who opens each fully translated page (anonymous for the login page).</summary>
    private static readonly Dictionary<string, string?> Openers = new() { ["/account/login"] = null, ["/admin/service-menu"] = "community.jishan" };

    public static TheoryData<string> Pages() => [.. Text.FullyTranslatedPages];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_fully_translated_page_has_no_Chinese_outside_data_values(string path)
    {
        Assert.True(Openers.ContainsKey(path), $"say who opens {path} in this test");
        var english = await ChineseTextAsync(path, "en");
        Assert.True(english.Count == 0, $"{path} in English still shows: " + string.Join(" | ", english));
    }

    [Fact]
    public async Task Other_pages_say_they_are_partly_in_Chinese()
    {
        Assert.Contains("Partly in Chinese", await GetAsync("/admin/personal-contracts", "community.jishan", "en"));
        Assert.DoesNotContain("Partly in Chinese", await GetAsync("/admin/service-menu", "community.jishan", "en"));
        Assert.DoesNotContain("Partly in Chinese", await GetAsync("/admin/personal-contracts", "community.jishan", "zh-CN"));
    }

    private async Task<List<string>> ChineseTextAsync(string path, string culture)
    {
        var doc = new HtmlParser().ParseDocument(await GetAsync(path, Openers[path], culture));
        return doc.DocumentElement.Descendants<IText>()
            .Where(t => t.ParentElement is { } parent && parent.LocalName is not ("script" or "style" or "template")
                && parent.Closest("[lang]")?.GetAttribute("lang")?.StartsWith("zh", StringComparison.OrdinalIgnoreCase) != true)
            .Select(t => t.Data.Trim())
            .Where(t => Cjk().IsMatch(t))
            .Distinct()
            .ToList();
    }

    private async Task<string> GetAsync(string path, string? user, string culture)
    {
        var client = await app.ClientFor(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", ".AspNetCore.Culture=" + Uri.EscapeDataString($"c={culture}|uic={culture}"));
        var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]")]
    private static partial Regex Cjk();
}
