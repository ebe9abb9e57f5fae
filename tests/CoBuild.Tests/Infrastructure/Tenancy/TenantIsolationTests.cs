using System.Net;
using System.Net.Http.Json;

namespace CoBuild.Tests.Infrastructure.Tenancy;

/// <summary>
/// Over HTTP, with two districts in one database: each district's administrators read their own rows in every list and
/// nothing of the other district, and the other district's ids answer 403 or 404 on detail, edit and export routes.
/// </summary>
[Collection(TwoDistrictsCollection.Name)]
public sealed class TenantIsolationTests(TwoDistrictsFixture app)
{
    /// <summary>The lists of the back office and the phone pages; {district} and {street} are the caller's own nodes.</summary>
    public static TheoryData<string> Lists =>
    [
        "/api/v1/org-units/tree", "/api/v1/org-units", "/api/v1/resident-units", "/api/v1/needs", "/api/v1/resources",
        "/api/v1/org-contracts", "/api/v1/orders", "/api/v1/org-units/{street}/members", "/api/v1/projects", "/api/v1/auctions",
        "/api/v1/selection-rounds", "/api/v1/personal-contracts", "/api/v1/signing-campaigns",
        "/api/v1/exports/org-units", "/api/v1/exports/units", "/api/v1/exports/members", "/api/v1/exports/needs", "/api/v1/exports/resources",
        "/admin/org", "/admin/contracts", "/admin/orders", "/admin/members", "/admin/units", "/m/needs", "/m/orders",
    ];

    [Theory, MemberData(nameof(Lists))]
    public async Task First_district_admins_see_their_rows_and_none_of_the_second_district(string list)
    {
        foreach (var user in new[] { app.First.Admin, app.First.StreetAdmin })
            await SeesOnlyOwn(user, app.First, app.Second, list);
    }

    [Theory, MemberData(nameof(Lists))]
    public async Task Second_district_admins_see_their_rows_and_none_of_the_first_district(string list)
    {
        foreach (var user in new[] { app.Second.Admin, app.Second.StreetAdmin })
            await SeesOnlyOwn(user, app.Second, app.First, list);
    }

    private async Task SeesOnlyOwn(string user, TenantSide own, TenantSide other, string list)
    {
        var url = list.Replace("{street}", $"{own.Street.Street.Id}");
        using var response = await (await app.ClientFor(user)).GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{user} {url}: {(int)response.StatusCode}");
        var body = await Text(response);
        Assert.True(own.Shows(body), $"{user} {url} does not show {own.Marker}'s rows:\n{Clip(body)}");
        Assert.False(other.Shows(body), $"{user} {url} shows {other.Marker}'s rows:\n{Clip(body)}");
    }

    /// <summary>The shared read cache (tree, menus) keeps one entry per district: back to back, nobody gets another district's answer.</summary>
    [Theory]
    [InlineData("/api/v1/org-units/tree?shared=1", false)] // one tree: an anonymous reader gets the first district's
    [InlineData("/api/v1/needs?shared=1", true)]
    public async Task Shared_reads_are_cached_per_district(string url, bool anonymousSeesBoth)
    {
        var first = await (await (await app.ClientFor(app.First.Admin)).GetAsync(url)).Content.ReadAsStringAsync();
        var second = await (await (await app.ClientFor(app.Second.Admin)).GetAsync(url)).Content.ReadAsStringAsync();
        var anonymous = await (await (await app.ClientFor(null)).GetAsync(url)).Content.ReadAsStringAsync();
        var firstAgain = await (await (await app.ClientFor(app.First.StreetAdmin)).GetAsync(url)).Content.ReadAsStringAsync();
        Assert.True(app.First.Shows(first) && !app.Second.Shows(first), Clip(first));
        Assert.True(app.Second.Shows(second) && !app.First.Shows(second), Clip(second));
        Assert.True(app.First.Shows(firstAgain) && !app.Second.Shows(firstAgain), Clip(firstAgain));
        if (anonymousSeesBoth) Assert.True(app.First.Shows(anonymous) && app.Second.Shows(anonymous), Clip(anonymous)); // published data of every district
    }

