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
        var untried = new List<string>();
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
            if (id is null)
            {
                untried.Add($"{route}");
                continue;
            }
            var url = Fill(route.Endpoint.RoutePattern, id.Value);
            using var response = await client.GetAsync(url);
            sent++;
            var body = await TenantIsolationTests.Text(response);
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode}: {route} ({url})");
            else if (response.StatusCode == HttpStatusCode.OK && app.Second.Shows(body))
                failures.Add($"200 with {app.Second.Marker}'s rows: {route} ({url}): {TenantIsolationTests.Clip(body)}");
        }
        output.WriteLine($"{routes.Count} GET routes with an id, {sent} sent with a {app.Second.Marker} id; none of {app.Second.Marker} built for: {string.Join(", ", untried)}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(sent >= 20, $"only {sent} routes tried");
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

    /// <summary>Every id parameter gets the family's id; other parameters a harmless value.</summary>
    private static string Fill(RoutePattern pattern, long id) => "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart l => l.Content,
        RoutePatternParameterPart p when IsId(p) => p.Name is "number" ? "1" : $"{id}",
        RoutePatternParameterPart => "x",
        _ => "",
    }))));

    /// <summary>The second district's id of each route family; null where the fixture builds no such row in it (listed in the output).</summary>
    private Dictionary<string, long?> Ids()
    {
        var s = app.Second;
        return new()
        {
            ["org-units"] = s.Street.Street.Id, ["org"] = s.Street.Street.Id, ["communities"] = s.Street.Community!.Id, ["streets"] = s.Street.Street.Id,
            ["needs"] = s.Street.Need!.Id, ["resources"] = s.Rows.Resource, ["offers"] = s.Rows.Resource,
            ["org-contracts"] = s.Rows.Contract, ["contracts"] = s.Rows.Contract, ["orders"] = s.Rows.Order, ["party-members"] = s.Rows.Member,
            ["auctions"] = null, ["live"] = null, ["rounds"] = null, ["selection-rounds"] = null, ["projects"] = null,
            ["personal-contracts"] = null, ["signing-campaigns"] = null, ["committee-meetings"] = null, ["committee-seats"] = null,
            ["files"] = null, ["inbox"] = null, ["service-menu"] = null, ["logs"] = null,
        };
    }
}
