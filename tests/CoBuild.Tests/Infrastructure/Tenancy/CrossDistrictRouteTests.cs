using System.Net;
using CoBuild.Tests.Infrastructure.Auth;
using Microsoft.AspNetCore.Routing.Patterns;
using Xunit.Abstractions;

namespace CoBuild.Tests.Infrastructure.Tenancy;

/// <summary>
/// Generated from the endpoint data source: every GET route (API and page) with an id parameter, called by the first
/// district's administrator with the second district's id of that kind, never answers 200 with the second district's
/// rows. A new route family without a known id kind fails the test by name.
/// </summary>
[Collection(TwoDistrictsCollection.Name)]
public sealed class CrossDistrictRouteTests(TwoDistrictsFixture app, ITestOutputHelper output)
{
    /// <summary>
    /// Route families whose ids are not tenant rows, or are meant to be read across districts: a status code, and the
    /// hash of a printed contract, which anyone may check whatever district they are signed in to (docs/decisions.md).
    /// </summary>
    private static readonly string[] NotTenantIds = ["/status/{Code:int}", "/verify/{Hash}", "/api/v1/verify/{hash}"];

    [Fact]
    public async Task No_get_route_shows_a_second_district_row_to_the_first_district_admin()
    {
        var ids = Ids();
        var routes = EndpointRule.Of(app.Services)
            .Where(e => e.Method == "GET" && e.Endpoint.RoutePattern.Parameters.Any(p => IsId(p)) && !NotTenantIds.Contains(e.Pattern))
            .ToList();
        var failures = new List<string>();
        var sent = 0;
        var client = await app.ClientFor(app.First.Admin);
        foreach (var route in routes)
        {
            var family = Family(route.Endpoint.RoutePattern);
            if (!ids.TryGetValue(family, out var id))
            {
                failures.Add($"no id kind for '{family}' of {route} (add it to Ids())");
                continue;
            }
            var url = Fill(route.Endpoint.RoutePattern, id);
            using var response = await client.GetAsync(url);
            sent++;
            var body = await TenantIsolationTests.Text(response);
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode}: {route} ({url})");
            else if (response.StatusCode == HttpStatusCode.OK && app.Second.Shows(body))
                failures.Add($"200 with {app.Second.Marker}'s rows: {route} ({url}): {TenantIsolationTests.Clip(body)}");
        }
        output.WriteLine($"{routes.Count} GET routes with an id, {sent} sent with a {app.Second.Marker} id");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(sent >= 40, $"only {sent} routes tried");
    }

    /// <summary>Every write route with an id, sent an empty JSON body with the second district's id: none succeeds.</summary>
    [Fact]
    public async Task No_write_route_succeeds_on_a_second_district_row_for_the_first_district_admin()
    {
        var ids = Ids();
        var routes = EndpointRule.Of(app.Services).Where(e => e.IsWrite && e.Endpoint.RoutePattern.Parameters.Any(p => IsId(p)) && !NotTenantIds.Contains(e.Pattern)).ToList();
        var failures = new List<string>();
        var client = await app.ClientFor(app.First.Admin);
        foreach (var route in routes)
        {
            if (!ids.TryGetValue(Family(route.Endpoint.RoutePattern), out var id))
            {
                failures.Add($"no id kind for '{Family(route.Endpoint.RoutePattern)}' of {route} (add it to Ids())");
                continue;
            }
            var url = Fill(route.Endpoint.RoutePattern, id);
            using var request = new HttpRequestMessage(new HttpMethod(route.Method), url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            using var response = await client.SendAsync(request);
            if ((int)response.StatusCode is >= 200 and < 300 or >= 500) failures.Add($"{(int)response.StatusCode}: {route} ({url})");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(routes.Count >= 20, $"only {routes.Count} write routes");
    }

    private static bool IsId(RoutePatternParameterPart p) => p.ParameterPolicies.Any(c => c.Content is "int" or "long");

    /// <summary>The literal segment before the first id: "org-contracts" for /api/v1/org-contracts/{id}/pdf, "needs" for /m/needs/{Id}.</summary>
    private static string Family(RoutePattern pattern)
    {
        string? last = null;
        foreach (var segment in pattern.PathSegments)
        {
            if (segment.Parts.OfType<RoutePatternParameterPart>().Any(IsId)) return last ?? "";
            last = string.Concat(segment.Parts.OfType<RoutePatternLiteralPart>().Select(l => l.Content));
        }
        return last ?? "";
    }

    /// <summary>Every id parameter gets the family's id; a step a valid name, so the request reaches the lookup.</summary>
    private static string Fill(RoutePattern pattern, long id) => "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart l => l.Content,
        RoutePatternParameterPart p when IsId(p) => p.Name is "number" ? "1" : $"{id}",
        RoutePatternParameterPart { Name: "action" } => "cancel",
        RoutePatternParameterPart { Name: "answer" } => "confirm",
        RoutePatternParameterPart => "x",
        _ => "",
    }))));

    /// <summary>The second district's id of each route family (TestDistrict.RowsAsync builds one row of each).</summary>
    private Dictionary<string, long> Ids()
    {
        var s = app.Second;
        return new()
        {
            ["org-units"] = s.Street.Street.Id, ["org"] = s.Street.Street.Id, ["communities"] = s.Street.Community!.Id, ["streets"] = s.Street.Street.Id,
            ["needs"] = s.Street.Need!.Id, ["resources"] = s.Rows.Resource, ["offers"] = s.Rows.Resource,
            ["org-contracts"] = s.Rows.Contract, ["contracts"] = s.Rows.Contract, ["orders"] = s.Rows.Order, ["party-members"] = s.Rows.Member,
            ["auctions"] = s.Rows.Auction, ["live"] = s.Rows.Auction, ["rounds"] = s.Rows.Round, ["selection-rounds"] = s.Rows.Round,
            ["projects"] = s.Rows.Project, ["personal-contracts"] = s.Rows.PersonalContract, ["signing-campaigns"] = s.Rows.Campaign,
            ["files"] = s.Rows.File, ["committee-meetings"] = s.Rows.Meeting, ["inbox"] = s.Rows.Notification, ["service-menu"] = s.Rows.ServiceItem,
            ["logs"] = s.Rows.ServiceLog, ["requests"] = s.Rows.Ticket, ["work-calendar"] = 2026, ["certificates"] = s.Rows.Certificate,
            ["open311-clients"] = s.Rows.Open311Client,
        };
    }
}
