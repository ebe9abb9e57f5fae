using Microsoft.AspNetCore.Identity;

namespace CoBuild.Web.Infrastructure.Auth;

/// <summary>An account bound to one role and one scope: an org node, or a unit, or (for members) a person.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = Roles.Resident;
    public int DistrictId { get; set; }
    public int? ScopeOrgUnitId { get; set; }
    /// <summary>Path of the scope node, copied so a scope check needs no query.</summary>
    public string? ScopePath { get; set; }
    public int? UnitId { get; set; }
    public int? PartyMemberId { get; set; }
}

public static class Roles
{
    public const string DistrictAdmin = nameof(DistrictAdmin);
    public const string StreetAdmin = nameof(StreetAdmin);
    public const string CommunityCadre = nameof(CommunityCadre);
    public const string UnitRep = nameof(UnitRep);
    public const string PartyMember = nameof(PartyMember);
    public const string Resident = nameof(Resident);
    public const string Department = nameof(Department);

    public static readonly string[] All = [DistrictAdmin, StreetAdmin, CommunityCadre, UnitRep, PartyMember, Resident, Department];

    /// <summary>Roles that work in the back office over an org node.</summary>
    public static readonly string[] Staff = [DistrictAdmin, StreetAdmin, CommunityCadre];

    public static string Name(string role) => role switch
    {
        DistrictAdmin => "区委组织部",
        StreetAdmin => "街道党工委",
        CommunityCadre => "社区干部",
        UnitRep => "共建单位代表",
        PartyMember => "在职党员",
        Department => "区级部门",
        _ => "居民",
    };
}

public static class Policies
{
    public const string Staff = nameof(Staff);
    public const string DistrictAdmin = nameof(DistrictAdmin);
    /// <summary>Street party committees (and the district above them): auctions, selection rounds.</summary>
    public const string StreetOrDistrict = nameof(StreetOrDistrict);
    /// <summary>Any signed-in account; what it may see is then decided by its scope.</summary>
    public const string SignedIn = nameof(SignedIn);
}
