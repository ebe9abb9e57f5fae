using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CoBuild.Web.Infrastructure.Auth;

/// <summary>Writes role and scope into the principal so every request can check scope without a query.</summary>
internal sealed class ScopeClaimsFactory(UserManager<AppUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var id = await base.GenerateClaimsAsync(user);
        id.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        id.AddClaim(new Claim(ClaimTypes.GivenName, user.DisplayName));
        id.AddClaim(new Claim(Caller.DistrictClaim, user.DistrictId.ToString()));
        if (user.ScopeOrgUnitId is { } org) id.AddClaim(new Claim(Caller.ScopeOrgClaim, org.ToString()));
        if (user.ScopePath is { } path) id.AddClaim(new Claim(Caller.ScopePathClaim, path));
        if (user.UnitId is { } unit) id.AddClaim(new Claim(Caller.UnitClaim, unit.ToString()));
        if (user.PartyMemberId is { } member) id.AddClaim(new Claim(Caller.MemberClaim, member.ToString()));
        return id;
    }
}