    /// <summary>Detail, edit and export routes with the second district's ids, sent by the first district's administrators.</summary>
    [Fact]
    public async Task Second_district_ids_answer_403_or_404_to_first_district_admins()
    {
        var other = app.Second;
        var (street, community) = (other.Street.Street.Id, other.Street.Community!.Id);
        var need = other.Street.Need!.Id;
        var requests = new List<(HttpMethod Method, string Url, object? Body)>
        {
            (HttpMethod.Get, $"/api/v1/org-units/{street}", null),
            (HttpMethod.Get, $"/api/v1/org-units/{community}/members", null),
            (HttpMethod.Get, $"/api/v1/needs/{need}", null),
            (HttpMethod.Get, $"/api/v1/resources/{other.Rows.Resource}", null),
            (HttpMethod.Get, $"/api/v1/org-contracts/{other.Rows.Contract}", null),
            (HttpMethod.Get, $"/api/v1/org-contracts/{other.Rows.Contract}/audit", null),
            (HttpMethod.Get, $"/api/v1/org-contracts/{other.Rows.Contract}/pdf", null),
            (HttpMethod.Get, $"/api/v1/orders/{other.Rows.Order}", null),
            (HttpMethod.Get, $"/api/v1/exports/members?orgUnitId={community}", null),
            (HttpMethod.Get, $"/api/v1/exports/needs?orgUnitId={street}", null),
            (HttpMethod.Get, $"/api/v1/exports/units?streetId={street}", null),
            (HttpMethod.Put, $"/api/v1/org-units/{street}", new { name = "改名街道", address = (string?)null, officePhone = (string?)null, households = 0, internalNotes = (string?)null }),
            (HttpMethod.Put, $"/api/v1/org-contracts/{other.Rows.Contract}", new { counterpartyUnitId = other.Street.Unit!.Id, orgUnitId = community, title = "改名协议", startsOn = "2026-01-01", endsOn = "2026-12-31" }),
            (HttpMethod.Post, $"/api/v1/needs/{need}/close", null),
            (HttpMethod.Post, $"/api/v1/orders/{other.Rows.Order}/cancel", new { note = "不要了" }),
            (HttpMethod.Post, $"/api/v1/party-members/{other.Rows.Member}/reveal", new { field = "idCard", purpose = "核对身份" }),
        };
        var failures = new List<string>();
        foreach (var user in new[] { app.First.Admin, app.First.StreetAdmin })
        {
            var client = await app.ClientFor(user);
            foreach (var (method, url, body) in requests)
            {
                using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
                using var response = await client.SendAsync(request);
                if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                    failures.Add($"{user} {method} {url}: {(int)response.StatusCode} {Clip(await Text(response))}");
            }
        }
        // A list filter naming a street the caller cannot see is bad input, as for a street that does not exist.
        foreach (var user in new[] { app.First.Admin, app.First.StreetAdmin })
        {
            using var export = await (await app.ClientFor(user)).GetAsync($"/api/v1/org-contracts/export?street={street}");
            if (export.StatusCode != HttpStatusCode.BadRequest) failures.Add($"{user} contract export of {other.Marker}'s street: {(int)export.StatusCode}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Nothing above changed the second district's rows.
        using var check = await (await app.ClientFor(other.Admin)).GetAsync($"/api/v1/org-units/{street}");
        Assert.Contains(other.Marker + "街道", await check.Content.ReadAsStringAsync());
    }

    /// <summary>xlsx is a zip: the sheet's strings are read back; other bodies as text.</summary>
    internal static async Task<string> Text(HttpResponseMessage response)
    {
        if (response.Content.Headers.ContentType?.MediaType == CoBuild.Web.Infrastructure.Spreadsheets.Xlsx.ContentType)
            return string.Join("\n", Sheets.Read(await response.Content.ReadAsByteArrayAsync()).Select(r => string.Join("|", r.Values)));
        return await response.Content.ReadAsStringAsync();
    }

    internal static string Clip(string text) => text.Length <= 600 ? text : text[..600] + "…";
}
