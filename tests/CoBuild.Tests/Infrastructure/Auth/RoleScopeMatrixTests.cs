using System.Text;
using CoBuild.Web.Infrastructure.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CoBuild.Tests.Infrastructure.Auth;

/// <summary>
/// Role × scope matrix generated from the endpoint data source: every /api endpoint, every demo role. A new endpoint
/// is covered without editing this test; a route parameter it cannot fill fails the test by name.
///
/// Every route parameter is filled with a record of 府山街道 (a parameter without one fails the test by name), so every
/// signed-in route that takes an id is also asked by the other street (东浦), which must never get a 2xx: a new route is
/// in the scope check without anyone adding it here.
///
/// Writes share the demo database with every other test, so a write is only sent where it cannot reach a handler
/// (anonymous → 401, a role the declared policy excludes → 403) or cannot pass the handler's scope check (the other
/// street on 府山's records, with an empty body). Writes by allowed roles are not sent: a bodiless POST such as
/// /close or /remind would succeed and change data other tests read. Reads are sent for every role.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RoleScopeMatrixTests(AppFixture app, ITestOutputHelper output)
{
    private static readonly (string? User, string? Role)[] Callers =
    [
        (null, null), ("resident.demo", "Resident"), ("member.demo", "PartyMember"), ("unit.drainage", "UnitRep"),
        ("community.jishan", "CommunityCadre"), ("street.fushan", "StreetAdmin"), ("street.dongpu", "StreetAdmin"), ("district.admin", "DistrictAdmin"),
    ];

    /// <summary>Signed-in routes any account of the district may call on another street's record, by design.</summary>
    private static readonly string[] OpenToTheDistrict =
    [
        "POST /api/v1/projects/{id:int}/ratings", // residents district-wide rate an accepted project
        "GET /api/v1/work-calendar/{year:int}", // the district's working-day calendar: a year, not a record
    ];

    /// <summary>A route that names a record by its number (int or long id): its record has a scope.</summary>
    private static bool NamesARecord(EndpointRule e) =>
        e.Endpoint.RoutePattern.Parameters.Any(p => p.ParameterPolicies.Any(c => c.Content is "int" or "long"));

    [Fact]
    public async Task Every_api_endpoint_answers_each_role_as_its_declared_rule_says()
    {
        var endpoints = EndpointRule.Of(app.Services).Where(e => e.IsApi).ToList();
        var values = await RouteValuesAsync();
        var policies = app.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var failures = new List<string>();
        var sent = 0;
        foreach (var e in endpoints)
        {
            var url = Fill(e, values, failures);
            if (url is null) continue;
            var allowed = await AllowedRolesAsync(e, policies);
            foreach (var (user, role) in Callers)
            {
                var excluded = user is null ? !e.Anonymous : !e.Anonymous && allowed is not null && !allowed.Contains(role!);
                var otherStreet = user == "street.dongpu" && !e.Anonymous && NamesARecord(e) && !OpenToTheDistrict.Contains(e.ToString());
                if (e.IsWrite && !excluded && !otherStreet) continue;
                using var request = new HttpRequestMessage(new HttpMethod(e.Method), url);
                if (e.IsWrite) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
                using var response = await (await app.ClientFor(user)).SendAsync(request);
                sent++;
                var status = (int)response.StatusCode;
                var who = user ?? "anonymous";
                if (status >= 500) failures.Add($"{status} for {who}: {e}");
                else if (excluded && user is null && status != 401) failures.Add($"{status} (expected 401) for anonymous: {e}");
                else if (excluded && user is not null && status != 403) failures.Add($"{status} (expected 403, the policy excludes {role}) for {who}: {e}");
                else if (otherStreet && status is >= 200 and < 300) failures.Add($"{status} for street.dongpu on 府山's record: {e} ({url})");
            }
        }
        var scoped = endpoints.Count(e => !e.Anonymous && NamesARecord(e));
        output.WriteLine($"{endpoints.Count} API endpoints, {sent} requests, {scoped} routes asked by the other street");
        Assert.True(endpoints.Count > 100 && sent > 500 && scoped > 50, $"only {endpoints.Count} endpoints / {sent} requests / {scoped} scoped routes");
        Assert.True(failures.Count == 0, $"{failures.Count} answers break the declared rules:\n" + string.Join("\n", failures));
    }

    /// <summary>Roles every declared policy admits (null: any signed-in account).</summary>
    private static async Task<HashSet<string>?> AllowedRolesAsync(EndpointRule e, IAuthorizationPolicyProvider provider)
    {
        HashSet<string>? allowed = null;
        foreach (var data in e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>())
        {
            var policy = data.Policy is null ? null : await provider.GetPolicyAsync(data.Policy);
            var roles = (policy?.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles) ?? [])
                .Concat(data.Roles?.Split(',') ?? []).ToHashSet();
            if (roles.Count == 0) continue;
            allowed = allowed is null ? roles : [.. allowed.Intersect(roles)];
        }
        return allowed;
    }

    private static string? Fill(EndpointRule e, Dictionary<string, string> values, List<string> failures)
    {
        var resource = e.Pattern.Split('/')[3];
        var url = new StringBuilder();
        foreach (var segment in e.Endpoint.RoutePattern.PathSegments)
        {
            url.Append('/');
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal: url.Append(literal.Content); break;
                    case Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p:
                        if (values.TryGetValue($"{resource}:{p.Name}", out var v) || values.TryGetValue(p.Name, out v)) url.Append(v);
                        else
                        {
                            failures.Add($"no demo value for route parameter '{p.Name}' of {e} (add '{resource}:{p.Name}' or '{p.Name}' to RouteValuesAsync)");
                            return null;
                        }
                        break;
                    default: url.Append(part); break;
                }
            }
        }
        return url.ToString();
    }

    /// <summary>Demo ids by route parameter (resource-qualified where an id means different records), each a record of 府山街道.</summary>
    private async Task<Dictionary<string, string>> RouteValuesAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var fushan = await db.OrgUnits.Where(o => o.Name == "府山街道").Select(o => o.Path).SingleAsync();
        // A contract with a delivery, so the contract, commitment and delivery ids are one real chain.
        var delivery = await db.Deliveries.Where(d => db.OrgContracts.Any(c => c.Id == d.ContractId && c.Path.StartsWith(fushan)))
            .OrderBy(d => d.Id).Select(d => new { d.Id, d.ContractId, d.CommitmentId }).FirstAsync();
        var (contract, commitment) = (new { Id = delivery.ContractId }, delivery.CommitmentId);
        var personal = await db.PersonalContracts.Where(c => c.Path.StartsWith(fushan)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var log = await db.ServiceLogs.Where(l => l.Path.StartsWith(fushan)).Select(l => l.Id).FirstAsync();
        var campaign = await db.SigningCampaigns.Where(c => c.Path.StartsWith(fushan)).Select(c => c.Id).FirstAsync();
        var pm = await db.Milestones.Where(m => db.Projects.Any(p => p.Id == m.ProjectId && p.Path.StartsWith(fushan)))
            .OrderBy(m => m.Id).Select(m => new { m.ProjectId, m.Id }).FirstAsync();
        var (project, milestone) = (pm.ProjectId, pm.Id);
        var auction = await db.Auctions.Where(a => a.Path.StartsWith(fushan)).OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var lot = await db.Lots.Where(l => l.AuctionId == auction).Select(l => l.Id).FirstAsync();
        var node = await db.OrgUnits.Where(o => o.Path.StartsWith(fushan) && o.Level == CoBuild.Web.Features.Organizations.OrgLevel.Community).Select(o => o.Id).FirstAsync();
        var member = await db.MemberRegistrations.Where(r => r.CommunityPath.StartsWith(fushan)).Select(r => r.PartyMemberId).FirstAsync();
        var round = await db.SelectionRounds.Where(r => r.Path.StartsWith(fushan)).Select(r => r.Id).FirstAsync();
        var need = await db.Needs.Where(n => n.Path.StartsWith(fushan)).Select(n => n.Id).FirstAsync();
        var resourceId = await db.Resources.Where(r => r.Path.StartsWith(fushan) && r.OwnerUnitId == null).Select(r => r.Id).FirstAsync();
        var offer = await db.Resources.Where(r => r.Path.StartsWith(fushan) && r.OwnerUnitId != null).Select(r => r.Id).FirstAsync();
        var order = await db.Orders.Where(o => o.BeneficiaryPath.StartsWith(fushan)).Select(o => o.Id).FirstAsync();
        var fushanNodes = db.OrgUnits.Where(o => o.Path.StartsWith(fushan)).Select(o => o.Id);
        var meeting = await db.CommitteeMeetings.Where(m => fushanNodes.Contains(m.OrgUnitId)).Select(m => m.Id).FirstAsync();
        var seat = await db.CommitteeSeats.Where(m => fushanNodes.Contains(m.OrgUnitId)).Select(m => m.Id).FirstAsync();
        var note = await db.Notifications.Where(n => n.OrgUnitId != null && fushanNodes.Contains(n.OrgUnitId.Value)).Select(n => n.Id).FirstAsync();
        var item = await db.ServiceItems.Where(i => i.Path.StartsWith(fushan)).Select(i => i.Id).FirstAsync();
        var file = await db.Files.Select(f => f.Id).FirstOrDefaultAsync();
        var ticket = await db.Tickets.Where(t => t.Path.StartsWith(fushan)).OrderBy(t => t.Id).Select(t => t.Id).FirstAsync();
        var open311 = await db.Open311Clients.Select(c => c.Id).FirstOrDefaultAsync();
        var certificate = await db.Certificates.Where(c => c.Path.StartsWith(fushan)).Select(c => c.Id).FirstAsync();
        return new()
        {
            ["org-contracts:id"] = $"{contract.Id}", ["cid"] = $"{commitment}", ["did"] = $"{delivery.Id}", ["number"] = "1", ["answer"] = "confirm",
            ["personal-contracts:id"] = $"{personal}", ["logId"] = $"{log}", ["signing-campaigns:id"] = $"{campaign}",
            ["projects:id"] = $"{project}", ["mid"] = $"{milestone}", ["auctions:id"] = $"{auction}", ["lotId"] = $"{lot}",
            ["org-units:id"] = $"{node}", ["party-members:id"] = $"{member}", ["selection-rounds:id"] = $"{round}", ["needId"] = $"{need}",
            ["needs:id"] = $"{need}", ["resources:id"] = $"{resourceId}", ["offers:id"] = $"{offer}", ["orders:id"] = $"{order}",
            ["action"] = "accept", ["committee-meetings:id"] = $"{meeting}", ["committee-seats:id"] = $"{seat}", ["inbox:id"] = $"{note}",
            ["service-menu:id"] = $"{item}", ["requests:id"] = $"{ticket}", ["year"] = "2026", ["files:id"] = $"{file}", ["list"] = "units", ["kind"] = "units", ["hash"] = "0", ["documentName"] = "v1",
            ["service-menu:id"] = $"{item}", ["files:id"] = $"{file}", ["list"] = "units", ["kind"] = "units", ["hash"] = "0", ["documentName"] = "v1",
            ["certificates:id"] = $"{certificate}", ["token"] = "0", ["open311-clients:id"] = $"{open311}",
        };
    }
}
