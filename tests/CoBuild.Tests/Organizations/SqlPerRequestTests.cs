using CoBuild.Tests.Infrastructure;
using CoBuild.Web.Features.Organizations;

namespace CoBuild.Tests.Organizations;

/// <summary>Statements per request stay constant however many rows a page shows (no N+1).</summary>
[Collection(AppCollection.Name)]
public sealed class SqlPerRequestTests(AppFixture app)
{
    private async Task<int> StatementsFor(HttpClient client, string url, SqlCounter counter)
    {
        counter.Reset();
        // A query string never seen before misses the read caches (ReadCaching), so this counts the database path.
        (await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "fresh=" + Guid.NewGuid().ToString("N"))).EnsureSuccessStatusCode();
        return counter.Count;
    }

    [Fact]
    public async Task Member_list_and_tree_do_not_grow_with_rows()
    {
        var client = await app.ClientFor("district.admin");
        var jishan = await Demo.Node(client, OrgLevel.Community, "蕺山社区");
        var fushan = await Demo.Node(client, OrgLevel.Street, "府山街道");
        var counter = app.Sql;

        var few = await StatementsFor(client, $"/api/v1/org-units/{jishan.Id}/members?pageSize=2", counter);
        var many = await StatementsFor(client, $"/api/v1/org-units/{fushan.Id}/members?pageSize=500", counter);
        Assert.Equal(few, many);
        Assert.InRange(many, 1, 4);

        var small = await StatementsFor(client, $"/api/v1/org-units/tree?rootId={jishan.Id}", counter);
        var whole = await StatementsFor(client, "/api/v1/org-units/tree", counter);
        Assert.Equal(small, whole);
        Assert.InRange(whole, 1, 3);
    }
}
