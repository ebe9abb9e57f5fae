using System.Security.Claims;
using CoBuild.Web.Features.Organizations;
using CoBuild.Web.Infrastructure.ErrorHandling;

namespace CoBuild.Web.Infrastructure.Auth;

/// <summary>Who is calling and over which scope, read from the claims that <see cref="ScopeClaimsFactory"/> writes.</summary>
public sealed record Caller(string UserName, string Role, int DistrictId, int? ScopeOrgUnitId, string? ScopePath, int? UnitId, int? PartyMemberId)
{
    public const string ScopePathClaim = "cb:scope_path";
    public const string ScopeOrgClaim = "cb:scope_org";
    public const string UnitClaim = "cb:unit";
    public const string MemberClaim = "cb:member";
    public const string DistrictClaim = "cb:district";

    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        static int? Int(ClaimsPrincipal u, string type) => int.TryParse(u.FindFirstValue(type), out var v) ? v : null;
        return new Caller(
            user.Identity.Name ?? "",
            user.FindFirstValue(ClaimTypes.Role) ?? Roles.Resident,
            Int(user, DistrictClaim) ?? 0,
            Int(user, ScopeOrgClaim),
            user.FindFirstValue(ScopePathClaim),
            Int(user, UnitClaim),
            Int(user, MemberClaim));
    }

    /// <summary>Binds a handler's <c>Caller</c> parameter; null (no caller) only reaches handlers that allow anonymous calls.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext http) => ValueTask.FromResult(From(http.User));

    /// <summary>The caller an account acts as, for work the app does on someone's behalf (the demo seed, a replay).</summary>
    public static Caller Of(AppUser u) => new(u.UserName ?? "", u.Role, u.DistrictId, u.ScopeOrgUnitId, u.ScopePath, u.UnitId, u.PartyMemberId);

    public bool IsStaff => Roles.Staff.Contains(Role);

    /// <summary>
    /// The one scope rule: back-office staff whose scope holds a record of this district at this path (own node or
    /// below); the district admin's scope is its district's path.
    /// </summary>
    public bool Covers(int districtId, string path) =>
        IsStaff && districtId == DistrictId && ScopePath is not null && path.StartsWith(ScopePath, StringComparison.Ordinal);

    public bool Covers(OrgUnit node) => Covers(node.DistrictId, node.Path);

    /// <summary>The other way round: staff whose own node lies at or below this path (a community under its street's campaign).</summary>
    public bool WorksUnder(int districtId, string path) =>
        IsStaff && districtId == DistrictId && ScopePath is not null && ScopePath.StartsWith(path, StringComparison.Ordinal);

    /// <summary>Path prefix that filters queries to the scope; the district admin sees the whole district.</summary>
    public string PathPrefix => ScopePath ?? throw new Forbidden("当前账号没有组织范围。");

    /// <summary>The one scope check of handlers: a record outside the caller's scope is refused with the handler's message.</summary>
    public void Require(int districtId, string path, string message)
    {
        if (!Covers(districtId, path)) throw new Forbidden(message);
    }

    public void Require(OrgUnit node)
    {
        if (!Covers(node)) throw new Forbidden($"“{node.Name}”不在您的管理范围内。");
    }
}
