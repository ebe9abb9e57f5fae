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

    /// <summary>Resources whose records 府山 owns and another street may not read or change.</summary>
    private static readonly string[] Scoped = ["org-contracts", "personal-contracts", "signing-campaigns", "party-members"];

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
            var resource = e.Pattern.Split('/')[3];
            foreach (var (user, role) in Callers)
            {
                var excluded = user is null ? !e.Anonymous : !e.Anonymous && allowed is not null && !allowed.Contains(role!);
                var otherStreet = user == "street.dongpu" && Scoped.Contains(resource) && e.Endpoint.RoutePattern.Parameters.Count > 0;
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
        output.WriteLine($"{endpoints.Count} API endpoints, {sent} requests");
        Assert.True(endpoints.Count > 100 && sent > 500, $"only {endpoints.Count} endpoints / {sent} requests");
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

    /// <summary>Demo ids by route parameter (resource-qualified where an id means different records), in 府山's scope.</summary>
    private async Task<Dictionary<string, string>> RouteValuesAsync()
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var fushan = await db.OrgUnits.Where(o => o.Name == "府山街道").Select(o => o.Path).SingleAsync();
        var contract = await db.OrgContracts.Where(c => c.Path.StartsWith(fushan)).OrderBy(c => c.Id).Select(c => new { c.Id }).FirstAsync();
        var commitment = await db.Commitments.Where(c => c.ContractId == contract.Id).Select(c => c.Id).FirstOrDefaultAsync();
        var delivery = await db.Deliveries.Where(d => d.ContractId == contract.Id).Select(d => d.Id).FirstOrDefaultAsync();
        var personal = await db.PersonalContracts.Where(c => c.Path.StartsWith(fushan)).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var log = await db.ServiceLogs.Where(l => l.Path.StartsWith(fushan)).Select(l => l.Id).FirstOrDefaultAsync();
        var campaign = await db.SigningCampaigns.Where(c => c.Path.StartsWith(fushan)).Select(c => c.Id).FirstOrDefaultAsync();
        var project = await db.Projects.Where(p => p.Path.StartsWith(fushan)).Select(p => p.Id).FirstAsync();
        var milestone = await db.Milestones.Where(m => m.ProjectId == project).Select(m => m.Id).FirstOrDefaultAsync();
        var auction = await db.Auctions.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync();
        var lot = await db.Lots.Where(l => l.AuctionId == auction).Select(l => l.Id).FirstOrDefaultAsync();
        var node = await db.OrgUnits.Where(o => o.Path.StartsWith(fushan) && o.Level == CoBuild.Web.Features.Organizations.OrgLevel.Community).Select(o => o.Id).FirstAsync();
        var member = await db.MemberRegistrations.Where(r => r.CommunityPath.StartsWith(fushan)).Select(r => r.PartyMemberId).FirstAsync();
        var round = await db.SelectionRounds.Select(r => r.Id).FirstOrDefaultAsync();
        var need = await db.Needs.Select(n => n.Id).FirstAsync();
        var resourceId = await db.Resources.Select(r => r.Id).FirstAsync();
        var order = await db.Orders.Select(o => o.Id).FirstOrDefaultAsync();
        var meeting = await db.CommitteeMeetings.Select(m => m.Id).FirstOrDefaultAsync();
        var seat = await db.CommitteeSeats.Select(m => m.Id).FirstOrDefaultAsync();
        var note = await db.Notifications.Select(n => n.Id).FirstOrDefaultAsync();
        var item = await db.ServiceItems.Where(i => i.Path.StartsWith(fushan)).Select(i => i.Id).FirstOrDefaultAsync();
        var file = await db.Files.Select(f => f.Id).FirstOrDefaultAsync();
        return new()
        {
            ["org-contracts:id"] = $"{contract.Id}", ["cid"] = $"{commitment}", ["did"] = $"{delivery}", ["number"] = "1", ["answer"] = "confirm",
            ["personal-contracts:id"] = $"{personal}", ["logId"] = $"{log}", ["signing-campaigns:id"] = $"{campaign}",
            ["projects:id"] = $"{project}", ["mid"] = $"{milestone}", ["auctions:id"] = $"{auction}", ["lotId"] = $"{lot}",
            ["org-units:id"] = $"{node}", ["party-members:id"] = $"{member}", ["selection-rounds:id"] = $"{round}", ["needId"] = $"{need}",
            ["needs:id"] = $"{need}", ["resources:id"] = $"{resourceId}", ["offers:id"] = $"{resourceId}", ["orders:id"] = $"{order}",
            ["action"] = "accept", ["committee-meetings:id"] = $"{meeting}", ["committee-seats:id"] = $"{seat}", ["inbox:id"] = $"{note}",
            ["service-menu:id"] = $"{item}", ["files:id"] = $"{file}", ["list"] = "units", ["kind"] = "units", ["hash"] = "0", ["documentName"] = "v1",
        };
    }
}
